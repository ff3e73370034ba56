"""Seed the signatories of the 2018 intentieverklaring (5 April 2018), the themes and the target
groups of the knowledge base; on PostgreSQL add the GIN index on the search vector.

Data, not code: staff change organisations in the admin. The 'several political parties'
among the signatories are not named in the source documents, so none are seeded; staff add
them with kind 'party'. Websites are filled in only where they are well known.
"""

from datetime import date

from django.db import migrations

INTENTIEVERKLARING = date(2018, 4, 5)
RIJKSOVERHEID = "https://www.rijksoverheid.nl/ministeries/"

# slug, name, abbreviation, kind, website
ORGANISATIONS = [
    (
        "bzk",
        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        "BZK",
        "ministry",
        RIJKSOVERHEID + "ministerie-van-binnenlandse-zaken-en-koninkrijksrelaties",
    ),
    (
        "jenv",
        "Ministerie van Justitie en Veiligheid",
        "JenV",
        "ministry",
        RIJKSOVERHEID + "ministerie-van-justitie-en-veiligheid",
    ),
    (
        "nvvr",
        "Nederlandse Vereniging voor Raadsleden",
        "NVvR",
        "association",
        "https://www.raadsleden.nl",
    ),
    (
        "ngb",
        "Nederlands Genootschap van Burgemeesters",
        "NGB",
        "association",
        "https://www.burgemeesters.nl",
    ),
    (
        "wethoudersvereniging",
        "Wethoudersvereniging",
        "",
        "association",
        "https://www.wethoudersvereniging.nl",
    ),
    ("statenlidnu", "StatenlidNu", "", "association", ""),
    ("kring-cdk", "Kring van Commissarissen van de Koning", "", "association", ""),
    ("vvg", "Vereniging van Griffiers", "VvG", "association", "https://www.griffiers.nl"),
    ("vgs", "Vereniging van Gemeentesecretarissen", "VGS", "association", ""),
    ("vng", "Vereniging van Nederlandse Gemeenten", "VNG", "umbrella", "https://vng.nl"),
    ("ipo", "Interprovinciaal Overleg", "IPO", "umbrella", "https://www.ipo.nl"),
    ("uvw", "Unie van Waterschappen", "UvW", "umbrella", "https://www.uvw.nl"),
    (
        "steunpunt-integriteit",
        "Steunpunt Integriteitsonderzoek Politieke Ambtsdragers",
        "",
        "expertise",
        "",
    ),
    (
        "kring-voorzitters-waterschappen",
        "Vereniging Kring Voorzitters van Waterschappen",
        "",
        "association",
        "",
    ),
    (
        "vbdbw",
        "Vereniging Belangenbehartiging Dagelijks Bestuurders van Waterschappen",
        "",
        "association",
        "",
    ),
    ("vereniging-waterschapbestuurders", "Vereniging Waterschapbestuurders", "", "association", ""),
    ("arq", "Arq Psychotrauma Expert Groep", "Arq", "expertise", "https://www.arq.org"),
    (
        "liec-riec",
        "Landelijk en Regionale Informatie- en Expertisecentra",
        "LIEC/RIEC",
        "expertise",
        "https://www.riec.nl",
    ),
    (
        "caop",
        "Centrum voor Arbeidsverhoudingen Overheidspersoneel",
        "CAOP",
        "expertise",
        "https://www.caop.nl",
    ),
    (
        "ccv",
        "Centrum voor Criminaliteitspreventie en Veiligheid",
        "CCV",
        "expertise",
        "https://hetccv.nl",
    ),
    ("vertrouwenslijn", "NL Confidential / de Vertrouwenslijn", "", "expertise", ""),
]

THEMES = [
    ("veilig-vergaderen", "Veilig vergaderen"),
    ("online-dreiging", "Online dreiging en haat"),
    ("veilige-woning", "Veilig wonen"),
    ("integriteit", "Integriteit"),
    ("nazorg", "Nazorg en steun"),
    ("aangifte", "Melding en aangifte"),
    ("ondermijning", "Ondermijning"),
]

TARGET_GROUPS = [
    ("burgemeester", "Burgemeesters"),
    ("wethouder", "Wethouders"),
    ("raadslid", "Raadsleden"),
    ("statenlid", "Statenleden en gedeputeerden"),
    ("cdk", "Commissarissen van de Koning"),
    ("waterschapsbestuurder", "Waterschapsbestuurders"),
    ("griffier", "Griffiers"),
    ("ambtenaar", "Gemeentesecretarissen en ambtenaren"),
]


def seed(apps, schema_editor):
    PartnerOrganisation = apps.get_model("network", "PartnerOrganisation")
    Theme = apps.get_model("network", "Theme")
    TargetGroup = apps.get_model("network", "TargetGroup")
    for slug, name, abbreviation, kind, website in ORGANISATIONS:
        PartnerOrganisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "abbreviation": abbreviation,
                "kind": kind,
                "website": website,
                "joined_on": INTENTIEVERKLARING,
            },
        )
    for position, (slug, name) in enumerate(THEMES):
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})
    for position, (slug, name) in enumerate(TARGET_GROUPS):
        TargetGroup.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


INDEX = "network_knowledge_search_gin"


def add_search_index(apps, schema_editor):
    # A GIN index is PostgreSQL only; SQLite searches without one (see selectors.py).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON network_knowledgeitem USING gin (search_vector)"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(add_search_index, drop_search_index),
    ]

"""English names for the seeded themes and target groups of the knowledge base. Only a name that
is still the seeded Dutch gets the English, and a translation staff wrote is never overwritten.
Idempotent: `translate` runs again after a test flushed the tables (network/reference_data.py).

Partner organisations keep their names: they are proper names, in Dutch in English too."""

from django.db import migrations

# slug: (seeded Dutch name, English name)
THEMES = {
    "veilig-vergaderen": ("Veilig vergaderen", "Safe meetings"),
    "online-dreiging": ("Online dreiging en haat", "Online threats and hate"),
    "veilige-woning": ("Veilig wonen", "A safe home"),
    "integriteit": ("Integriteit", "Integrity"),
    "nazorg": ("Nazorg en steun", "Aftercare and support"),
    "aangifte": ("Melding en aangifte", "Reporting and police reports"),
    "ondermijning": ("Ondermijning", "Undermining (ondermijning)"),
}

TARGET_GROUPS = {
    "burgemeester": ("Burgemeesters", "Mayors"),
    "wethouder": ("Wethouders", "Aldermen"),
    "raadslid": ("Raadsleden", "Council members"),
    "statenlid": ("Statenleden en gedeputeerden", "Provincial Council and executive members"),
    "cdk": ("Commissarissen van de Koning", "King's Commissioners"),
    "waterschapsbestuurder": ("Waterschapsbestuurders", "Water board members"),
    "griffier": ("Griffiers", "Clerks (griffiers)"),
    "ambtenaar": (
        "Gemeentesecretarissen en ambtenaren",
        "Municipal secretaries and civil servants",
    ),
}


def translate(apps, schema_editor):
    for model_name, names in (("Theme", THEMES), ("TargetGroup", TARGET_GROUPS)):
        model = apps.get_model("network", model_name)
        for slug, (dutch, english) in names.items():
            model.objects.filter(slug=slug, name=dutch, name_en="").update(name_en=english)


class Migration(migrations.Migration):
    dependencies = [("network", "0005_english_names")]

    operations = [migrations.RunPython(translate, migrations.RunPython.noop)]

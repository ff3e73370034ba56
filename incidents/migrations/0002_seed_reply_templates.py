"""Standard Dutch replies staff can start a message from. Idempotent: `seed` only adds the
replies whose title is missing, so it can run again after a test flushed the table."""

from django.db import migrations

REPLIES = [
    (
        "Ontvangst bevestigd",
        "Beste melder,\n\nWij hebben uw melding ontvangen en nemen die serieus. Een medewerker "
        "van het Netwerk Weerbaar Bestuur neemt binnen één werkdag contact met u op. Bent u in "
        "direct gevaar? Bel dan altijd 112.\n\nMet vriendelijke groet,\nNetwerk Weerbaar Bestuur",
    ),
    (
        "Advies aangifte met VPT-code",
        "Beste melder,\n\nWij raden u aan aangifte te doen bij de politie. Vraag daarbij "
        "nadrukkelijk om de VPT-code (Veilige Publieke Taak) op uw "
        "aangifte: dan gelden de Eenduidige Landelijke Afspraken (ELA) en krijgt uw zaak voorrang "
        "bij politie en Openbaar Ministerie. U kunt het dossier uit dit portaal meenemen.\n\nMet "
        "vriendelijke groet,\nNetwerk Weerbaar Bestuur",
    ),
    (
        "Meer informatie nodig",
        "Beste melder,\n\nOm u goed te kunnen helpen, willen wij graag iets meer weten. Kunt u "
        "in een bericht hieronder aanvullen wat er precies is gebeurd en wanneer?\n\nMet "
        "vriendelijke groet,\nNetwerk Weerbaar Bestuur",
    ),
    (
        "Ondersteuningsteam ingeschakeld",
        "Beste melder,\n\nWij hebben het Ondersteuningsteam Weerbaar Bestuur gevraagd contact met "
        "u op te nemen. Een vertrouwenspersoon belt of mailt u op de manier die u heeft "
        "aangegeven.\n\nMet vriendelijke groet,\nNetwerk Weerbaar Bestuur",
    ),
    (
        "Afsluiting",
        "Beste melder,\n\nWij sluiten uw melding af. Gebeurt er opnieuw iets, of wilt u toch "
        "nog hulp? Stuur dan een bericht: wij openen de melding weer.\n\nMet vriendelijke groet,"
        "\nNetwerk Weerbaar Bestuur",
    ),
]


def seed(apps, schema_editor):
    ReplyTemplate = apps.get_model("incidents", "ReplyTemplate")
    for position, (title, body) in enumerate(REPLIES):
        if not ReplyTemplate.objects.filter(title=title).exists():
            ReplyTemplate.objects.create(title=title, body=body, position=position)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

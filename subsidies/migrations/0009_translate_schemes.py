"""English for the two seeded schemes: their description and measure types. The scheme names
(Veilig Vergaderen, Fonds beveiligingsmaatregelen) are proper names and stay as they are.

A text staff already translated is never overwritten, and a description is translated only
while it is still the seeded Dutch. Idempotent: `translate` runs again after a test flushed the
table (subsidies/reference_data.py)."""

import importlib

from django.db import migrations

DESCRIPTIONS_EN = {
    "veilig-vergaderen": (
        "A contribution towards measures that keep meetings of municipal councils and "
        "Provincial Councils open to the public and safe. The first group of 28 municipalities "
        "and provinces takes part in a national learning network; the lessons are shared with "
        "all governments."
    ),
    "fonds-beveiligingsmaatregelen": (
        "Extra security measures for threatened mayors, aldermen and council members, so that "
        "no one decides not to report a threat for fear of a debate about the cost of their "
        "protection."
    ),
}

MEASURE_KINDS_EN = {
    "room_layout": "A different layout of the meeting room",
    "exits": "Escape routes and exits",
    "access_control": "Access control",
    "camera_alarm": "Cameras or alarm systems",
    "training": "Training for chairs and clerks (griffiers)",
    "incident_follow_up": "Procedures for following up incidents",
    "home_security": "Securing the home",
    "personal_security": "Personal protection",
    "alarm": "Alarm system",
    "other_security": "Other security measure",
}


def translate(apps, schema_editor):
    GrantScheme = apps.get_model("subsidies", "GrantScheme")
    seed = importlib.import_module("subsidies.migrations.0002_seed_schemes")
    dutch = dict(seed.VEILIG_VERGADEREN_MEASURES + seed.SECURITY_FUND_MEASURES)
    for scheme in GrantScheme.objects.filter(slug__in=DESCRIPTIONS_EN):
        fields = []
        if not scheme.description_en and scheme.description == _seeded_description(scheme):
            scheme.description_en = DESCRIPTIONS_EN[scheme.slug]
            fields.append("description_en")
        translations = dict(scheme.measure_kinds_en or {})
        for code, label in scheme.measure_kinds or []:
            # Only a measure type still worded as seeded: the English says the same.
            if code not in translations and dutch.get(code) == label and code in MEASURE_KINDS_EN:
                translations[code] = MEASURE_KINDS_EN[code]
        if translations != (scheme.measure_kinds_en or {}):
            scheme.measure_kinds_en = translations
            fields.append("measure_kinds_en")
        if fields:
            scheme.save(update_fields=fields)


def _seeded_description(scheme):
    return {
        "veilig-vergaderen": (
            "Een bijdrage voor maatregelen die raads- en Statenvergaderingen openbaar en "
            "veilig houden. De eerste groep van 28 gemeenten en provincies doet mee aan een "
            "landelijk lerend netwerk; de lessen worden met alle overheden gedeeld."
        ),
        "fonds-beveiligingsmaatregelen": (
            "Extra beveiligingsmaatregelen voor bedreigde burgemeesters, wethouders en "
            "raadsleden, zodat niemand afziet van een melding uit angst voor een debat over "
            "de kosten van zijn of haar beveiliging."
        ),
    }[scheme.slug]


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0008_english_content")]

    operations = [migrations.RunPython(translate, migrations.RunPython.noop)]

"""Seed the two schemes of the issue. Data, not code: staff change them in the admin."""

from datetime import date
from decimal import Decimal

from django.db import migrations

VEILIG_VERGADEREN_MEASURES = [
    ["room_layout", "Andere indeling van de vergaderzaal"],
    ["exits", "Vluchtwegen en uitgangen"],
    ["access_control", "Toegangscontrole"],
    ["camera_alarm", "Camera- of alarmvoorzieningen"],
    ["training", "Training van voorzitters en griffiers"],
    ["incident_follow_up", "Procedures voor de opvolging van incidenten"],
]

SECURITY_FUND_MEASURES = [
    ["home_security", "Beveiliging van de woning"],
    ["personal_security", "Persoonsbeveiliging"],
    ["alarm", "Alarmvoorziening"],
    ["other_security", "Andere beveiligingsmaatregel"],
]


def seed(apps, schema_editor):
    GrantScheme = apps.get_model("subsidies", "GrantScheme")
    GrantScheme.objects.update_or_create(
        slug="veilig-vergaderen",
        defaults={
            "name": "Veilig Vergaderen",
            "description": (
                "Een bijdrage voor maatregelen die raads- en Statenvergaderingen openbaar en "
                "veilig houden. De eerste groep van 28 gemeenten en provincies doet mee aan een "
                "landelijk lerend netwerk; de lessen worden met alle overheden gedeeld."
            ),
            "reference_prefix": "VV",
            "budget_ceiling": Decimal("3000000.00"),
            "opens_on": date(2026, 1, 1),
            "closes_on": date(2027, 12, 31),
            "eligible_body_kinds": ["municipality", "province"],
            "max_per_applicant": Decimal("150000.00"),
            "measure_kinds": VEILIG_VERGADEREN_MEASURES,
            "required_attachment_kinds": ["floor_plan", "quote"],
            "cohort_size": 28,
        },
    )
    GrantScheme.objects.update_or_create(
        slug="fonds-beveiligingsmaatregelen",
        defaults={
            "name": "Fonds beveiligingsmaatregelen",
            "description": (
                "Extra beveiligingsmaatregelen voor bedreigde burgemeesters, wethouders en "
                "raadsleden, zodat niemand afziet van een melding uit angst voor een debat over "
                "de kosten van zijn of haar beveiliging."
            ),
            "reference_prefix": "FB",
            "budget_ceiling": Decimal("1000000.00"),
            "opens_on": date(2026, 1, 1),
            "closes_on": date(2027, 12, 31),
            # Water boards since 0012 (their officeholders are threatened too); the seed loaded
            # again in tests matches what 0012 makes of an existing database.
            "eligible_body_kinds": ["municipality", "province", "water_board"],
            "max_per_applicant": Decimal("50000.00"),
            "measure_kinds": SECURITY_FUND_MEASURES,
            "required_attachment_kinds": ["quote"],
            "cohort_size": None,
            # The field came with 0004; tests that load this seed again get it right too.
            **({"applicant_kind": "officeholder"} if _has_applicant_kind(GrantScheme) else {}),
        },
    )


def _has_applicant_kind(model):
    return any(field.name == "applicant_kind" for field in model._meta.get_fields())


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

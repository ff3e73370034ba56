"""Demo content for `manage.py seed_demo`: applications of griffier@demo.test (Utrecht, GM0344).

One Veilig Vergaderen application that is sent in (bzk@demo.test can review it), and a draft of
burgemeester@demo.test for the security measures fund (the officeholder's own, which the griffie
never sees), stopped after step 2, to show how a draft resumes. Idempotent.
"""

from decimal import Decimal

from accounts.models import Role, User
from government.models import GovernmentBody

from . import actions
from .demo_files import demo_pdf
from .models import GrantApplication, GrantScheme


def seed(stdout):
    griffier = User.objects.filter(email="griffier@demo.test").first()
    body = GovernmentBody.objects.filter(kind="municipality", code="GM0344").first()
    if griffier is None or body is None:
        return
    created = 0
    scheme = GrantScheme.objects.filter(slug="veilig-vergaderen").first()
    if scheme and not GrantApplication.objects.filter(scheme=scheme, body=body).exists():
        _veilig_vergaderen(griffier, scheme, body)
        created += 1
    fund = GrantScheme.objects.filter(slug="fonds-beveiligingsmaatregelen").first()
    mayor = User.objects.filter(email="burgemeester@demo.test").first()
    mayor_body = (
        mayor.role_assignments.filter(role=Role.OFFICEHOLDER).values_list("body", flat=True).first()
        if mayor
        else None
    )
    if fund and mayor_body and not GrantApplication.objects.filter(scheme=fund).exists():
        application = actions.application_start(
            actor=mayor, scheme=fund, body=GovernmentBody.objects.get(pk=mayor_body)
        )
        actions.application_save_step(
            actor=mayor,
            application=application,
            step=1,
            data={"current_situation": "Er staan 's avonds onbekenden bij mijn huis."},
        )
        actions.application_save_lines(
            actor=mayor,
            application=application,
            step=2,
            lines=[
                {
                    "kind": "home_security",
                    "description": "Inbraakwerend hang- en sluitwerk",
                    "cost": Decimal("3450.00"),
                }
            ],
        )
        created += 1
    if created:
        stdout.write(f"Subsidies: {created} demo application(s).")


def _veilig_vergaderen(griffier, scheme, body):
    application = actions.application_start(actor=griffier, scheme=scheme, body=body)
    actions.application_save_step(
        actor=griffier,
        application=application,
        step=1,
        data={
            "current_situation": (
                "De publieke tribune grenst direct aan de raadstafel; er is één uitgang, "
                "die ook door het publiek wordt gebruikt."
            ),
            "incidents": (
                "Tijdens twee raadsvergaderingen over de opvang van asielzoekers werden "
                "raadsleden vanaf de tribune uitgescholden en bedreigd."
            ),
        },
    )
    actions.application_save_lines(
        actor=griffier,
        application=application,
        step=2,
        lines=[
            {
                "kind": "room_layout",
                "description": "Tribune verplaatsen en een afscheiding plaatsen",
                "cost": Decimal("18500.00"),
            },
            {
                "kind": "exits",
                "description": "Aparte uitgang voor raadsleden",
                "cost": Decimal("9250.50"),
            },
            {
                "kind": "training",
                "description": "Training voor de voorzitter en de griffie",
                "cost": Decimal("4200.00"),
            },
        ],
    )
    actions.application_save_step(
        actor=griffier,
        application=application,
        step=3,
        data={
            "planning": "Uitvoering in het zomerreces; training in september.",
            "co_financing": Decimal("5000.00"),
            "co_financing_note": "Eigen bijdrage uit het budget van de griffie.",
        },
    )
    actions.application_save_step(
        actor=griffier,
        application=application,
        step=4,
        data={
            "contact_name": griffier.full_name,
            "contact_email": griffier.email,
            "contact_phone": "030 000 0000",
        },
    )
    for kind in scheme.required_attachment_kinds:
        actions.attachment_add(
            actor=griffier, application=application, kind=kind, uploaded_file=demo_pdf(kind)
        )
    actions.application_save_step(actor=griffier, application=application, step=5, data={})
    actions.application_submit(actor=griffier, application=application)

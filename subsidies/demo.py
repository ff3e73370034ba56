"""Demo content for `manage.py seed_demo`: applications of griffier@demo.test (Utrecht, GM0344).

One Veilig Vergaderen application that is sent in (bzk@demo.test can review it), and a draft of
burgemeester@demo.test for the security measures fund (the officeholder's own, which the griffie
never sees), stopped after step 2, to show how a draft resumes; and an application the mayor
started on behalf of wethouder@demo.test (Utrecht), who consented: the mayor filled in the
situation, a measure and the police's advice, the alderman sees it as their own and can
withdraw the consent. Utrecht also has a paid grant of
an earlier round, "Veilig Vergaderen 2025", with the griffier's invoice, whose account
(verantwoording) is due in 18 days:
BZK moved the date, the staff list shows it under "Verantwoording binnen 4 weken", and the
griffier sees the date and the account form. Idempotent.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts import actions as account_actions
from accounts.models import Role, User
from government.models import GovernmentBody

from . import actions
from .demo_files import demo_pdf
from .models import GrantApplication, GrantScheme
from .workflow import Status

EARLIER_ROUND = "veilig-vergaderen-2025"


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
    if (
        fund
        and mayor_body
        and not GrantApplication.objects.filter(scheme=fund, applicant=mayor).exists()
    ):
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
    alderman = User.objects.filter(email="wethouder@demo.test").first()
    if (
        fund
        and mayor
        and alderman
        and not GrantApplication.objects.filter(scheme=fund, on_behalf_by=mayor).exists()
    ):
        _on_behalf(mayor, alderman, fund)
        created += 1
    staff = User.objects.filter(email="bzk@demo.test").first()
    if scheme and staff and not GrantScheme.objects.filter(slug=EARLIER_ROUND).exists():
        _paid_grant_of_an_earlier_round(griffier, staff, scheme, body)
        created += 1
    if created:
        stdout.write(f"Subsidies: {created} demo application(s).")


def _on_behalf(mayor, alderman, fund):
    """The mayor asks to apply for the alderman; the alderman consents; the mayor fills in."""
    assignment = alderman.role_assignments.filter(role=Role.OFFICEHOLDER).first()
    if assignment is None or not fund.is_open():
        return
    application = actions.application_start_on_behalf(
        actor=mayor, scheme=fund, assignment=assignment
    )
    actions.consent_give(actor=alderman, application=application)
    actions.application_save_step(
        actor=mayor,
        application=application,
        step=1,
        data={"current_situation": "De wethouder wordt sinds een raadsdebat gevolgd naar huis."},
    )
    actions.application_save_lines(
        actor=mayor,
        application=application,
        step=2,
        lines=[
            {
                "kind": "alarm",
                "description": "Alarmvoorziening met doormelding",
                "cost": Decimal("1850.00"),
            }
        ],
    )
    actions.attachment_add(
        actor=mayor,
        application=application,
        kind="security_advice",
        uploaded_file=demo_pdf("advies-politie"),
    )


def _paid_grant_of_an_earlier_round(griffier, staff, current, body):
    """A round that ran in 2025 (opened for today only while the demo goes through the steps),
    assessed by a colleague who has since left (four eyes), decided and paid by bzk@demo.test;
    the account's due date moved to 18 days from now."""
    today = timezone.localdate()
    scheme = GrantScheme.objects.create(
        name="Veilig Vergaderen 2025",
        slug=EARLIER_ROUND,
        description=current.description,
        description_en=current.description_en,
        reference_prefix="VV25",
        budget_ceiling=Decimal("1000000.00"),
        opens_on=date(2025, 1, 1),
        closes_on=today,
        eligible_body_kinds=current.eligible_body_kinds,
        max_per_applicant=current.max_per_applicant,
        measure_kinds=current.measure_kinds,
        measure_kinds_en=current.measure_kinds_en,
        required_attachment_kinds=current.required_attachment_kinds,
    )
    application = actions.application_start(actor=griffier, scheme=scheme, body=body)
    actions.application_save_step(
        actor=griffier,
        application=application,
        step=1,
        data={"current_situation": "De raadszaal had geen aparte uitgang voor raadsleden."},
    )
    actions.application_save_lines(
        actor=griffier,
        application=application,
        step=2,
        lines=[
            {
                "kind": "incident_follow_up",
                "description": "Protocol voor de opvolging van incidenten in de raadszaal",
                "cost": Decimal("6400.00"),
            }
        ],
    )
    actions.application_save_step(
        actor=griffier, application=application, step=3, data={"planning": "Voor 1 juli 2025."}
    )
    actions.application_save_step(
        actor=griffier,
        application=application,
        step=4,
        data={"contact_name": griffier.full_name, "contact_email": griffier.email},
    )
    for kind in scheme.required_attachment_kinds:
        actions.attachment_add(
            actor=griffier, application=application, kind=kind, uploaded_file=demo_pdf(kind)
        )
    actions.application_submit(actor=griffier, application=application)
    colleague = User.objects.create_user(
        email="k.deboer@bzk.example.test", password=None, full_name="Karin de Boer"
    )
    account_actions.role_assign(actor=None, user=colleague, role=Role.TRIAGE)
    actions.application_transition(
        actor=colleague, application=application, to_status=Status.IN_REVIEW
    )
    actions.assessment_record(
        actor=colleague,
        application=application,
        body_eligible=True,
        measures_eligible=True,
        attachments_complete=True,
        costs_reasonable=True,
        score=4,
        advice="grant",
    )
    # She has left: bzk@demo.test stays the only active case handler.
    colleague.is_active = False
    colleague.save(update_fields=["is_active"])
    decision = actions.application_decide(
        actor=staff, application=application, outcome=Status.GRANTED, amounts={}
    )
    actions.decision_send(actor=staff, decision=decision)
    actions.application_mark_paid(actor=staff, application=application)
    actions.invoice_add(actor=griffier, application=application, uploaded_file=demo_pdf("factuur"))
    actions.account_due_date_move(
        actor=staff,
        application=application,
        due_on=today + timedelta(days=18),
        reason="De uitvoering liep vertraging op door de verbouwing van de raadszaal.",
    )
    GrantScheme.objects.filter(pk=scheme.pk).update(
        closes_on=min(date(2025, 12, 31), today - timedelta(days=1))
    )


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

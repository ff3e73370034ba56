"""Test data for grant applications, built through the actions where it matters."""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests import factories as people
from subsidies import actions
from subsidies.models import GrantScheme
from subsidies.workflow import Status

# A one-page PDF: uploads are read by a real PDF parser, which refuses a file without pages.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def veilig_vergaderen():
    return GrantScheme.objects.get(slug="veilig-vergaderen")


def pdf_upload(name="offerte.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def png_upload(name="plattegrond.png"):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def draft(griffier=None, scheme=None, body=None, costs=("12500.00", "2500.50")):
    """A complete draft, ready to be sent in."""
    griffier = griffier or people.griffier()
    body = body or griffier.role_assignments.get(role="griffier").body
    scheme = scheme or veilig_vergaderen()
    application = actions.application_start(actor=griffier, scheme=scheme, body=body)
    actions.application_save_step(
        actor=griffier,
        application=application,
        step=1,
        data={
            "current_situation": "De publieke tribune grenst direct aan de raadstafel.",
            "incidents": "Tijdens de begrotingsraad werd een raadslid bedreigd.",
        },
    )
    kinds = [code for code, _label in scheme.measure_kinds]
    actions.application_save_lines(
        actor=griffier,
        application=application,
        step=2,
        lines=[
            {"kind": kinds[i % len(kinds)], "description": f"Maatregel {i + 1}", "cost": Decimal(c)}
            for i, c in enumerate(costs)
        ],
    )
    actions.application_save_step(
        actor=griffier,
        application=application,
        step=3,
        data={"planning": "Voor het zomerreces klaar.", "co_financing": Decimal("1000.00")},
    )
    actions.application_save_step(
        actor=griffier,
        application=application,
        step=4,
        data={"contact_name": "Fatima El Amrani", "contact_email": "griffie@example.test"},
    )
    for kind in scheme.required_attachment_kinds:
        actions.attachment_add(
            actor=griffier, application=application, kind=kind, uploaded_file=pdf_upload()
        )
    application.refresh_from_db()
    return application


def submitted(**kwargs):
    application = draft(**kwargs)
    return actions.application_submit(actor=application.created_by, application=application)


def in_review(staff=None, **kwargs):
    application = submitted(**kwargs)
    staff = staff or people.triage_staff()
    return actions.application_transition(
        actor=staff, application=application, to_status=Status.IN_REVIEW
    )


def assessed(reviewer=None, **kwargs):
    reviewer = reviewer or people.triage_staff()
    application = in_review(staff=reviewer, **kwargs)
    actions.assessment_record(
        actor=reviewer,
        application=application,
        body_eligible=True,
        measures_eligible=True,
        attachments_complete=True,
        costs_reasonable=True,
        score=4,
        advice="grant",
    )
    return application


def decided(outcome=Status.GRANTED, decider=None, amounts=None, **kwargs):
    application = assessed(**kwargs)
    decider = decider or people.triage_staff()
    decision = actions.application_decide(
        actor=decider, application=application, outcome=outcome, amounts=amounts or {}
    )
    return decision


def paid(outcome=Status.GRANTED, **kwargs):
    """A decided grant, paid in full: its account (verantwoording) is now awaited."""
    decision = decided(outcome=outcome, **kwargs)
    return actions.application_mark_paid(
        actor=people.triage_staff(), application=decision.application
    )


def account_sent(application):
    """The applicant sends in the account of a paid grant."""
    return actions.account_submit(
        actor=application.created_by,
        application=application,
        what_was_done="De tribune is verplaatst.",
        actual_costs=Decimal("14000.00"),
        lessons="Begin vroeg met de aanbesteding.",
    )

"""After the decision an officeholder's fund application goes the way a grant goes: the
officeholder adds the invoices, BZK pays, the officeholder (never a griffier or anyone else of
the body) accounts for the costs, BZK approves the account and closes the application. Through
the views, as the people would."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import OfficeType
from accounts.tests import factories as people
from subsidies import actions
from subsidies.models import Account, Attachment
from subsidies.tests import factories
from subsidies.tests.test_home_measures_stay_private import fund, fund_application
from subsidies.workflow import Status, TransitionNotAllowed

pytestmark = pytest.mark.django_db

ACCOUNT = {
    "what_was_done": "Camera en alarm geplaatst.",
    "actual_costs": "4400,00",
    "lessons": "Vraag vroeg een tweede offerte.",
}


def granted_fund_application(alderman):
    application = fund_application(alderman)
    reviewer, decider = people.triage_staff(), people.triage_staff()
    actions.application_transition(
        actor=reviewer, application=application, to_status=Status.IN_REVIEW
    )
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
    decision = actions.application_decide(
        actor=decider, application=application, outcome=Status.GRANTED, amounts={}
    )
    actions.decision_send(actor=decider, decision=decision)
    application.refresh_from_db()
    return application


def test_the_fund_is_paid_accounted_for_by_the_officeholder_approved_and_closed(client):
    body = people.municipality()
    alderman = people.officeholder(office_type=OfficeType.WETHOUDER, body=body)
    griffier = people.griffier(body=body)
    mayor = people.officeholder(office_type=OfficeType.BURGEMEESTER, body=body)
    staff = people.triage_staff()
    application = granted_fund_application(alderman)
    assert application.status == Status.GRANTED

    # The officeholder adds the invoice; nobody of the body can.
    invoice_url = reverse("subsidies:invoice", args=[application.pk])
    for person in (griffier, mayor, staff):
        client.force_login(person)
        response = client.post(invoice_url, {"invoice-file": factories.pdf_upload("factuur.pdf")})
        assert response.status_code == 404, person
    client.force_login(alderman)
    page = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert "Factuur toevoegen" in page
    response = client.post(invoice_url, {"invoice-file": factories.pdf_upload("factuur.pdf")})
    assert response.status_code == 302
    invoice = Attachment.objects.get(application=application, kind="invoice")
    assert invoice.uploaded_by == alderman
    client.force_login(staff)
    page = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert "Factuur: factuur.pdf" in page

    client.force_login(staff)
    response = client.post(reverse("subsidies:pay", args=[application.pk]), {"amount": "4500,00"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.PAID and application.paid_amount == Decimal("4500.00")
    assert application.account_due_on is not None

    # Nobody of the body can account for it, nor see the form.
    for person in (griffier, mayor):
        client.force_login(person)
        account_url = reverse("subsidies:account", args=[application.pk])
        assert client.post(account_url, ACCOUNT).status_code == 404
        assert client.get(reverse("subsidies:detail", args=[application.pk])).status_code == 404
    assert not Account.objects.exists()

    client.force_login(alderman)
    page = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert "Verantwoording indienen" in page
    assert "Dit blijft tussen u en BZK en wordt niet gedeeld." in page
    response = client.post(reverse("subsidies:account", args=[application.pk]), ACCOUNT)
    assert response.status_code == 302
    account = Account.objects.get(application=application)
    assert account.submitted_by == alderman and account.actual_costs == Decimal("4400.00")

    client.force_login(staff)
    page = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert "Publiceren als praktijkvoorbeeld" not in page
    approve_url = reverse("subsidies:account_approve", args=[application.pk])
    assert client.post(approve_url).status_code == 302
    application.refresh_from_db()
    assert application.status == Status.ACCOUNTED
    response = client.post(
        reverse("subsidies:transition", args=[application.pk]), {"to": Status.CLOSED, "reason": ""}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    moves = list(application.events.order_by("pk").values_list("to_status", flat=True))
    assert moves[-3:] == [Status.PAID, Status.ACCOUNTED, Status.CLOSED]
    # The officeholder still reads it; the griffier still finds nothing.
    client.force_login(alderman)
    assert client.get(reverse("subsidies:detail", args=[application.pk])).status_code == 200
    client.force_login(griffier)
    listed = client.get(reverse("subsidies:list")).content.decode()
    assert reverse("subsidies:detail", args=[application.pk]) not in listed


def test_an_invoice_is_checked_by_content_and_only_between_decision_and_approval(client):
    alderman = people.officeholder(office_type=OfficeType.WETHOUDER)
    application = fund_application(alderman)
    client.force_login(alderman)
    url = reverse("subsidies:invoice", args=[application.pk])
    # Sent in, not decided: no invoices yet.
    with pytest.raises(TransitionNotAllowed):
        actions.invoice_add(
            actor=alderman, application=application, uploaded_file=factories.pdf_upload()
        )
    assert client.post(url, {"invoice-file": factories.pdf_upload()}).status_code == 302
    assert not Attachment.objects.filter(kind="invoice").exists()
    application = granted_fund_application(people.officeholder(office_type=OfficeType.RAADSLID))
    owner = application.applicant
    client.force_login(owner)
    fake = SimpleUploadedFile("factuur.pdf", b"<html>geen pdf</html>", "application/pdf")
    response = client.post(
        reverse("subsidies:invoice", args=[application.pk]), {"invoice-file": fake}
    )
    assert response.status_code == 400
    assert not Attachment.objects.filter(kind="invoice").exists()
    response = client.post(reverse("subsidies:invoice", args=[application.pk]), {})
    assert response.status_code == 400
    assert "Kies het bestand van de factuur." in response.content.decode()


def test_the_draft_steps_do_not_offer_an_invoice():
    alderman = people.officeholder(office_type=OfficeType.WETHOUDER)
    application = actions.application_start(
        actor=alderman,
        scheme=fund(),
        body=alderman.role_assignments.get().body,
    )
    with pytest.raises(ValidationError):
        actions.attachment_add(
            actor=alderman,
            application=application,
            kind="invoice",
            uploaded_file=factories.pdf_upload(),
        )

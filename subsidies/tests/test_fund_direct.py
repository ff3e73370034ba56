"""The security measures fund, direct: who may apply, and one undecided application at a time.

Mayors, aldermen, council members, provincial and water-board officeholders apply to BZK
themselves. A person may apply several times over the years, but has at most one application
per body that is not yet decided; a second is refused with a Dutch message.
"""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import OfficeType
from accounts.tests import factories as people
from government.models import GovernmentBody
from subsidies import actions
from subsidies.models import GrantApplication
from subsidies.tests import factories
from subsidies.tests.test_home_measures_stay_private import fund, fund_application
from subsidies.workflow import Status

pytestmark = pytest.mark.django_db


def water_board():
    return GovernmentBody.objects.filter(kind="water_board").order_by("code").first()


@pytest.mark.parametrize(
    ("office", "body"),
    [
        (OfficeType.BURGEMEESTER, people.municipality),
        (OfficeType.WETHOUDER, people.municipality),
        (OfficeType.RAADSLID, people.municipality),
        (OfficeType.STATENLID, people.province),
        (OfficeType.GEDEPUTEERDE, people.province),
        (OfficeType.CDK, people.province),
        (OfficeType.WATERSCHAPSBESTUURDER, water_board),
    ],
)
def test_every_kind_of_officeholder_may_apply_to_the_fund_directly(office, body):
    owner = people.officeholder(office_type=office, body=body())
    application = actions.application_start(actor=owner, scheme=fund(), body=body())
    assert (application.applicant, application.created_by) == (owner, owner)


def test_a_water_board_officeholder_sees_the_fund_on_the_start_page(client):
    owner = people.officeholder(office_type=OfficeType.WATERSCHAPSBESTUURDER, body=water_board())
    client.force_login(owner)
    page = client.get(reverse("subsidies:start")).content.decode()
    assert "Fonds beveiligingsmaatregelen" in page
    assert water_board().name in page


def test_a_second_undecided_application_is_refused_in_plain_dutch():
    owner = people.officeholder()
    body = owner.role_assignments.get().body
    actions.application_start(actor=owner, scheme=fund(), body=body)
    with pytest.raises(ValidationError) as refused:
        actions.application_start(actor=owner, scheme=fund(), body=body)
    assert "waarover nog geen besluit is genomen" in " ".join(refused.value.messages)
    assert GrantApplication.objects.filter(applicant=owner).count() == 1


def test_a_sent_in_application_still_blocks_a_second_one():
    owner = people.officeholder()
    body = owner.role_assignments.get().body
    fund_application(owner)
    with pytest.raises(ValidationError):
        actions.application_start(actor=owner, scheme=fund(), body=body)


def test_after_a_decision_the_officeholder_may_apply_again():
    owner = people.officeholder()
    body = owner.role_assignments.get().body
    first = fund_application(owner)
    staff = people.triage_staff()
    actions.application_transition(actor=staff, application=first, to_status=Status.IN_REVIEW)
    actions.assessment_record(
        actor=staff,
        application=first,
        body_eligible=True,
        measures_eligible=True,
        attachments_complete=True,
        costs_reasonable=True,
        score=2,
        advice="reject",
    )
    actions.application_decide(
        actor=people.triage_staff(), application=first, outcome=Status.REJECTED, amounts={}
    )
    second = actions.application_start(actor=owner, scheme=fund(), body=body)
    assert second.pk != first.pk
    assert GrantApplication.objects.filter(applicant=owner).count() == 2


def test_two_officeholders_of_one_body_each_have_their_own_application():
    mayor = people.officeholder(office_type=OfficeType.BURGEMEESTER)
    alderman = people.officeholder(office_type=OfficeType.WETHOUDER)
    body = people.municipality()
    first = actions.application_start(actor=mayor, scheme=fund(), body=body)
    second = actions.application_start(actor=alderman, scheme=fund(), body=body)
    assert first.pk != second.pk


def test_starting_a_second_one_in_the_portal_leads_to_the_open_one_with_the_reason(client):
    owner = people.officeholder()
    body = owner.role_assignments.get().body
    open_one = actions.application_start(actor=owner, scheme=fund(), body=body)
    client.force_login(owner)
    response = client.post(
        reverse("subsidies:start"), {"scheme": fund().pk, "body": body.pk}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("subsidies:detail", args=[open_one.pk])
    assert "waarover nog geen besluit is genomen" in response.content.decode()


def test_the_police_or_security_advice_is_an_attachment_of_the_fund_beside_quotes(client):
    owner = people.officeholder()
    body = owner.role_assignments.get().body
    application = actions.application_start(actor=owner, scheme=fund(), body=body)
    client.force_login(owner)
    url = reverse("subsidies:step", args=[application.pk, 5])
    page = client.get(url).content.decode()
    assert "Advies politie of beveiligingsadviseur" in page
    assert "Plattegrond van de vergaderzaal" not in page
    response = client.post(
        url, {"kind": "security_advice", "file": factories.pdf_upload("advies.pdf"), "upload": ""}
    )
    assert response.status_code == 302
    [advice] = application.attachments.all()
    assert (advice.kind, advice.content_type) == ("security_advice", "application/pdf")
    detail = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert "Advies politie of beveiligingsadviseur" in detail


def test_a_security_advice_upload_is_checked_by_its_content(client):
    owner = people.officeholder()
    body = owner.role_assignments.get().body
    application = actions.application_start(actor=owner, scheme=fund(), body=body)
    client.force_login(owner)
    fake = SimpleUploadedFile("advies.pdf", b"<html><script>alert(1)</script>", "application/pdf")
    response = client.post(
        reverse("subsidies:step", args=[application.pk, 5]),
        {"kind": "security_advice", "file": fake, "upload": ""},
    )
    assert response.status_code == 200
    assert "Dit soort bestand kan niet worden toegevoegd" in response.content.decode()
    assert not application.attachments.exists()


def test_the_griffie_schemes_take_no_security_advice_about_a_person():
    application = factories.draft()
    with pytest.raises(ValidationError):
        actions.attachment_add(
            actor=application.created_by,
            application=application,
            kind="security_advice",
            uploaded_file=factories.pdf_upload(),
        )

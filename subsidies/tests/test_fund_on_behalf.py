"""A chair applies to the fund on an officeholder's behalf, only with their consent.

The mayor (for the municipality's officeholders), the King's Commissioner (province) or the
dijkgraaf (water board) may start it; the application is the officeholder's from the start.
Without consent the chair sees nothing of it beyond "wacht op toestemming"; the decision
letter goes to the officeholder only.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts import actions as account_actions
from accounts.models import OfficeType, Role
from accounts.tests import factories as people
from audit.models import AccessEntry
from government.models import GovernmentBody
from notifications.models import Notification
from subsidies import actions
from subsidies.models import Consent, GrantApplication
from subsidies.tests.test_home_measures_stay_private import fund
from subsidies.workflow import Status

pytestmark = pytest.mark.django_db

SECRET = "Camera bij de achterdeur"


def role(user):
    return user.role_assignments.get(role=Role.OFFICEHOLDER)


def mayor_and_alderman():
    body = people.municipality()
    mayor = people.officeholder(office_type=OfficeType.BURGEMEESTER, body=body, full_name="M B")
    alderman = people.officeholder(office_type=OfficeType.WETHOUDER, body=body, full_name="W A")
    return mayor, alderman


def request_on_behalf(chair, officeholder):
    return actions.application_start_on_behalf(
        actor=chair, scheme=fund(), assignment=role(officeholder)
    )


def test_the_mayor_asks_and_the_alderman_is_told_through_the_outbox_with_a_link_only():
    mayor, alderman = mayor_and_alderman()
    application = request_on_behalf(mayor, alderman)
    assert (application.applicant, application.on_behalf_by) == (alderman, mayor)
    assert application.consent == Consent.PENDING
    [notice] = Notification.objects.filter(kind="subsidies.consent_requested")
    assert notice.recipient == alderman


def test_without_consent_the_chair_sees_only_that_it_waits(client):
    mayor, alderman = mayor_and_alderman()
    application = request_on_behalf(mayor, alderman)
    client.force_login(mayor)
    page = client.get(reverse("subsidies:on_behalf")).content.decode()
    assert "wacht op toestemming" in page and "W A" in page
    for name in ("detail", "letter", "consent"):
        assert client.get(reverse(f"subsidies:{name}", args=[application.pk])).status_code in (
            404,
            405,
        )
    assert (
        client.post(
            reverse("subsidies:consent", args=[application.pk]), {"answer": "give"}
        ).status_code
        == 404
    )
    assert client.get(reverse("subsidies:step", args=[application.pk, 1])).status_code == 404
    assert (
        reverse("subsidies:detail", args=[application.pk])
        not in client.get(reverse("subsidies:list")).content.decode()
    )


def test_with_consent_the_chair_completes_it_and_without_it_again_sees_nothing(client):
    mayor, alderman = mayor_and_alderman()
    application = request_on_behalf(mayor, alderman)
    client.force_login(alderman)
    detail = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert "Toestemming geven" in detail
    client.post(reverse("subsidies:consent", args=[application.pk]), {"answer": "give"})
    application.refresh_from_db()
    assert application.consent == Consent.GIVEN
    assert AccessEntry.objects.filter(what="consent_given", actor=alderman).exists()

    client.force_login(mayor)
    actions.application_save_step(
        actor=mayor, application=application, step=1, data={"current_situation": SECRET}
    )
    page = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert SECRET in page and "namens W A" in page
    # The chair's reads are someone else's reads: they leave an audit row.
    assert AccessEntry.objects.filter(actor=mayor, what="detail").exists()

    client.force_login(alderman)
    client.post(reverse("subsidies:consent", args=[application.pk]), {"answer": "withdraw"})
    client.force_login(mayor)
    assert client.get(reverse("subsidies:detail", args=[application.pk])).status_code == 404
    page = client.get(reverse("subsidies:on_behalf")).content.decode()
    assert "wacht op toestemming" in page and SECRET not in page
    # The application stays the alderman's own.
    client.force_login(alderman)
    assert SECRET in client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()


def test_declining_removes_the_empty_request():
    mayor, alderman = mayor_and_alderman()
    application = request_on_behalf(mayor, alderman)
    actions.consent_decline(actor=alderman, application=application)
    assert not GrantApplication.objects.filter(pk=application.pk).exists()
    assert AccessEntry.objects.filter(what="consent_declined").exists()


def test_only_the_officeholder_answers():
    mayor, alderman = mayor_and_alderman()
    application = request_on_behalf(mayor, alderman)
    for other in (mayor, people.griffier(body=application.body), people.triage_staff()):
        with pytest.raises(PermissionDenied):
            actions.consent_give(actor=other, application=application)


def test_a_pending_request_says_nothing_about_the_officeholders_own_application():
    mayor, alderman = mayor_and_alderman()
    own = actions.application_start(actor=alderman, scheme=fund(), body=people.municipality())
    request = request_on_behalf(mayor, alderman)  # not refused: that would tell the chair
    with pytest.raises(ValidationError) as refused:
        actions.consent_give(actor=alderman, application=request)
    assert "waarover nog geen besluit is genomen" in " ".join(refused.value.messages)
    assert own.pk != request.pk
    with pytest.raises(ValidationError):
        request_on_behalf(mayor, alderman)  # the chair's own second request


def test_who_may_apply_on_behalf():
    mayor, alderman = mayor_and_alderman()
    council_member = people.officeholder(office_type=OfficeType.RAADSLID)
    other_mayor = people.officeholder(
        office_type=OfficeType.BURGEMEESTER, body=people.municipality("GM0363")
    )
    griffier = people.griffier()
    for actor in (alderman, council_member, other_mayor, griffier):
        with pytest.raises(PermissionDenied):
            request_on_behalf(actor, council_member if actor is not council_member else alderman)
    with pytest.raises(PermissionDenied):
        request_on_behalf(mayor, mayor)  # the mayor applies for themselves directly


def test_the_kings_commissioner_and_the_dijkgraaf_chair_their_bodies():
    province = people.province()
    cdk = people.officeholder(office_type=OfficeType.CDK, body=province)
    states_member = people.officeholder(office_type=OfficeType.STATENLID, body=province)
    assert request_on_behalf(cdk, states_member).applicant == states_member

    board = GovernmentBody.objects.filter(kind="water_board").order_by("code").first()
    dijkgraaf = people.officeholder(office_type=OfficeType.WATERSCHAPSBESTUURDER, body=board)
    member = people.officeholder(office_type=OfficeType.WATERSCHAPSBESTUURDER, body=board)
    with pytest.raises(PermissionDenied):
        request_on_behalf(dijkgraaf, member)  # not marked as chair yet
    account_actions.role_assignment_set_chair(actor=None, assignment=role(dijkgraaf), chairs=True)
    assert request_on_behalf(dijkgraaf, member).applicant == member


def test_only_a_water_board_member_can_be_marked_dijkgraaf():
    alderman = people.officeholder(office_type=OfficeType.WETHOUDER)
    with pytest.raises(ValidationError):
        account_actions.role_assignment_set_chair(
            actor=None, assignment=role(alderman), chairs=True
        )


def test_the_chair_does_not_get_the_decision_letter(client):
    from subsidies.tests.test_home_measures_stay_private import fund_application

    mayor, alderman = mayor_and_alderman()
    application = request_on_behalf(mayor, alderman)
    actions.consent_give(actor=alderman, application=application)
    GrantApplication.objects.filter(pk=application.pk).delete()
    # A complete, decided application on behalf: made by the alderman's own steps, then
    # marked as started by the mayor with consent.
    application = fund_application(alderman)
    GrantApplication.objects.filter(pk=application.pk).update(
        on_behalf_by=mayor, consent=Consent.GIVEN
    )
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
    [notice] = Notification.objects.filter(kind="subsidies.decision")
    assert notice.recipient == alderman
    client.force_login(mayor)
    page = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert reverse("subsidies:letter", args=[application.pk]) not in page
    assert client.get(reverse("subsidies:letter", args=[application.pk])).status_code == 404
    client.force_login(alderman)
    assert client.get(reverse("subsidies:letter", args=[application.pk])).status_code == 200


def test_the_start_page_leads_a_chair_to_apply_on_behalf(client):
    mayor, alderman = mayor_and_alderman()
    client.force_login(mayor)
    page = client.get(reverse("subsidies:start")).content.decode()
    assert reverse("subsidies:on_behalf") in page
    response = client.post(
        reverse("subsidies:on_behalf"), {"scheme": fund().pk, "assignment": role(alderman).pk}
    )
    assert response.status_code == 302
    assert GrantApplication.objects.get(on_behalf_by=mayor).applicant == alderman
    refused = client.post(reverse("subsidies:on_behalf"), {"scheme": fund().pk, "assignment": ""})
    assert refused.status_code == 400
    assert "Kies de ambtsdrager namens wie u aanvraagt." in refused.content.decode()
    client.force_login(alderman)
    assert client.get(reverse("subsidies:on_behalf")).status_code == 404


def test_staff_see_who_started_it_for_whom_and_the_consent(client):
    mayor, alderman = mayor_and_alderman()
    application = request_on_behalf(mayor, alderman)
    actions.consent_give(actor=alderman, application=application)
    GrantApplication.objects.filter(pk=application.pk).update(status=Status.SUBMITTED)
    client.force_login(people.triage_staff())
    page = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert "M B heeft deze aanvraag als voorzitter gestart namens W A." in page
    assert "Toestemming gegeven" in page
    assert "U doet deze aanvraag namens" not in page


def test_the_chairs_erasure_leaves_the_officeholders_application_alone():
    from subsidies import privacy

    mayor, alderman = mayor_and_alderman()
    application = request_on_behalf(mayor, alderman)
    actions.consent_give(actor=alderman, application=application)
    actions.application_save_step(
        actor=alderman, application=application, step=1, data={"current_situation": SECRET}
    )
    privacy.erase(user=mayor)
    application.refresh_from_db()
    assert application.current_situation == SECRET
    privacy.erase(user=alderman)
    application.refresh_from_db()
    assert application.current_situation != SECRET


def test_the_consent_codes_of_the_audit_trail_have_dutch_words():
    from audit.labels import label_of

    assert label_of("consent_given") == "Toestemming gegeven"
    assert label_of("consent_withdrawn") == "Toestemming ingetrokken"
    assert label_of("consent_declined") == "Geen toestemming gegeven"

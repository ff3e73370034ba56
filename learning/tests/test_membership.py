"""Who takes part in the learning network: the cohort, approved requests, added people."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import OfficeType
from accounts.tests import factories as people
from audit.models import AccessEntry
from learning import actions
from learning.models import NetworkMember, Participant, ParticipationEvent, RequestStatus, Via
from learning.selectors import participants, seat_of
from learning.tests import factories
from network.tests import factories as network_factories
from subsidies.tests import factories as grants
from subsidies.workflow import Status
from weerbaar.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db


def fresh(user):
    user.forget_cached_roles()
    return user


def test_an_awarded_veilig_vergaderen_grant_makes_the_body_take_part():
    griffier = people.griffier()
    assert not seat_of(griffier).takes_part
    grants.decided(griffier=griffier, outcome=Status.GRANTED)
    seat = seat_of(fresh(griffier))
    body = griffier.role_assignments.get().body
    assert seat.body_ids == {body.pk}
    assert seat.managed_body_ids == {body.pk}
    assert [(row.body, row.via) for row in participants()] == [(body, Via.COHORT)]


def test_a_rejected_or_undecided_application_does_not():
    rejected = people.griffier()
    grants.decided(griffier=rejected, outcome=Status.REJECTED)
    waiting = people.griffier(body=people.municipality("GM0363"))
    grants.submitted(griffier=waiting)
    assert not seat_of(fresh(rejected)).takes_part
    assert not seat_of(fresh(waiting)).takes_part


def test_a_griffier_asks_and_bzk_approves_with_an_event_and_audit_rows():
    body = people.municipality("GM0363")
    griffier = people.griffier(body=body)
    request = actions.participation_request_submit(
        actor=griffier, body=body, motivation="Wij willen leren van andere gemeenten."
    )
    with pytest.raises(actions.AlreadyRequested):
        actions.participation_request_submit(actor=griffier, body=body)
    assert not seat_of(griffier).takes_part
    staff = people.triage_staff()
    actions.participation_request_approve(actor=staff, request=request)
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (RequestStatus.APPROVED, staff)
    assert Participant.objects.get(body=body).via == Via.REQUEST
    assert list(
        ParticipationEvent.objects.filter(request=request).values_list("from_status", "to_status")
    ) == [("", "pending"), ("pending", "approved")]
    assert AccessEntry.objects.filter(actor=staff, what="approved").exists()
    assert seat_of(fresh(griffier)).body_ids == {body.pk}
    with pytest.raises(actions.AlreadyParticipating):
        actions.participation_request_submit(actor=griffier, body=body)


def test_only_bzk_decides_and_a_decided_request_stays_decided():
    body = people.municipality("GM0363")
    griffier = people.griffier(body=body)
    request = actions.participation_request_submit(actor=griffier, body=body)
    with pytest.raises(PermissionDenied):
        actions.participation_request_approve(actor=griffier, request=request)
    staff = people.triage_staff()
    actions.participation_request_refuse(actor=staff, request=request, reason="Nog niet.")
    with pytest.raises(TransitionNotAllowed):
        actions.participation_request_approve(actor=staff, request=request)
    assert not Participant.objects.exists()


def test_a_griffier_asks_only_for_their_own_body_and_a_partner_only_for_their_own_organisation():
    griffier = people.griffier()
    with pytest.raises(PermissionDenied):
        actions.participation_request_submit(actor=griffier, body=people.municipality("GM0363"))
    contact = network_factories.contact_person()
    plain_member = network_factories.member()
    organisation = network_factories.organisation()
    with pytest.raises(PermissionDenied):
        actions.participation_request_submit(actor=plain_member, organisation=organisation)
    request = actions.participation_request_submit(actor=contact, organisation=organisation)
    actions.participation_request_approve(actor=people.triage_staff(), request=request)
    assert seat_of(fresh(plain_member)).organisation_ids == {organisation.pk}
    assert not seat_of(fresh(plain_member)).managed_body_ids


def test_the_requester_withdraws_and_nobody_else_can():
    body = people.municipality("GM0363")
    griffier = people.griffier(body=body)
    request = actions.participation_request_submit(actor=griffier, body=body)
    with pytest.raises(PermissionDenied):
        actions.participation_request_withdraw(actor=people.griffier(body=body), request=request)
    actions.participation_request_withdraw(actor=griffier, request=request)
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN


def test_the_griffier_adds_an_officeholder_of_the_body_and_not_of_another():
    griffier = factories.cohort_griffier()
    body = griffier.role_assignments.get().body
    council_member = people.officeholder(OfficeType.RAADSLID, body=body)
    outsider = people.officeholder(OfficeType.RAADSLID, body=people.municipality("GM0363"))
    with pytest.raises(PermissionDenied):
        actions.network_member_add(actor=griffier, body=body, user=outsider)
    actions.network_member_add(actor=griffier, body=body, user=council_member)
    assert seat_of(council_member).body_ids == {body.pk}
    assert not seat_of(council_member).managed_body_ids
    with pytest.raises(PermissionDenied):
        actions.network_member_add(
            actor=council_member, body=body, user=people.officeholder(body=body)
        )


def test_a_person_leaves_and_loses_the_seat_at_once():
    griffier = factories.cohort_griffier()
    body = griffier.role_assignments.get().body
    council_member = people.officeholder(OfficeType.RAADSLID, body=body)
    member = actions.network_member_add(actor=griffier, body=body, user=council_member)
    assert seat_of(council_member).takes_part
    actions.network_member_end(actor=council_member, member=member)
    assert not seat_of(council_member).takes_part
    assert not NetworkMember.objects.filter(ended_at__isnull=True).exists()


def test_bzk_ends_an_added_participant_and_its_people_lose_their_seat():
    body = people.municipality("GM0363")
    griffier = factories.approved_griffier(body)
    assert seat_of(griffier).takes_part
    staff = people.triage_staff()
    actions.participant_end(actor=staff, participant=Participant.objects.get(body=body))
    assert not seat_of(fresh(griffier)).takes_part
    assert seat_of(staff).is_host and seat_of(staff).takes_part


def test_an_officeholder_without_a_seat_and_a_signed_out_visitor_take_no_part():
    from django.contrib.auth.models import AnonymousUser

    factories.cohort_griffier()
    assert not seat_of(people.officeholder()).takes_part
    assert not seat_of(AnonymousUser()).takes_part

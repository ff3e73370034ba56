"""Who may invite, approve and leave: a contact person, a colleague, an outsider, BZK staff."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts import actions as accounts_actions
from accounts.models import Invitation, Role
from accounts.tests import factories as people
from network import actions
from network.models import JoinRequestStatus, Membership, MembershipRole, OrganisationInvitation
from network.tests.factories import contact_person, member, organisation
from network.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db


def test_the_signatories_of_the_intentieverklaring_are_seeded():
    nvvr = organisation("nvvr")
    assert nvvr.name == "Nederlandse Vereniging voor Raadsleden"
    assert nvvr.kind == "association"
    assert nvvr.joined_on.isoformat() == "2018-04-05"
    assert organisation("bzk").kind == "ministry"
    assert organisation("ccv").abbreviation == "CCV"


def test_a_contact_person_invites_a_colleague_who_becomes_a_member_on_accepting(eager_tasks):
    contact = contact_person()
    invitation = actions.membership_invite(
        actor=contact, organisation=organisation(), email="Collega@Example.test", full_name="Ada"
    )
    assert invitation.role == Role.PARTNER
    assert OrganisationInvitation.objects.get(invitation=invitation).organisation.slug == "nvvr"

    user = accounts_actions.invitation_accept(
        invitation=invitation, full_name="Ada Colleague", password="een-lang-wachtwoord-123"
    )

    membership = Membership.objects.active().get(user=user)
    assert membership.organisation.slug == "nvvr"
    assert membership.role == MembershipRole.MEMBER
    assert user.is_partner


def test_a_plain_member_may_not_invite(eager_tasks):
    colleague = member()
    with pytest.raises(PermissionDenied):
        actions.membership_invite(
            actor=colleague, organisation=organisation(), email="nieuw@example.test"
        )
    assert not Invitation.objects.exists()


def test_a_contact_person_of_another_organisation_may_not_invite(eager_tasks):
    other_contact = contact_person(organisation("vng"))
    with pytest.raises(PermissionDenied):
        actions.membership_invite(
            actor=other_contact, organisation=organisation(), email="nieuw@example.test"
        )


def test_only_staff_invite_a_new_contact_person(eager_tasks):
    contact = contact_person()
    with pytest.raises(PermissionDenied):
        actions.membership_invite(
            actor=contact,
            organisation=organisation(),
            email="nieuw@example.test",
            role=MembershipRole.CONTACT,
        )
    staff = people.triage_staff()
    invitation = actions.membership_invite(
        actor=staff,
        organisation=organisation(),
        email="nieuw@example.test",
        role=MembershipRole.CONTACT,
    )
    assert invitation.partner_organisation.role == MembershipRole.CONTACT


def test_a_plain_invitation_by_staff_makes_no_membership(eager_tasks):
    staff = people.triage_staff()
    invitation = accounts_actions.invitation_create(
        actor=staff, email="los@example.test", role=Role.PARTNER
    )
    user = accounts_actions.invitation_accept(
        invitation=invitation, full_name="Los", password="een-lang-wachtwoord-123"
    )
    assert not Membership.objects.filter(user=user).exists()


def test_the_contact_person_approves_a_request_to_join():
    contact = contact_person()
    applicant = people.UserFactory()
    request = actions.join_request_create(
        actor=applicant, organisation=organisation(), motivation="Ik werk bij het bureau."
    )

    actions.join_request_decide(actor=contact, join_request=request, approve=True)

    request.refresh_from_db()
    assert request.status == JoinRequestStatus.APPROVED
    assert request.decided_by == contact
    assert Membership.objects.active().filter(user=applicant, organisation=organisation()).exists()
    applicant.forget_cached_roles()
    assert applicant.is_partner


def test_bzk_staff_approve_a_request_to_join():
    applicant = people.UserFactory()
    request = actions.join_request_create(actor=applicant, organisation=organisation())
    actions.join_request_decide(actor=people.triage_staff(), join_request=request, approve=True)
    assert Membership.objects.active().filter(user=applicant).exists()


def test_a_colleague_or_an_outsider_may_not_approve_a_request():
    applicant = people.UserFactory()
    request = actions.join_request_create(actor=applicant, organisation=organisation())
    for actor in (member(), contact_person(organisation("vng")), people.UserFactory()):
        with pytest.raises(PermissionDenied):
            actions.join_request_decide(actor=actor, join_request=request, approve=True)
    assert not Membership.objects.filter(user=applicant).exists()


def test_a_rejected_request_makes_no_member_and_cannot_be_decided_again():
    contact = contact_person()
    applicant = people.UserFactory()
    request = actions.join_request_create(actor=applicant, organisation=organisation())
    actions.join_request_decide(actor=contact, join_request=request, approve=False)
    assert not Membership.objects.filter(user=applicant).exists()
    with pytest.raises(TransitionNotAllowed, match="al besloten"):
        actions.join_request_decide(actor=contact, join_request=request, approve=True)
    request.refresh_from_db()
    assert request.status == JoinRequestStatus.REJECTED
    assert not Membership.objects.filter(user=applicant).exists()


def test_an_approved_request_cannot_be_rejected_afterwards():
    contact = contact_person()
    applicant = people.UserFactory()
    request = actions.join_request_create(actor=applicant, organisation=organisation())
    actions.join_request_decide(actor=contact, join_request=request, approve=True)
    with pytest.raises(TransitionNotAllowed):
        actions.join_request_decide(
            actor=people.triage_staff(), join_request=request, approve=False
        )
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (JoinRequestStatus.APPROVED, contact)
    assert Membership.objects.active().filter(user=applicant).exists()


def test_a_second_waiting_request_and_a_request_by_a_member_are_refused():
    applicant = people.UserFactory()
    actions.join_request_create(actor=applicant, organisation=organisation())
    with pytest.raises(ValidationError):
        actions.join_request_create(actor=applicant, organisation=organisation())
    with pytest.raises(ValidationError):
        actions.join_request_create(actor=member(), organisation=organisation())


def test_a_member_leaves_and_loses_the_partner_role_at_once():
    colleague = member()
    membership = Membership.objects.active().get(user=colleague)
    assert colleague.is_partner

    actions.membership_end(actor=colleague, membership=membership)

    membership.refresh_from_db()
    assert membership.ended_at is not None
    assert membership.ended_by == colleague
    assert not colleague.is_partner
    assert not Membership.objects.active().filter(user=colleague).exists()


def test_a_member_of_two_organisations_keeps_the_partner_role_after_leaving_one():
    colleague = member()
    actions.membership_add(actor=None, organisation=organisation("vng"), user=colleague)
    actions.membership_end(
        actor=colleague,
        membership=Membership.objects.active().get(user=colleague, organisation__slug="nvvr"),
    )
    assert colleague.is_partner


def test_the_contact_person_removes_a_member_but_a_colleague_may_not():
    contact = contact_person()
    colleague, other = member(), member()
    membership = Membership.objects.active().get(user=colleague)
    with pytest.raises(PermissionDenied):
        actions.membership_end(actor=other, membership=membership)
    actions.membership_end(actor=contact, membership=membership)
    membership.refresh_from_db()
    assert not membership.is_active


def test_an_ended_membership_cannot_end_twice_and_a_returning_member_gets_a_new_row():
    colleague = member()
    membership = Membership.objects.active().get(user=colleague)
    actions.membership_end(actor=colleague, membership=membership)
    with pytest.raises(ValidationError):
        actions.membership_end(actor=colleague, membership=membership)
    actions.membership_add(actor=contact_person(), organisation=organisation(), user=colleague)
    assert Membership.objects.filter(user=colleague).count() == 2


def test_only_staff_appoint_a_contact_person():
    colleague = member()
    membership = Membership.objects.active().get(user=colleague)
    with pytest.raises(PermissionDenied):
        actions.membership_set_role(
            actor=contact_person(), membership=membership, role=MembershipRole.CONTACT
        )
    actions.membership_set_role(
        actor=people.triage_staff(), membership=membership, role=MembershipRole.CONTACT
    )
    membership.refresh_from_db()
    assert membership.role == MembershipRole.CONTACT

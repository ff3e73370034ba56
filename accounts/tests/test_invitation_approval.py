"""Item 5 of issue 13: one person can never be both eyes. An invitation to a privileged role
(BZK triage, Ondersteuningsteam, administrator) waits for a second privileged person's approval
and is only sent then; each step leaves an audit row; triage staff cannot create or approve an
administrator."""

import re

import pytest
from django.contrib import admin
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from accounts import actions, selectors
from accounts.models import Invitation, Role, RoleAssignment
from accounts.tests import factories
from audit.models import AccessEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]

PASSWORD = "Lang-en-uniek-2026!"


def accept_url(invitation):
    return reverse("accounts:invitation_accept", args=[invitation.token])


def invitation_linked_from(body):
    """The token holds a timestamp (it differs per second): read it from the mail."""
    token = re.search(r"/uitnodiging/([^/\s]+)/", body).group(1)
    return selectors.invitation_from_token(token)


def audit_whats(invitation):
    return list(
        AccessEntry.objects.for_object(invitation).order_by("pk").values_list("actor", "what")
    )


def test_a_triage_user_cannot_alone_get_a_second_privileged_account(
    client, django_capture_on_commit_callbacks
):
    """The 'both eyes' case: a triage member invites their own second address as triage staff
    (to assess a grant with one account and decide it with the other) and tries to finish it
    alone."""
    me = factories.triage_staff(email="ik@bzk.example.test")
    client.force_login(me)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:invitation_list"),
            {"email": "ik-thuis@example.test", "role": Role.TRIAGE},
        )
    invitation = Invitation.objects.get(email="ik-thuis@example.test")
    assert invitation.awaiting_approval
    assert mail.outbox == []  # no link goes out before a second person approves

    # Approving it myself: not found, nothing changes.
    response = client.post(reverse("accounts:invitation_approve", args=[invitation.pk]))
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        actions.invitation_approve(actor=me, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.awaiting_approval

    # The link (were it guessed or leaked) does not work while it waits.
    client.logout()
    assert client.get(accept_url(invitation)).status_code == 410
    response = client.post(
        accept_url(invitation), {"full_name": "Ik", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 410
    assert not RoleAssignment.objects.filter(role=Role.TRIAGE).exclude(user=me).exists()


@pytest.mark.parametrize("role", [Role.TRIAGE, Role.SUPPORT_TEAM])
def test_a_second_privileged_person_approves_and_only_then_the_link_is_sent(
    client, role, django_capture_on_commit_callbacks
):
    inviter, approver = factories.triage_staff(), factories.triage_staff()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = actions.invitation_create(actor=inviter, email="nieuw@bzk.test", role=role)
    assert mail.outbox == []
    client.force_login(approver)
    assert "nieuw@bzk.test" in client.get(reverse("accounts:invitation_list")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:invitation_approve", args=[invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.approved_by, invitation.is_open) == (approver, True)
    [message] = mail.outbox
    assert invitation_linked_from(message.body) == invitation
    assert audit_whats(invitation) == [
        (inviter.pk, "invitation_requested"),
        (approver.pk, "invitation_approved"),
    ]


def test_triage_staff_cannot_invite_an_administrator(client):
    staff = factories.triage_staff()
    with pytest.raises(PermissionDenied):
        actions.invitation_create(actor=staff, email="baas@example.test", role=Role.ADMINISTRATOR)
    client.force_login(staff)
    response = client.post(
        reverse("accounts:invitation_list"),
        {"email": "baas@example.test", "role": Role.ADMINISTRATOR},
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not Invitation.objects.exists()


def test_only_another_administrator_approves_an_administrator_invitation(client):
    inviter = factories.administrator()
    invitation = actions.invitation_create(
        actor=inviter, email="baas@example.test", role=Role.ADMINISTRATOR
    )
    assert invitation.awaiting_approval
    for refused in (inviter, factories.triage_staff()):
        with pytest.raises(PermissionDenied):
            actions.invitation_approve(actor=refused, invitation=invitation)
        client.force_login(refused)
        response = client.post(reverse("accounts:invitation_approve", args=[invitation.pk]))
        assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.awaiting_approval
    actions.invitation_approve(actor=factories.administrator(), invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.is_open


def test_an_approver_declines_and_the_invitation_never_works(client):
    inviter, approver = factories.triage_staff(), factories.triage_staff()
    invitation = actions.invitation_create(
        actor=inviter, email="nee@example.test", role=Role.SUPPORT_TEAM
    )
    client.force_login(approver)
    response = client.post(reverse("accounts:invitation_decline", args=[invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_by == approver
    assert not invitation.is_open
    assert mail.outbox == []
    assert [w for _a, w in audit_whats(invitation)] == [
        "invitation_requested",
        "invitation_declined",
    ]


def test_a_partner_contact_cannot_offer_a_privileged_role_through_the_network_path():
    with pytest.raises(PermissionDenied):
        actions.invitation_create_unchecked(
            actor=factories.partner(), email="x@example.test", role=Role.TRIAGE
        )
    assert not Invitation.objects.exists()


def test_the_checked_entry_point_refuses_who_may_not_invite_and_has_no_way_around():
    partner = factories.partner()
    with pytest.raises(PermissionDenied):
        actions.invitation_create(actor=partner, email="x@example.test", role=Role.PARTNER)
    with pytest.raises(TypeError):
        actions.invitation_create(
            actor=partner, email="x@example.test", role=Role.PARTNER, permitted=True
        )
    assert not Invitation.objects.exists()


def test_the_unchecked_entry_point_invites_for_a_caller_that_checked_its_own_rule():
    partner = factories.partner()
    invitation = actions.invitation_create_unchecked(
        actor=partner, email="collega@example.test", role=Role.PARTNER
    )
    assert invitation.invited_by == partner
    assert invitation.role == Role.PARTNER
    assert not invitation.needs_approval


def test_ordinary_roles_are_sent_at_once_without_approval(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = actions.invitation_create(
            actor=factories.triage_staff(), email="partner@example.test", role=Role.PARTNER
        )
    assert not invitation.awaiting_approval
    assert len(mail.outbox) == 1


def _admin_request(user):
    request = RequestFactory().get("/beheer/")
    request.user = user
    return request


def test_the_django_admin_cannot_change_or_approve_invitations():
    model_admin = admin.site._registry[Invitation]
    request = _admin_request(factories.administrator())
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_the_django_admin_cannot_grant_a_privileged_role_or_superuser_alone(client):
    from accounts.models import User

    boss = factories.administrator()
    target = factories.partner()
    client.force_login(boss)
    url = reverse("admin:accounts_user_change", args=[target.pk])
    page = client.get(url)
    assert page.status_code == 200
    existing = RoleAssignment.objects.get(user=target)
    data = {
        "email": target.email,
        "full_name": target.full_name,
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "role_assignments-TOTAL_FORMS": "2",
        "role_assignments-INITIAL_FORMS": "1",
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
        "role_assignments-0-id": existing.pk,
        "role_assignments-0-user": target.pk,
        "role_assignments-0-role": Role.ADMINISTRATOR,
        "role_assignments-1-user": target.pk,
        "role_assignments-1-role": Role.TRIAGE,
    }
    response = client.post(url, data)
    assert "Deze rol geeft u via Uitnodigingen op het portaal" in response.content.decode()
    target = User.objects.get(pk=target.pk)
    assert not target.is_superuser
    assert not target.is_staff
    assert set(target.role_assignments.values_list("role", flat=True)) == {Role.PARTNER}


def test_the_invitations_page_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    me, colleague = factories.triage_staff(), factories.triage_staff()
    utrecht = factories.municipality()

    def add(n):
        for i in range(n):
            actions.invitation_create(
                actor=me,
                email=f"eigen{i}-{Invitation.objects.count()}@example.test",
                role=Role.GRIFFIER,
                body=utrecht,
            )
            actions.invitation_create(
                actor=colleague,
                email=f"wacht{i}-{Invitation.objects.count()}@example.test",
                role=Role.SUPPORT_TEAM,
            )

    add(1)
    client.force_login(me)
    url = reverse("accounts:invitation_list")
    client.get(url)  # warm the session and the form's choices
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(8)
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("Goedkeuren") == 9


@pytest.mark.parametrize("role", [Role.TRIAGE, Role.SUPPORT_TEAM, Role.ADMINISTRATOR])
def test_no_person_grants_a_privileged_role_without_an_approved_invitation(role):
    """The single write path for roles holds the rule too, whatever screen calls it."""
    target = factories.partner()
    with pytest.raises(PermissionDenied):
        actions.role_assign(actor=factories.administrator(), user=target, role=role)
    target.__dict__.pop("role_names", None)
    assert target.role_names == {Role.PARTNER}

"""The admin's role inline changes roles through the actions (role_assign,
role_assignment_change, role_assignment_remove), never by saving rows itself: a changed role
brings what a new one brings, and the role rules hold there too."""

import pytest
from django.urls import reverse

from accounts import actions
from accounts.models import OfficeType, Role, RoleAssignment
from accounts.tests import factories
from homescan.models import StarterKit

pytestmark = pytest.mark.django_db


def _post_inline(client, user, rows):
    """Post the admin's change form of `user` with these role rows (dicts of inline fields)."""
    url = reverse("admin:accounts_user_change", args=[user.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in ("email", "full_name")}
    initial = sum(1 for row in rows if "id" in row)
    data.update(
        {
            "is_active": "on",
            "date_joined_0": "",
            "role_assignments-TOTAL_FORMS": str(len(rows)),
            "role_assignments-INITIAL_FORMS": str(initial),
            "role_assignments-MIN_NUM_FORMS": "0",
            "role_assignments-MAX_NUM_FORMS": "1000",
        }
    )
    for index, row in enumerate(rows):
        for field, value in row.items():
            data[f"role_assignments-{index}-{field}"] = value
    return client.post(url, data)


def _row(assignment, **changes):
    """The inline row of an existing assignment, with `changes`."""
    row = {
        "id": assignment.pk,
        "user": assignment.user_id,
        "role": assignment.role,
        "office_type": assignment.office_type,
        "body": assignment.body_id or "",
    }
    return {**row, **changes}


def test_a_wethouder_made_burgemeester_in_the_admin_gets_the_starter_kit(client):
    boss = factories.administrator()
    client.force_login(boss)
    wethouder = factories.officeholder(office_type=OfficeType.WETHOUDER)
    existing = RoleAssignment.objects.get(user=wethouder)
    response = _post_inline(
        client, wethouder, [_row(existing, office_type=OfficeType.BURGEMEESTER)]
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=wethouder)
    assert assignment.office_type == OfficeType.BURGEMEESTER
    assert assignment.granted_by == boss
    assert StarterKit.objects.get(mayor=wethouder).body_id == existing.body_id


def test_the_admin_refuses_an_office_at_the_wrong_kind_of_government(client):
    client.force_login(factories.administrator())
    raadslid = factories.officeholder(office_type=OfficeType.RAADSLID)
    existing = RoleAssignment.objects.get(user=raadslid)
    response = _post_inline(client, raadslid, [_row(existing, body=factories.province().pk)])
    assert response.status_code == 200
    assert "Deze functie hoort bij een gemeente." in response.content.decode()
    assert RoleAssignment.objects.get(user=raadslid).body_id == existing.body_id


def test_removing_a_role_in_the_admin_ends_it(client):
    client.force_login(factories.administrator())
    partner = factories.partner()
    existing = RoleAssignment.objects.get(user=partner)
    response = _post_inline(client, partner, [_row(existing, DELETE="on")])
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(user=partner).exists()


def test_an_unchanged_assignment_is_left_as_it_is():
    raadslid = factories.officeholder(office_type=OfficeType.RAADSLID)
    existing = RoleAssignment.objects.get(user=raadslid)
    kept = actions.role_assignment_change(
        actor=factories.administrator(),
        assignment=existing,
        role=Role.OFFICEHOLDER,
        office_type=OfficeType.RAADSLID,
        body=existing.body,
    )
    assert kept.pk == existing.pk
    assert kept.granted_by is None


def test_marking_and_unmarking_a_water_board_chair_is_on_the_audit_trail():
    # Who chairs the body decides who may apply to the security measures fund on behalf of
    # its officeholders: a change of that mark must be traceable to the administrator.
    from audit.models import AccessEntry

    admin = factories.administrator()
    water_board = factories.GovernmentBody.objects.filter(kind="water_board").first()
    member = factories.with_role(
        factories.UserFactory(), Role.OFFICEHOLDER, OfficeType.WATERSCHAPSBESTUURDER, water_board
    )
    assignment = member.role_assignments.get()
    actions.role_assignment_set_chair(actor=admin, assignment=assignment, chairs=True)
    actions.role_assignment_set_chair(actor=admin, assignment=assignment, chairs=True)
    actions.role_assignment_set_chair(actor=admin, assignment=assignment, chairs=False)
    entries = AccessEntry.objects.for_object(member).order_by("pk")
    assert [(e.actor_id, e.action, e.what) for e in entries] == [
        (admin.pk, "change", "chair_marked"),
        (admin.pk, "change", "chair_unmarked"),
    ]

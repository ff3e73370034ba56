"""The starterspakket: made when a burgemeester role is assigned (by invitation or in the
admin), ticked off by the mayor, the scan item following the scan, and followed up by staff."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import actions as account_actions
from accounts.models import OfficeType, Role
from accounts.tests import factories as people
from homescan import actions, starter_kit
from homescan.models import StarterKit
from homescan.tests import factories

pytestmark = pytest.mark.django_db


def test_assigning_a_burgemeester_role_gives_a_starter_kit():
    user = people.UserFactory()
    body = people.municipality()
    account_actions.role_assign(
        actor=None,
        user=user,
        role=Role.OFFICEHOLDER,
        office_type=OfficeType.BURGEMEESTER,
        body=body,
    )
    kit = StarterKit.objects.get(mayor=user)
    assert kit.body == body
    assert [item.code for item in kit.items.all()] == [item.code for item in starter_kit.ITEMS]
    assert not any(item.is_done for item in kit.items.all())
    # Assigning the same role again does not make a second kit.
    account_actions.role_assign(
        actor=None,
        user=user,
        role=Role.OFFICEHOLDER,
        office_type=OfficeType.BURGEMEESTER,
        body=body,
    )
    assert StarterKit.objects.filter(mayor=user).count() == 1


@pytest.mark.parametrize(
    ("role", "office_type", "body"),
    [
        (Role.OFFICEHOLDER, OfficeType.WETHOUDER, "municipality"),
        (Role.OFFICEHOLDER, OfficeType.RAADSLID, "municipality"),
        (Role.GRIFFIER, "", "municipality"),
        (Role.TRIAGE, "", None),
    ],
)
def test_other_roles_get_no_starter_kit(role, office_type, body):
    user = people.UserFactory()
    account_actions.role_assign(
        actor=None,
        user=user,
        role=role,
        office_type=office_type,
        body=people.municipality() if body else None,
    )
    assert not StarterKit.objects.filter(mayor=user).exists()


def test_an_accepted_invitation_as_burgemeester_brings_the_kit():
    staff = people.triage_staff()
    invitation = account_actions.invitation_create(
        actor=staff,
        email="nieuw@example.test",
        role=Role.OFFICEHOLDER,
        office_type=OfficeType.BURGEMEESTER,
        body=people.municipality(),
    )
    user = account_actions.invitation_accept(
        invitation=invitation, full_name="Nieuwe Burgemeester", password="een-lang-wachtwoord-1"
    )
    assert StarterKit.objects.filter(mayor=user).exists()


def test_a_burgemeester_role_added_in_the_admin_brings_the_kit(client):
    admin = people.administrator()
    client.force_login(admin)
    user = people.UserFactory(email="admin-burgemeester@example.test")
    url = reverse("admin:accounts_user_change", args=[user.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in ("email", "full_name")}
    data.update(
        {
            "is_active": "on",
            "date_joined_0": "",
            "role_assignments-TOTAL_FORMS": "1",
            "role_assignments-INITIAL_FORMS": "0",
            "role_assignments-MIN_NUM_FORMS": "0",
            "role_assignments-MAX_NUM_FORMS": "1000",
            "role_assignments-0-role": Role.OFFICEHOLDER,
            "role_assignments-0-office_type": OfficeType.BURGEMEESTER,
            "role_assignments-0-body": people.municipality().pk,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert StarterKit.objects.filter(mayor=user).exists()


def test_the_mayor_ticks_items_off_and_the_kit_completes():
    mayor = factories.mayor()
    kit = actions.starter_kit_create(mayor=mayor, body=people.municipality())
    for item in kit.items.exclude(code=starter_kit.SCAN):
        actions.starter_kit_item_mark(actor=mayor, item=item, done=True)
    kit.refresh_from_db()
    assert kit.completed_at is None  # the scan is still to do
    factories.scan(owner=mayor)
    kit.refresh_from_db()
    assert kit.items.get(code=starter_kit.SCAN).is_done
    assert kit.completed_at is not None
    # Undoing an item reopens the kit.
    item = kit.items.get(code=starter_kit.TRAINING)
    actions.starter_kit_item_mark(actor=mayor, item=item, done=False)
    kit.refresh_from_db()
    assert kit.completed_at is None


def test_the_scan_item_cannot_be_ticked_by_hand_and_others_cannot_tick():
    from django.core.exceptions import PermissionDenied, ValidationError

    mayor = factories.mayor()
    kit = actions.starter_kit_create(mayor=mayor, body=people.municipality())
    with pytest.raises(ValidationError):
        actions.starter_kit_item_mark(
            actor=mayor, item=kit.items.get(code=starter_kit.SCAN), done=True
        )
    with pytest.raises(PermissionDenied):
        actions.starter_kit_item_mark(
            actor=people.triage_staff(), item=kit.items.get(code=starter_kit.TRAINING), done=True
        )


def test_a_kit_made_after_a_scan_starts_with_the_scan_done():
    mayor = factories.mayor()
    factories.scan(owner=mayor)
    kit = actions.starter_kit_create(mayor=mayor, body=people.municipality())
    assert kit.items.get(code=starter_kit.SCAN).is_done


def test_the_kit_page_is_the_mayors_own(client):
    mayor = factories.mayor()
    kit = actions.starter_kit_create(mayor=mayor, body=people.municipality())
    client.force_login(mayor)
    page = client.get(reverse("homescan:starter_kit")).content.decode()
    assert "Uw starterspakket" in page
    item = kit.items.get(code=starter_kit.CONTACTS)
    client.post(reverse("homescan:starter_kit"), {"item": item.pk, "done": "1"})
    item.refresh_from_db()
    assert item.is_done
    # Another mayor cannot tick this item through their own page.
    other = factories.mayor()
    actions.starter_kit_create(mayor=other, body=people.municipality())
    client.force_login(other)
    training = kit.items.get(code=starter_kit.TRAINING)
    response = client.post(reverse("homescan:starter_kit"), {"item": training.pk, "done": "1"})
    assert response.status_code == 404
    training.refresh_from_db()
    assert not training.is_done
    # Someone without a kit gets a 404.
    client.force_login(people.officeholder())
    assert client.get(reverse("homescan:starter_kit")).status_code == 404


def test_staff_see_kits_that_are_incomplete_after_the_due_days(
    client, settings, django_assert_max_num_queries
):
    settings.STARTER_KIT_DUE_DAYS = 30
    body = people.municipality()
    late = actions.starter_kit_create(
        mayor=factories.mayor(full_name="Late Burgemeester"), body=body
    )
    StarterKit.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent = actions.starter_kit_create(
        mayor=factories.mayor(full_name="Verse Burgemeester"), body=body
    )
    StarterKit.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=29))
    done = actions.starter_kit_create(
        mayor=factories.mayor(full_name="Klare Burgemeester"), body=body
    )
    StarterKit.objects.filter(pk=done.pk).update(
        created_at=timezone.now() - timedelta(days=60), completed_at=timezone.now()
    )
    client.force_login(people.triage_staff())
    with django_assert_max_num_queries(12):
        page = client.get(reverse("homescan:starter_kits")).content.decode()
    assert "Late Burgemeester" in page
    assert "0 van 4" in page
    assert "Verse Burgemeester" not in page
    assert "Klare Burgemeester" not in page
    everything = client.get(reverse("homescan:starter_kits") + "?alle=1").content.decode()
    assert "Verse Burgemeester" in everything
    assert "Klare Burgemeester" not in everything


def test_the_due_days_come_from_the_setting(settings):
    settings.STARTER_KIT_DUE_DAYS = 7
    kit = actions.starter_kit_create(mayor=factories.mayor(), body=people.municipality())
    StarterKit.objects.filter(pk=kit.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert list(StarterKit.objects.overdue()) == [kit]
    settings.STARTER_KIT_DUE_DAYS = 10
    assert list(StarterKit.objects.overdue()) == []


def test_the_staff_overview_is_for_staff_only(client):
    for user in (factories.mayor(), people.griffier(), people.partner()):
        client.force_login(user)
        assert client.get(reverse("homescan:starter_kits")).status_code == 404


def test_navigation_per_role():
    from homescan.navigation import links_for

    mayor = factories.mayor()
    actions.starter_kit_create(mayor=mayor, body=people.municipality())
    assert [link.title for link in links_for(mayor)] == [
        "Basisscan veilige woning",
        "Starterspakket",
    ]
    assert [link.title for link in links_for(people.officeholder())] == ["Basisscan veilige woning"]
    assert [link.title for link in links_for(people.triage_staff())] == [
        "Starterspakketten",
        "Gedeelde basisscans",
    ]
    assert links_for(people.griffier()) == []


def test_a_former_mayor_drops_off_the_staff_overview(client):
    mayor = factories.mayor(full_name="Vertrokken Burgemeester")
    kit = actions.starter_kit_create(mayor=mayor, body=people.municipality())
    StarterKit.objects.filter(pk=kit.pk).update(created_at=timezone.now() - timedelta(days=90))
    client.force_login(people.triage_staff())
    assert (
        "Vertrokken Burgemeester" in client.get(reverse("homescan:starter_kits")).content.decode()
    )
    account_actions.role_revoke(actor=None, user=mayor, role=Role.OFFICEHOLDER)
    assert (
        "Vertrokken Burgemeester"
        not in client.get(reverse("homescan:starter_kits")).content.decode()
    )

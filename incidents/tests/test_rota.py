"""The on-call rota page (staff only; everyone else a 404 as elsewhere in triage), its forms
(add, remove, the digest preference), and what reporters are told about calling now: the sent
page promises contact within the hour only when someone is on call, the numbers are tel: links."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests import factories as people
from audit.models import AccessEntry
from incidents.models import OnCallShift, StaffNoticePreference
from incidents.tests import factories

pytestmark = pytest.mark.django_db

ROTA = reverse("incidents:rota")
LOCAL = "%Y-%m-%dT%H:%M"


def login(client, user):
    client.force_login(user)
    return client


def local(moment):
    return timezone.localtime(moment).strftime(LOCAL)


def test_case_handlers_see_the_rota_and_others_get_a_404(client):
    assert client.get(ROTA).status_code == 302  # sign in first
    for outsider in (
        factories.reporter(),
        people.support_team_member(),
        people.griffier(),
        people.partner(),
    ):
        assert login(client, outsider).get(ROTA).status_code == 404
        for name in ("rota_add", "notice_preference"):
            assert client.post(reverse(f"incidents:{name}")).status_code == 404
    assert login(client, people.triage_staff()).get(ROTA).status_code == 200


def test_a_shift_is_added_from_the_form_with_an_audit_row(client):
    staff, colleague = people.triage_staff(), people.triage_staff(full_name="Piet Piket")
    start = timezone.now() + timedelta(hours=1)
    response = login(client, staff).post(
        reverse("incidents:rota_add"),
        {
            "person": colleague.pk,
            "starts_at": local(start),
            "ends_at": local(start + timedelta(hours=12)),
        },
    )
    assert response.status_code == 302
    shift = OnCallShift.objects.get()
    assert (shift.person, shift.created_by, shift.is_team_lead) == (colleague, staff, False)
    assert AccessEntry.objects.filter(
        actor=staff, object_id=str(shift.pk), what="on_call_shift_add"
    ).exists()
    page = client.get(ROTA).content.decode()
    assert "Piet Piket" in page and "Dienst van Piet Piket vanaf" in page


def test_the_form_refuses_an_end_before_the_start_and_a_person_who_is_not_a_case_handler(client):
    staff = people.triage_staff()
    start = timezone.now() + timedelta(hours=1)
    login(client, staff)
    backwards = client.post(
        reverse("incidents:rota_add"),
        {
            "person": staff.pk,
            "starts_at": local(start),
            "ends_at": local(start - timedelta(hours=2)),
        },
    )
    assert backwards.status_code == 400
    assert "Het einde moet na het begin liggen." in backwards.content.decode()
    stranger = client.post(
        reverse("incidents:rota_add"),
        {
            "person": people.support_team_member().pk,
            "starts_at": local(start),
            "ends_at": local(start + timedelta(hours=2)),
        },
    )
    assert stranger.status_code == 400
    assert not OnCallShift.objects.exists()


def test_a_shift_is_removed_but_kept_in_the_history(client):
    staff = people.triage_staff(full_name="Karin Klaar")
    start = timezone.now() + timedelta(hours=1)
    shift = OnCallShift.objects.create(
        person=staff, starts_at=start, ends_at=start + timedelta(hours=8), created_by=staff
    )
    response = login(client, staff).post(reverse("incidents:rota_remove", args=[shift.pk]))
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.removed_by == staff and shift.removed_at is not None
    assert "Dienst van Karin Klaar vanaf" not in client.get(ROTA).content.decode()
    assert client.post(reverse("incidents:rota_remove", args=[shift.pk])).status_code == 404
    assert (
        login(client, factories.reporter())
        .post(reverse("incidents:rota_remove", args=[shift.pk]))
        .status_code
        == 404
    )


def test_the_rota_page_says_who_is_on_call_now_and_when_no_one_is(client):
    staff = people.triage_staff(full_name="Nina Nacht")
    login(client, staff)
    assert "Nu heeft niemand piket." in client.get(ROTA).content.decode()
    now = timezone.now()
    OnCallShift.objects.create(
        person=staff,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
        created_by=staff,
    )
    page = client.get(ROTA).content.decode()
    assert "Nu heeft niemand piket." not in page and "Nina Nacht" in page


def test_a_case_handler_chooses_the_hourly_digest(client):
    staff = people.triage_staff()
    login(client, staff).post(
        reverse("incidents:notice_preference"), {"digest_outside_office_hours": "on"}
    )
    assert StaffNoticePreference.objects.get(user=staff).digest_outside_office_hours
    client.post(reverse("incidents:notice_preference"), {})
    assert not StaffNoticePreference.objects.get(user=staff).digest_outside_office_hours


# --- what the reporter is told ------------------------------------------------------------------


def sent_page(client, incident):
    return (
        login(client, incident.reporter)
        .get(reverse("incidents:sent", args=[incident.pk]))
        .content.decode()
    )


def test_the_sent_page_promises_an_hour_only_when_someone_is_on_call(client, settings):
    settings.SUPPORT_PHONE = "0800 123 45 67"
    incident = factories.submitted(immediate_danger=True)
    page = sent_page(client, incident)
    assert "binnen een uur" not in page
    assert 'href="tel:08001234567"' in page and 'href="tel:112"' in page
    staff = people.triage_staff()
    now = timezone.now()
    OnCallShift.objects.create(
        person=staff,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
        created_by=staff,
    )
    assert "binnen een uur contact" in sent_page(client, incident)


def test_the_112_page_and_the_officeholders_menu_give_the_numbers_as_tel_links(client, settings):
    settings.SUPPORT_PHONE = "0800 123 45 67"
    settings.BZK_CONTACT_PHONE = "+31 70 123 4567"
    incident = factories.draft(immediate_danger=True)
    login(client, incident.reporter)
    danger = client.get(reverse("incidents:danger", args=[incident.pk])).content.decode()
    assert 'href="tel:08001234567"' in danger and 'href="tel:+31701234567"' in danger
    home = client.get(reverse("home")).content.decode()
    menu = home[home.index('id="hoofdmenu"') : home.index("</nav>")]
    assert 'href="tel:08001234567"' in menu and "Ondersteuningsteam 24/7" in menu
    login(client, people.triage_staff())
    home = client.get(reverse("home")).content.decode()
    assert "tel:0800" not in home[home.index('id="hoofdmenu"') : home.index("</nav>")]


def test_the_rota_page_costs_the_same_queries_for_one_shift_or_twenty(
    client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff = people.triage_staff()
    login(client, staff)
    start = timezone.now() + timedelta(hours=1)

    def add(count):
        for n in range(count):
            person = people.triage_staff()
            OnCallShift.objects.create(
                person=person,
                starts_at=start + timedelta(hours=n),
                ends_at=start + timedelta(hours=n + 8),
                created_by=staff,
            )

    add(1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(ROTA).status_code == 200
    add(19)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(ROTA).status_code == 200

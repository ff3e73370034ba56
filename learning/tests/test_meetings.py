"""Meetings of the learning network through the actions: planning, registering, the waiting
list, cancelling, reminders, attendance, report and materials."""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.tests import factories as people
from audit.models import AccessEntry
from learning import actions, notices, tasks
from learning.models import MeetingRegistration, MeetingRegistrationEvent
from learning.models import MeetingRegistrationStatus as Status
from learning.tests import factories
from notifications import delivery
from notifications.delivery import build_message
from notifications.kinds import get
from notifications.models import Notification
from subsidies.tests import factories as grants
from weerbaar.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db


def test_bzk_plans_a_meeting_with_a_sanitised_agenda_and_an_audit_row():
    staff = people.triage_staff()
    meeting = factories.meeting(
        actor=staff, agenda="# Opening\n\n<script>alert(1)</script> [x](javascript:alert(1))"
    )
    assert "<h2" in meeting.agenda_html
    assert "<script" not in meeting.agenda_html and "javascript:" not in meeting.agenda_html
    assert AccessEntry.objects.filter(actor=staff, what="meeting").exists()


def test_only_bzk_plans_a_meeting():
    with pytest.raises(PermissionDenied):
        factories.meeting(actor=factories.participant())


def test_an_online_meeting_has_no_place_and_a_meeting_elsewhere_no_link():
    online = factories.meeting(online=True, place="Den Haag")
    assert (online.place, online.location) == ("", "Online")
    offline = factories.meeting(online_link="https://elders.example/")
    assert offline.online_link == ""


def test_a_participant_gets_a_place_an_event_row_and_a_notice():
    meeting = factories.meeting(capacity=2)
    griffier = factories.participant()
    registration = actions.meeting_register(actor=griffier, meeting=meeting)
    assert registration.status == Status.CONFIRMED
    event = MeetingRegistrationEvent.objects.get(registration=registration)
    assert (event.from_status, event.to_status, event.actor) == ("", "confirmed", griffier)
    assert Notification.objects.get(recipient=griffier).kind == "learning.meeting_confirmed"


def test_someone_who_takes_no_part_cannot_register():
    meeting = factories.meeting()
    with pytest.raises(PermissionDenied):
        actions.meeting_register(actor=people.griffier(), meeting=meeting)


def test_a_full_meeting_puts_the_next_on_the_waiting_list_and_a_second_registration_is_refused():
    meeting = factories.meeting(capacity=1)
    first = factories.participant()
    actions.meeting_register(actor=first, meeting=meeting)
    second = people.griffier(body=people.municipality())
    registration = actions.meeting_register(actor=second, meeting=meeting)
    assert registration.status == Status.WAITING
    assert Notification.objects.get(recipient=second).kind == "learning.meeting_waiting"
    with pytest.raises(actions.AlreadyRegistered):
        actions.meeting_register(actor=second, meeting=meeting)


def test_a_cancelled_place_goes_to_the_first_waiting_who_hears_so():
    meeting = factories.meeting(capacity=1)
    leaver, first, second = (people.griffier(body=people.municipality()) for _ in range(3))
    factories.participant()
    placed = actions.meeting_register(actor=leaver, meeting=meeting)
    waiting_first = actions.meeting_register(actor=first, meeting=meeting)
    actions.meeting_register(actor=second, meeting=meeting)
    moved = actions.meeting_registration_cancel(actor=leaver, registration=placed)
    assert moved == waiting_first
    assert MeetingRegistration.objects.get(user=first).status == Status.CONFIRMED
    assert MeetingRegistration.objects.get(user=second).status == Status.WAITING
    assert Notification.objects.filter(recipient=first, kind="learning.meeting_moved_up").exists()
    assert list(
        MeetingRegistrationEvent.objects.filter(registration=waiting_first).values_list(
            "from_status", "to_status", "actor"
        )
    ) == [("", "waiting", first.pk), ("waiting", "confirmed", None)]


def test_nobody_cancels_someone_elses_registration_nor_one_twice():
    meeting = factories.meeting()
    griffier = factories.participant()
    registration = actions.meeting_register(actor=griffier, meeting=meeting)
    with pytest.raises(PermissionDenied):
        actions.meeting_registration_cancel(
            actor=people.griffier(body=people.municipality()), registration=registration
        )
    actions.meeting_registration_cancel(actor=griffier, registration=registration)
    with pytest.raises(TransitionNotAllowed):
        actions.meeting_registration_cancel(actor=griffier, registration=registration)


def test_a_meeting_that_began_or_was_cancelled_takes_no_registrations():
    griffier = factories.participant()
    begun = factories.begin(factories.meeting())
    with pytest.raises(actions.MeetingClosed):
        actions.meeting_register(actor=griffier, meeting=begun)
    cancelled = factories.meeting()
    staff = people.triage_staff()
    actions.meeting_cancel(actor=staff, meeting=cancelled)
    with pytest.raises(actions.MeetingClosed):
        actions.meeting_register(actor=griffier, meeting=cancelled)
    assert AccessEntry.objects.filter(actor=staff, what="meeting_cancelled").exists()
    with pytest.raises(PermissionDenied):
        actions.meeting_cancel(actor=griffier, meeting=factories.meeting())


def test_reminders_go_once_to_those_with_a_place_and_are_withdrawn_when_cancelled():
    soon = factories.meeting(days=1)
    later = factories.meeting(days=settings.LEARNING_MEETING_REMINDER_HOURS // 24 + 5)
    griffier = factories.participant()
    waiting_person = people.griffier(body=people.municipality())
    soon_full = factories.meeting(days=1, capacity=1)
    actions.meeting_register(actor=griffier, meeting=soon)
    actions.meeting_register(actor=griffier, meeting=later)
    actions.meeting_register(actor=griffier, meeting=soon_full)
    actions.meeting_register(actor=waiting_person, meeting=soon_full)
    assert tasks.remind_of_meetings() == 2
    assert tasks.remind_of_meetings() == 0  # idempotent
    reminders = Notification.objects.filter(kind="learning.meeting_reminder")
    assert {row.recipient for row in reminders} == {griffier}
    message = build_message(reminders.first())
    text = f"{message.subject}\n{message.body}"
    assert "/leernetwerk/bijeenkomsten/" in text
    assert "tribune" not in text.lower() and "Den Haag" not in text
    row = reminders.get(object_id__in=soon.registrations.values("pk"))
    assert get(row.kind).still_wanted(row)
    actions.meeting_cancel(actor=people.triage_staff(), meeting=soon)
    assert not get(row.kind).still_wanted(row)


def test_a_moved_meeting_is_reminded_of_again():
    meeting = factories.meeting(days=1)
    actions.meeting_register(actor=factories.participant(), meeting=meeting)
    assert len(notices.record_reminders()) == 1
    type(meeting).objects.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at + timedelta(hours=1),
        ends_at=meeting.ends_at + timedelta(hours=1),
    )
    assert len(notices.record_reminders()) == 1


def test_bzk_records_attendance_after_the_start_and_may_correct_it():
    meeting = factories.meeting()
    griffier = factories.participant()
    registration = actions.meeting_register(actor=griffier, meeting=meeting)
    staff = people.triage_staff()
    with pytest.raises(actions.MeetingNotBegun):
        actions.meeting_attendance_record(actor=staff, meeting=meeting, attended=[registration.pk])
    factories.begin(meeting)
    with pytest.raises(PermissionDenied):
        actions.meeting_attendance_record(
            actor=griffier, meeting=meeting, attended=[registration.pk]
        )
    assert (
        actions.meeting_attendance_record(actor=staff, meeting=meeting, attended=[registration.pk])
        == 1
    )
    registration.refresh_from_db()
    assert registration.status == Status.ATTENDED
    assert actions.meeting_attendance_record(actor=staff, meeting=meeting, attended=[]) == 1
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert AccessEntry.objects.filter(actor=staff, what="attendance").count() == 2


def _pdf():
    return grants.pdf_upload("slides.pdf")


def test_after_the_start_bzk_adds_a_report_and_material_checked_by_content():
    meeting = factories.meeting()
    staff = people.triage_staff()
    with pytest.raises(actions.MeetingNotBegun):
        actions.meeting_report_save(actor=staff, meeting=meeting, report="Verslag")
    factories.begin(meeting)
    with pytest.raises(PermissionDenied):
        actions.meeting_report_save(actor=factories.participant(), meeting=meeting, report="x")
    meeting = actions.meeting_report_save(
        actor=staff, meeting=meeting, report="## Wat we leerden\n\n<img src=x onerror=alert(1)>"
    )
    assert "<h2" in meeting.report_html and "<img" not in meeting.report_html
    with pytest.raises(ValidationError):
        actions.meeting_material_add(
            actor=staff,
            meeting=meeting,
            title="Niet echt een pdf",
            uploaded_file=SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf"),
        )
    material = actions.meeting_material_add(
        actor=staff, meeting=meeting, title="Dia's", uploaded_file=_pdf()
    )
    assert (material.content_type, material.extension) == ("application/pdf", "pdf")
    assert io.BytesIO(material.file.read()).read(5) == b"%PDF-"
    assert AccessEntry.objects.filter(actor=staff, what="meeting_material").exists()


def test_registering_again_after_cancelling_joins_at_the_back():
    meeting = factories.meeting(capacity=1)
    griffier = factories.participant()
    other = people.griffier(body=people.municipality())
    first = actions.meeting_register(actor=griffier, meeting=meeting)
    actions.meeting_registration_cancel(actor=griffier, registration=first)
    actions.meeting_register(actor=other, meeting=meeting)
    again = actions.meeting_register(actor=griffier, meeting=meeting)
    assert again.status == Status.WAITING
    assert timezone.now() >= again.created_at


def test_the_audit_codes_of_the_learning_network_have_dutch_labels():
    from audit.labels import label_of

    for code in ("meeting", "meeting_cancelled", "attendance", "meeting_report", "participant"):
        assert label_of(code) != label_of("an-unknown-code")


def test_the_admin_shows_meetings_read_only(client):
    from django.urls import reverse

    factories.meeting(title="Bijeenkomst in het beheer")
    client.force_login(people.administrator())
    page = client.get(reverse("admin:learning_meeting_changelist"))
    assert page.status_code == 200 and "Bijeenkomst in het beheer" in page.content.decode()
    assert client.get(reverse("admin:learning_meeting_add")).status_code == 403


def test_cancelling_a_meeting_tells_everyone_registered_and_waiting_by_a_bare_link(mailoutbox):
    meeting = factories.meeting(capacity=1, title="Geheime bijeenkomst")
    placed, waiting, left = (people.griffier(body=people.municipality()) for _ in range(3))
    factories.participant()
    actions.meeting_register(actor=placed, meeting=meeting)
    actions.meeting_register(actor=waiting, meeting=meeting)
    gone = actions.meeting_register(actor=left, meeting=meeting)
    actions.meeting_registration_cancel(actor=left, registration=gone)
    delivery.relay()
    mailoutbox.clear()

    actions.meeting_cancel(actor=people.triage_staff(), meeting=meeting)
    rows = Notification.objects.filter(kind="learning.meeting_cancelled")
    assert {row.recipient for row in rows} == {placed, waiting}
    delivery.relay()
    assert sorted(m.to[0] for m in mailoutbox) == sorted([placed.email, waiting.email])
    for message in mailoutbox:
        text = f"{message.subject}\n{message.body}"
        assert "gaat niet door" in text
        assert meeting.get_absolute_url() in text
        assert "Geheime" not in text and "Den Haag" not in text
    # Recorded once: the cancellation is not repeated, and a relay again sends nothing new.
    with pytest.raises(actions.MeetingClosed):
        actions.meeting_cancel(actor=people.triage_staff(), meeting=meeting)
    delivery.relay()
    assert len(mailoutbox) == 2 and rows.count() == 2

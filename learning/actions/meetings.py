"""Meetings of the learning network: BZK plans, cancels, records attendance and adds the
materials and report; participants register and cancel.

Registering and cancelling lock the meeting's row (select_for_update) before counting its
places, so two people registering for the last place, or a cancellation and a registration at
once, never put more people in the meeting than it has places, and the first on the waiting
list moves up exactly once (the same rule as the training catalogue's sessions).
"""

import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

import audit
from network.actions import knowledge_item_create
from network.models import KnowledgeItem, KnowledgeKind, Theme
from network.rendering import render_markdown
from weerbaar import waiting_list
from weerbaar.uploads import KIND_JPEG, KIND_PDF, KIND_PNG, store_upload
from weerbaar.workflow import move

from .. import notices
from ..models import (
    Meeting,
    MeetingMaterial,
    MeetingRegistration,
    MeetingRegistrationEvent,
    MeetingRegistrationStatus,
)
from ..models.meetings import TAKING_A_PLACE
from ..permissions import may_host, takes_part
from ..workflow import ATTENDEE, HOST, MEETING_TRANSITIONS, SYSTEM
from .threads import PRACTICE_AUDIENCES, AlreadyPractice, NoConsent

MEETING_FIELDS = ("title", "starts_at", "ends_at", "online", "place", "online_link", "agenda")
MATERIAL_KINDS = frozenset({KIND_PDF, KIND_JPEG, KIND_PNG})


class AlreadyRegistered(Exception):
    """This person already has a place, or a place on the waiting list, for this meeting."""


class MeetingClosed(Exception):
    """The meeting has begun or was cancelled: nobody registers or cancels any more."""


class MeetingNotBegun(Exception):
    """Attendance, materials and the report come once the meeting has begun."""


def _html(text: str) -> str:
    html, _toc = render_markdown(text)
    return html


def meeting_create(*, actor, capacity: int, **fields) -> Meeting:
    """BZK plans a meeting. The agenda is Markdown, stored with its sanitised HTML."""
    if not may_host(actor):
        raise PermissionDenied
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    if fields.get("online"):
        fields["place"] = ""
    else:
        fields["online_link"] = ""
    with transaction.atomic():
        meeting = Meeting.objects.create(
            capacity=capacity,
            created_by=actor,
            agenda_html=_html(fields.get("agenda", "")),
            **fields,
        )
        audit.record(actor=actor, obj=meeting, action="change", what="meeting")
    return meeting


def _locked(meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _registrations(meeting):
    return MeetingRegistration.objects.filter(meeting=meeting)


def meeting_cancel(*, actor, meeting) -> Meeting:
    """BZK cancels a meeting that has not begun: everyone with a place or on the waiting list
    hears so (a link only); reminders not yet sent are withdrawn."""
    if not may_host(actor):
        raise PermissionDenied
    with transaction.atomic():
        meeting = _locked(meeting)
        if meeting.has_begun or meeting.cancelled_at:
            raise MeetingClosed
        meeting.cancelled_at = timezone.now()
        meeting.save(update_fields=["cancelled_at"])
        audit.record(actor=actor, obj=meeting, action="change", what="meeting_cancelled")
        notices.record_cancelled(meeting)
    return meeting


def meeting_register(*, actor, meeting) -> MeetingRegistration:
    """Register the actor: a place while there is one, else the back of the waiting list; a
    notice says which. Refuses a second active registration, and a meeting that has begun or
    was cancelled. Precondition: the actor takes part in the network."""
    if not takes_part(actor):
        raise PermissionDenied
    with transaction.atomic():
        meeting = _locked(meeting)
        if meeting.has_begun or meeting.cancelled_at:
            raise MeetingClosed
        if MeetingRegistration.objects.active().filter(meeting=meeting, user=actor).exists():
            raise AlreadyRegistered
        status = waiting_list.status_for_new(
            _registrations(meeting),
            capacity=meeting.capacity,
            taking_a_place=TAKING_A_PLACE,
            confirmed=MeetingRegistrationStatus.CONFIRMED,
            waiting=MeetingRegistrationStatus.WAITING,
        )
        try:
            with transaction.atomic():
                registration = MeetingRegistration.objects.create(
                    meeting=meeting, user=actor, status=status
                )
        except IntegrityError as error:
            raise AlreadyRegistered from error
        MeetingRegistrationEvent.record(
            subject=registration, actor=actor, from_value="", to_value=status
        )
        notices.record_registered(registration)
    return registration


def meeting_registration_cancel(*, actor, registration) -> MeetingRegistration | None:
    """The person cancels their own registration. When it held a place, the first on the
    waiting list (who registered earliest) gets it and hears so. Returns who moved up."""
    with transaction.atomic():
        meeting = _locked(registration.meeting)
        registration = MeetingRegistration.objects.select_for_update().get(pk=registration.pk)
        if registration.user_id != actor.pk:
            raise PermissionDenied
        if meeting.has_begun:
            raise MeetingClosed
        held_a_place = registration.status in TAKING_A_PLACE
        move(
            registration,
            MeetingRegistrationStatus.CANCELLED,
            table=MEETING_TRANSITIONS,
            actor=actor,
            parties={ATTENDEE},
            event=MeetingRegistrationEvent,
            refusal=_("Deze aanmelding kunt u niet meer afmelden."),
        )
        if not held_a_place or meeting.cancelled_at:
            return None
        return _move_up_the_first_waiting(meeting)


def _move_up_the_first_waiting(meeting) -> MeetingRegistration | None:
    return waiting_list.move_up_the_first_waiting(
        _registrations(meeting),
        capacity=meeting.capacity,
        taking_a_place=TAKING_A_PLACE,
        confirmed=MeetingRegistrationStatus.CONFIRMED,
        waiting=MeetingRegistrationStatus.WAITING,
        table=MEETING_TRANSITIONS,
        parties={SYSTEM},
        event=MeetingRegistrationEvent,
        notify=notices.record_moved_up,
    )


def meeting_attendance_record(*, actor, meeting, attended: Iterable[int]) -> int:
    """BZK records who attended: registrations with a place whose ids are in `attended`
    become attended, the others (back) confirmed. Only once the meeting has begun. Returns
    the number of registrations changed."""
    if not may_host(actor):
        raise PermissionDenied
    attended = set(attended)
    changed = 0
    with transaction.atomic():
        meeting = _locked(meeting)
        if not meeting.has_begun:
            raise MeetingNotBegun
        for registration in MeetingRegistration.objects.select_for_update().filter(
            meeting=meeting, status__in=TAKING_A_PLACE
        ):
            target = (
                MeetingRegistrationStatus.ATTENDED
                if registration.pk in attended
                else MeetingRegistrationStatus.CONFIRMED
            )
            if registration.status == target:
                continue
            move(
                registration,
                target,
                table=MEETING_TRANSITIONS,
                actor=actor,
                parties={HOST},
                event=MeetingRegistrationEvent,
            )
            changed += 1
        audit.record(actor=actor, obj=meeting, action="change", what="attendance")
    return changed


def meeting_report_save(*, actor, meeting, report: str) -> Meeting:
    """BZK writes (or corrects) the report of a meeting that has begun; Markdown, stored with
    its sanitised HTML. The writer becomes the report's author; a changed text takes back a
    consent to a practice example not yet made (the consent was for the old text)."""
    if not may_host(actor):
        raise PermissionDenied
    with transaction.atomic():
        meeting = _locked(meeting)
        if not meeting.has_begun:
            raise MeetingNotBegun
        if report != meeting.report and not meeting.practice_id:
            meeting.practice_consent_at = None
        meeting.report = report
        meeting.report_html = _html(report)
        meeting.report_at = timezone.now()
        meeting.report_by = actor
        meeting.save(
            update_fields=["report", "report_html", "report_at", "report_by", "practice_consent_at"]
        )
        audit.record(actor=actor, obj=meeting, action="change", what="meeting_report")
    return meeting


def meeting_report_practice_consent(*, actor, meeting, consent: bool) -> Meeting:
    """The report's writer agrees (or no longer agrees) that BZK turns the report into a
    practice example, as a thread's author does for a thread. Taking consent back is refused
    once the practice exists."""
    with transaction.atomic():
        meeting = _locked(meeting)
        if not may_host(actor) or meeting.report_by_id != actor.pk or not meeting.report:
            raise PermissionDenied
        if not consent and meeting.practice_id:
            raise AlreadyPractice
        if consent != (meeting.practice_consent_at is not None):
            meeting.practice_consent_at = timezone.now() if consent else None
            meeting.save(update_fields=["practice_consent_at"])
            audit.record(
                actor=actor,
                obj=meeting,
                action="change",
                what="practice_consent" if consent else "practice_consent_withdrawn",
            )
    return meeting


NAME_LEFT_OUT = "[naam]"


def without_names(text: str, names: Iterable[str]) -> str:
    """The text with each of `names` (whole words, any case) replaced by NAME_LEFT_OUT."""
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", NAME_LEFT_OUT, text, flags=re.IGNORECASE)
    return text


def meeting_practice_draft_of(meeting, names: Iterable[str]) -> dict:
    """What a practice example starts from: the meeting's title, its month and the report,
    without the names of the people who registered and of the report's writer (each replaced
    by "[naam]"), and without who attended. BZK edits it before it is published."""
    month = formats.date_format(timezone.localtime(meeting.starts_at), "F Y")
    parts = [_("## Wat we bespraken en leerden"), "", without_names(meeting.report.strip(), names)]
    return {
        "title": meeting.title,
        "summary": _(
            "Uit een bijeenkomst van het leernetwerk Veilig Vergaderen (%(month)s): wat de "
            "deelnemers uitwisselden."
        )
        % {"month": month},
        "body": "\n".join(parts).strip() + "\n",
    }


def meeting_report_to_practice(*, actor, meeting, audience) -> KnowledgeItem:
    """BZK turns a meeting's report whose writer consented into a draft practice example of
    the knowledge base (theme Veilig vergaderen; readable by everyone or by partners once
    published), as for a thread; BZK then edits and publishes it through the knowledge base's
    review. The draft names none of the people registered for the meeting. Once per meeting."""
    if not may_host(actor):
        raise PermissionDenied
    if audience not in PRACTICE_AUDIENCES:
        raise ValueError(f"audience {audience!r}")
    with transaction.atomic():
        meeting = _locked(meeting)
        if meeting.practice_id:
            raise AlreadyPractice
        if meeting.practice_consent_at is None or not meeting.report:
            raise NoConsent
        names = list(
            MeetingRegistration.objects.filter(meeting=meeting).values_list(
                "user__full_name", flat=True
            )
        )
        if meeting.report_by is not None:
            names.append(meeting.report_by.full_name)
        with translation.override("nl"):
            draft = meeting_practice_draft_of(meeting, names)
        item = knowledge_item_create(
            actor=actor,
            kind=KnowledgeKind.PRACTICE,
            audience=audience,
            themes=Theme.objects.filter(slug="veilig-vergaderen"),
            **draft,
        )
        meeting.practice = item
        meeting.save(update_fields=["practice"])
        audit.record(actor=actor, obj=meeting, action="change", what="practice")
    return item


def meeting_material_add(*, actor, meeting, title, uploaded_file) -> MeetingMaterial:
    """BZK shares a PDF, JPEG or PNG after the meeting began, checked by content; the portal's
    rebuilt copy is stored (weerbaar.uploads)."""
    if not may_host(actor):
        raise PermissionDenied
    with transaction.atomic():
        meeting = _locked(meeting)
        if not meeting.has_begun:
            raise MeetingNotBegun
        material = MeetingMaterial(
            meeting=meeting,
            title=(title or "").strip()[:200] or _("Materiaal"),
            uploaded_by=actor,
        )
        stored = store_upload(uploaded_file, into=material.file, allowed=MATERIAL_KINDS)
        material.content_type, material.size = stored.content_type, stored.size
        material.save()
        audit.record(actor=actor, obj=meeting, action="change", what="meeting_material")
    return material


def meeting_registrations_record_read(*, reader, meeting):
    """BZK opened the list of who registered for a meeting: an audit row (no names)."""
    return audit.record(actor=reader, obj=meeting, what="participants")

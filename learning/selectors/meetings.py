"""Reads of the learning network's meetings. Every meeting is for the participants alone: a
person who takes no part sees none (the views answer 404)."""

from django.db.models import Count, Q
from django.utils import timezone

from ..models import Meeting, MeetingRegistration, MeetingRegistrationStatus
from ..models.meetings import TAKING_A_PLACE
from .membership import seat_of


def visible_meetings(user):
    if not seat_of(user).takes_part:
        return Meeting.objects.none()
    return Meeting.objects.annotate(
        taken=Count("registrations", filter=Q(registrations__status__in=TAKING_A_PLACE)),
        waiting=Count(
            "registrations", filter=Q(registrations__status=MeetingRegistrationStatus.WAITING)
        ),
    ).order_by("starts_at", "pk")


def meetings_overview(user, *, upcoming_limit=None):
    """(upcoming, past) meetings this person may see, each with `taken`, `waiting` and
    `my_registration` (this person's active registration or None)."""
    now = timezone.now()
    meetings = visible_meetings(user)
    upcoming = list(meetings.filter(ends_at__gte=now)[:upcoming_limit])
    past = list(meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk"))
    mine = my_registrations(user, [m.pk for m in upcoming + past])
    for meeting in upcoming + past:
        meeting.my_registration = mine.get(meeting.pk)
    return upcoming, past


def my_registrations(user, meeting_ids):
    """This person's active registrations by meeting id."""
    if not user.is_authenticated or not meeting_ids:
        return {}
    return {
        registration.meeting_id: registration
        for registration in MeetingRegistration.objects.active().filter(
            user=user, meeting_id__in=meeting_ids
        )
    }


def meeting_registrations(meeting):
    """Who registered: with a place first (by the moment they registered), then the waiting
    list in its order."""
    registrations = list(
        MeetingRegistration.objects.active().filter(meeting=meeting).select_related("user")
    )
    return (
        [r for r in registrations if r.status in TAKING_A_PLACE],
        [r for r in registrations if r.status == MeetingRegistrationStatus.WAITING],
    )

"""The states of a request to take part in the learning network and who may move it: the
requester withdraws while it waits; BZK (the host) approves or refuses."""

from weerbaar.workflow import TransitionNotAllowed as TransitionNotAllowed
from weerbaar.workflow import Transitions

from .models import MeetingRegistrationStatus, RequestStatus

REQUESTER = "requester"
HOST = "host"  # BZK staff

REQUEST_TRANSITIONS = Transitions(
    {
        (RequestStatus.PENDING, RequestStatus.APPROVED): frozenset({HOST}),
        (RequestStatus.PENDING, RequestStatus.REFUSED): frozenset({HOST}),
        (RequestStatus.PENDING, RequestStatus.WITHDRAWN): frozenset({REQUESTER}),
    },
    states=RequestStatus,
)

# A registration for a meeting: the participant registers (a place, or the waiting list when
# the meeting is full) and cancels; the first waiting moves up when a place comes free; BZK
# records attendance once the meeting has begun (and may correct it).
ATTENDEE = "attendee"
SYSTEM = "system"  # the waiting list moving up

MEETING_TRANSITIONS = Transitions(
    {
        (MeetingRegistrationStatus.WAITING, MeetingRegistrationStatus.CONFIRMED): frozenset(
            {SYSTEM}
        ),
        (MeetingRegistrationStatus.WAITING, MeetingRegistrationStatus.CANCELLED): frozenset(
            {ATTENDEE}
        ),
        (MeetingRegistrationStatus.CONFIRMED, MeetingRegistrationStatus.CANCELLED): frozenset(
            {ATTENDEE}
        ),
        (MeetingRegistrationStatus.CONFIRMED, MeetingRegistrationStatus.ATTENDED): frozenset(
            {HOST}
        ),
        (MeetingRegistrationStatus.ATTENDED, MeetingRegistrationStatus.CONFIRMED): frozenset(
            {HOST}
        ),
    },
    states=MeetingRegistrationStatus,
)

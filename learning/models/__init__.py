"""The learning network Veilig Vergaderen: who takes part (membership), and what they share.

One module per concern; each is imported here so Django finds its models."""

from .meetings import (
    Meeting,
    MeetingMaterial,
    MeetingRegistration,
    MeetingRegistrationEvent,
    MeetingRegistrationStatus,
)
from .membership import (
    NetworkMember,
    Participant,
    ParticipationEvent,
    ParticipationRequest,
    RequestStatus,
    Via,
)
from .threads import Answer, ModerationAction, ModerationEvent, Thread, ThreadKind

__all__ = [
    "Meeting",
    "MeetingMaterial",
    "MeetingRegistration",
    "MeetingRegistrationEvent",
    "MeetingRegistrationStatus",
    "Answer",
    "ModerationAction",
    "ModerationEvent",
    "Thread",
    "ThreadKind",
    "NetworkMember",
    "Participant",
    "ParticipationEvent",
    "ParticipationRequest",
    "RequestStatus",
    "Via",
]

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

__all__ = [
    "Meeting",
    "MeetingMaterial",
    "MeetingRegistration",
    "MeetingRegistrationEvent",
    "MeetingRegistrationStatus",
    "NetworkMember",
    "Participant",
    "ParticipationEvent",
    "ParticipationRequest",
    "RequestStatus",
    "Via",
]

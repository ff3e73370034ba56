"""The learning network Veilig Vergaderen: who takes part (membership), and what they share.

One module per concern; each is imported here so Django finds its models."""

from .membership import (
    NetworkMember,
    Participant,
    ParticipationEvent,
    ParticipationRequest,
    RequestStatus,
    Via,
)

__all__ = [
    "NetworkMember",
    "Participant",
    "ParticipationEvent",
    "ParticipationRequest",
    "RequestStatus",
    "Via",
]

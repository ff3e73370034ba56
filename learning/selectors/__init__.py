"""Reads of the learning network, one module per concern."""

from .membership import (
    Seat,
    member_candidates,
    members_of_body,
    participants,
    participating_body_ids,
    pending_requests,
    requests_of,
    seat_of,
)

__all__ = [
    "Seat",
    "member_candidates",
    "members_of_body",
    "participants",
    "participating_body_ids",
    "pending_requests",
    "requests_of",
    "seat_of",
]

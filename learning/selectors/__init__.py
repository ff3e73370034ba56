"""Reads of the learning network, one module per concern."""

from .meetings import (
    meeting_registrations,
    meetings_overview,
    my_registrations,
    visible_meetings,
)
from .membership import (
    Seat,
    member_candidates,
    members_of_body,
    participants,
    participating_body_ids,
    pending_requests,
    people_of_participants,
    requests_of,
    seat_of,
)
from .threads import (
    answers_of,
    listed_threads,
    mentionable_people,
    participant_people,
    readable_threads,
    search_threads,
    thread_page,
    voices_of,
)

__all__ = [
    "meeting_registrations",
    "meetings_overview",
    "my_registrations",
    "visible_meetings",
    "answers_of",
    "listed_threads",
    "mentionable_people",
    "participant_people",
    "readable_threads",
    "search_threads",
    "thread_page",
    "voices_of",
    "Seat",
    "member_candidates",
    "members_of_body",
    "participants",
    "people_of_participants",
    "participating_body_ids",
    "pending_requests",
    "requests_of",
    "seat_of",
]

"""A capacity with a waiting list, as the training catalogue's sessions and the learning
network's meetings have: who registers gets a place while there is one, else the back of the
waiting list; a place that comes free goes to the first on the list (who registered earliest).

The caller holds the lock: it has locked the row of the session or meeting (select_for_update)
in its transaction before calling, so two registrations, or a cancellation and a registration,
never put more people in than there are places, and the list moves up exactly once. Each app
keeps its own models, statuses, table of moves and notices; they are handed in.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models

from .models import TransitionEvent
from .workflow import Transitions, move


def places_taken(registrations: models.QuerySet, *, taking_a_place: Iterable[str]) -> int:
    """How many of these registrations (of one session or meeting) hold a place."""
    return registrations.filter(status__in=list(taking_a_place)).count()


def status_for_new(
    registrations: models.QuerySet,
    *,
    capacity: int,
    taking_a_place: Iterable[str],
    confirmed: str,
    waiting: str,
) -> str:
    """A new registration's status: a place while there is one, else the waiting list."""
    full = places_taken(registrations, taking_a_place=taking_a_place) >= capacity
    return waiting if full else confirmed


def move_up_the_first_waiting(
    registrations: models.QuerySet,
    *,
    capacity: int,
    taking_a_place: Iterable[str],
    confirmed: str,
    waiting: str,
    table: Transitions,
    parties: set[str],
    event: type[TransitionEvent],
    notify: Callable[[Any], object],
) -> Any | None:
    """When a place is free, the first waiting registration (earliest, then lowest id) gets it:
    moved to `confirmed` by nobody in particular (`parties`, the app's system party), with its
    event row, and `notify` tells the person. Returns that registration, or None."""
    if places_taken(registrations, taking_a_place=taking_a_place) >= capacity:
        return None
    first = (
        registrations.select_for_update()
        .filter(status=waiting)
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    move(first, confirmed, table=table, actor=None, parties=parties, event=event)
    notify(first)
    return first

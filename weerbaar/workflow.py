"""State machines: one table type, one refusal, one move.

Each app keeps its own states and its own table of allowed moves in its workflow.py, built with
`Transitions` from `{(from, to): frozenset(parties)}`. A party is a plain string naming a side
("staff", "reporter", ...); the app's actions decide which parties an actor plays for an object.
`move()` checks the table and those parties, sets the status, saves it with update_fields and
writes one event row (a subclass of weerbaar.models.TransitionEvent), all in one transaction.
Views render the possible moves from the same table (`allowed_targets`, `allowed_moves`), so
buttons never offer what the action would refuse.

What stays in the app: locking the row (select_for_update, before its own checks), the checks
that are not about the table (a deadline, a form that must be used), the audit row and the
notices that follow a move.
"""

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from .models import TransitionEvent

Move = tuple[str, str]


class TransitionNotAllowed(Exception):
    """The move is not in the table, or the actor may not make it. The message is a Dutch
    sentence for the person."""


class Transitions(Mapping[Move, frozenset[str]]):
    """The table of allowed moves of one kind of object: (from, to) → the parties that may
    make it. Read it like a dict; ask it who may make a move and where a state can go."""

    def __init__(
        self,
        table: Mapping[Move, frozenset[str]],
        *,
        states: type[models.TextChoices] | None = None,
    ) -> None:
        for (from_state, to_state), parties in table.items():
            if not isinstance(parties, frozenset) or not parties:
                raise TypeError(
                    f"the parties of {from_state} → {to_state} must be a non-empty frozenset"
                )
        self._table = dict(table)
        self.states = states

    def __getitem__(self, move: Move) -> frozenset[str]:
        return self._table[move]

    def __iter__(self) -> Iterator[Move]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    @property
    def parties(self) -> frozenset[str]:
        """Every party the table names."""
        return frozenset().union(*self._table.values())

    def who_may(self, from_state: str, to_state: str) -> frozenset[str]:
        """The parties that may make this move; empty when the move is not in the table."""
        return self._table.get((from_state, to_state), frozenset())

    def allowed_targets(self, from_state: str, party: str) -> list[str]:
        """Where one party may move an object in `from_state`, in the order of the table."""
        return self.allowed_moves(from_state, {party})

    def allowed_moves(self, from_state: str, parties: Iterable[str]) -> list[str]:
        """Where someone playing any of `parties` may move an object in `from_state`, in the
        order of the table."""
        playing = frozenset(parties)
        return [
            to_state
            for (state, to_state), who in self._table.items()
            if state == from_state and who & playing
        ]

    def label(self, state: str) -> str:
        if self.states is None:
            return str(state)
        return str(dict(self.states.choices).get(state, state))

    def check(
        self, from_state: str, to_state: str, parties: Iterable[str], *, refusal: str = ""
    ) -> None:
        """Raise TransitionNotAllowed unless someone playing `parties` may make this move.
        `refusal` replaces the general sentence."""
        if not self.who_may(from_state, to_state) & frozenset(parties):
            raise TransitionNotAllowed(
                refusal
                or _("Van '%(from)s' naar '%(to)s' is niet toegestaan.")
                % {"from": self.label(from_state), "to": self.label(to_state)}
            )


def _has_field(obj: models.Model, name: str) -> bool:
    return any(field.name == name for field in obj._meta.concrete_fields)


def move(
    obj: models.Model,
    to_state: str,
    *,
    table: Transitions,
    actor: Any,
    parties: Iterable[str],
    event: type[TransitionEvent] | None = None,
    extra_fields: Iterable[str] = (),
    field: str = "status",
    refusal: str = "",
    **event_fields: Any,
) -> TransitionEvent | None:
    """Move `obj` (a row the caller has locked with select_for_update) to `to_state`, or
    raise TransitionNotAllowed when the table does not let `parties` make the move.

    Saves the status, `updated_at` when the model has one, and `extra_fields` (set by the
    caller beforehand) with update_fields, and writes one row of `event` (a TransitionEvent
    subclass; its other fields from `event_fields`). Status and event row are one transaction:
    neither is kept without the other. Returns the event row (None without `event`)."""
    from_state = getattr(obj, field)
    table.check(from_state, to_state, parties, refusal=refusal)
    fields = [field, *extra_fields]
    if _has_field(obj, "updated_at"):
        fields.append("updated_at")
    with transaction.atomic():
        setattr(obj, field, to_state)
        obj.save(update_fields=list(dict.fromkeys(fields)))
        if event is None:
            return None
        return event.record(
            subject=obj, actor=actor, from_value=from_state, to_value=to_state, **event_fields
        )

"""Abstract models the apps share. weerbaar has no tables of its own."""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

# (field, language) -> {value: label}, filled on first use in each process.
_CHOICE_LABELS: dict[tuple[Any, str | None], dict[Any, str]] = {}


class ChoiceLabels:
    """`get_FOO_display()` from each field's labels translated once per language and process.

    Django's own builds a dict of all the field's choices on every call and, hashing the lazy
    labels to do so, translates every one of them to return one: a staff case page made 24
    such calls and about 200 translations. Put it first among a model's bases.
    """

    def _get_FIELD_display(self, field: Any) -> Any:
        key = (field, get_language())
        labels = _CHOICE_LABELS.get(key)
        if labels is None:
            labels = {make_hashable(value): str(label) for value, label in field.flatchoices}
            _CHOICE_LABELS[key] = labels
        value = getattr(self, field.attname)
        return labels.get(make_hashable(value), value)


class TransitionEvent(ChoiceLabels, models.Model):
    """One change of state of an object: who, from, to, when. Never edited; written by
    weerbaar.workflow.move() through `record`.

    A subclass adds the foreign key to its object and the from/to fields with its own choices,
    and names them in `subject_field`, `from_field` and `to_field` (the apps' columns predate
    this base: incidents keep from_value/to_value, subsidies and network from_status/to_status).
    """

    subject_field: ClassVar[str]
    from_field: ClassVar[str] = "from_value"
    to_field: ClassVar[str] = "to_value"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    @classmethod
    def record(
        cls, *, subject: models.Model, actor: Any, from_value: str, to_value: str, **fields: Any
    ) -> "TransitionEvent":
        """Write the row of one move."""
        return cls._default_manager.create(
            **{
                cls.subject_field: subject,
                cls.from_field: str(from_value),
                cls.to_field: str(to_value),
            },
            actor=actor,
            **fields,
        )

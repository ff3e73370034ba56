"""The states of a knowledge item and who may move it between them.

Partner members write and submit; BZK staff review, publish, send back and withdraw. An item is
readable by its audience only while published.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    IN_REVIEW = "in_review", _("Ter beoordeling")
    PUBLISHED = "published", _("Gepubliceerd")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


AUTHOR = "author"  # the author, or BZK staff on their behalf
STAFF = "staff"

TRANSITIONS = {
    (ItemStatus.DRAFT, ItemStatus.IN_REVIEW): AUTHOR,
    (ItemStatus.IN_REVIEW, ItemStatus.DRAFT): STAFF,  # sent back with a reason
    (ItemStatus.IN_REVIEW, ItemStatus.PUBLISHED): STAFF,
    (ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN): STAFF,
    (ItemStatus.WITHDRAWN, ItemStatus.DRAFT): STAFF,
}

# The author may change the content only in these states; staff always may.
EDITABLE_BY_AUTHOR = frozenset({ItemStatus.DRAFT})


class TransitionNotAllowed(Exception):
    """The move is not in the table, or the actor may not make it."""


def who_may(from_status, to_status):
    return TRANSITIONS.get((from_status, to_status))

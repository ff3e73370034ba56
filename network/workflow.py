"""The states of a knowledge item and who may move it between them.

Partner members write and submit; BZK staff review, publish, send back and withdraw. An item is
readable by its audience only while published. A request to join a partner organisation waits
until its contact person or BZK staff decide it, once. Both tables are weerbaar.workflow
Transitions; the actions move through weerbaar.workflow.move().
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# TransitionNotAllowed is the shared refusal, importable from here as before.
from weerbaar.workflow import TransitionNotAllowed as TransitionNotAllowed
from weerbaar.workflow import Transitions


class ItemStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    IN_REVIEW = "in_review", _("Ter beoordeling")
    PUBLISHED = "published", _("Gepubliceerd")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


AUTHOR = "author"  # the author, or BZK staff on their behalf
STAFF = "staff"

TRANSITIONS = Transitions(
    {
        (ItemStatus.DRAFT, ItemStatus.IN_REVIEW): frozenset({AUTHOR}),
        (ItemStatus.IN_REVIEW, ItemStatus.DRAFT): frozenset({STAFF}),  # sent back with a reason
        (ItemStatus.IN_REVIEW, ItemStatus.PUBLISHED): frozenset({STAFF}),
        (ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN): frozenset({STAFF}),
        (ItemStatus.WITHDRAWN, ItemStatus.DRAFT): frozenset({STAFF}),
    },
    states=ItemStatus,
)

# The author may change the content only in these states; staff always may.
EDITABLE_BY_AUTHOR = frozenset({ItemStatus.DRAFT})
# Moves that need a reason: sending an item back tells the author what must change.
NEEDS_REASON = frozenset({(ItemStatus.IN_REVIEW, ItemStatus.DRAFT)})

who_may = TRANSITIONS.who_may
allowed_targets = TRANSITIONS.allowed_targets


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("In afwachting")
    APPROVED = "approved", _("Goedgekeurd")
    REJECTED = "rejected", _("Afgewezen")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


# The organisation's contact person, or BZK staff (JoinRequest has no withdrawing action yet).
MANAGER = "manager"

JOIN_REQUEST_TRANSITIONS = Transitions(
    {
        (JoinRequestStatus.PENDING, JoinRequestStatus.APPROVED): frozenset({MANAGER}),
        (JoinRequestStatus.PENDING, JoinRequestStatus.REJECTED): frozenset({MANAGER}),
    },
    states=JoinRequestStatus,
)

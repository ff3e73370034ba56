"""The states of a grant application and the moves allowed between them.

One table says who may make which move; actions.py consults it and refuses everything else with
`TransitionNotAllowed`. Deciding (granted / partly granted / rejected) is a move like any other,
but only `application_decide` makes it, because it also writes the Decision and guards the budget.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")
    IN_REVIEW = "in_review", _("In beoordeling")
    INFO_REQUESTED = "info_requested", _("Aanvulling gevraagd")
    RESUBMITTED = "resubmitted", _("Aangevuld")
    GRANTED = "granted", _("Toegekend")
    PARTLY_GRANTED = "partly_granted", _("Deels toegekend")
    REJECTED = "rejected", _("Afgewezen")
    PAID = "paid", _("Uitbetaald")
    ACCOUNTED = "accounted", _("Verantwoord")
    CLOSED = "closed", _("Afgesloten")


# Who makes a move: the griffier of the applying body, or BZK staff (triage).
APPLICANT = "applicant"
STAFF = "staff"

TRANSITIONS = {
    (Status.DRAFT, Status.SUBMITTED): APPLICANT,
    (Status.SUBMITTED, Status.IN_REVIEW): STAFF,
    (Status.IN_REVIEW, Status.INFO_REQUESTED): STAFF,
    (Status.INFO_REQUESTED, Status.RESUBMITTED): APPLICANT,
    (Status.RESUBMITTED, Status.IN_REVIEW): STAFF,
    (Status.IN_REVIEW, Status.GRANTED): STAFF,
    (Status.IN_REVIEW, Status.PARTLY_GRANTED): STAFF,
    (Status.IN_REVIEW, Status.REJECTED): STAFF,
    (Status.GRANTED, Status.PAID): STAFF,
    (Status.PARTLY_GRANTED, Status.PAID): STAFF,
    (Status.PAID, Status.ACCOUNTED): STAFF,
    (Status.ACCOUNTED, Status.CLOSED): STAFF,
    (Status.REJECTED, Status.CLOSED): STAFF,
}

DECIDED = frozenset({Status.GRANTED, Status.PARTLY_GRANTED, Status.REJECTED})
# States whose granted amount counts against the scheme's budget.
GRANTED_STATES = frozenset(
    {Status.GRANTED, Status.PARTLY_GRANTED, Status.PAID, Status.ACCOUNTED, Status.CLOSED}
)
# The griffier may change the content only in these states; after the first submission every
# change becomes a new revision when it is sent in again.
EDITABLE = frozenset({Status.DRAFT, Status.INFO_REQUESTED})


class TransitionNotAllowed(Exception):
    """The move is not in the table, or the actor may not make it."""


def who_may(from_status, to_status):
    return TRANSITIONS.get((from_status, to_status))


def allowed_targets(from_status, party):
    return [to for (frm, to), who in TRANSITIONS.items() if frm == from_status and who == party]

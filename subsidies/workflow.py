"""The states of a grant application and the moves allowed between them.

One table (a weerbaar.workflow.Transitions) says who may make which move; actions.py moves
through weerbaar.workflow.move() and everything else is refused with `TransitionNotAllowed`.
Deciding (granted / partly granted / rejected) is a move like any other, but only
`application_decide` makes it, because it also writes the Decision and guards the budget.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# TransitionNotAllowed is the shared refusal, importable from here as before.
from weerbaar.workflow import TransitionNotAllowed as TransitionNotAllowed
from weerbaar.workflow import Transitions


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

TRANSITIONS = Transitions(
    {
        (Status.DRAFT, Status.SUBMITTED): frozenset({APPLICANT}),
        (Status.SUBMITTED, Status.IN_REVIEW): frozenset({STAFF}),
        (Status.IN_REVIEW, Status.INFO_REQUESTED): frozenset({STAFF}),
        (Status.INFO_REQUESTED, Status.RESUBMITTED): frozenset({APPLICANT}),
        (Status.RESUBMITTED, Status.IN_REVIEW): frozenset({STAFF}),
        (Status.IN_REVIEW, Status.GRANTED): frozenset({STAFF}),
        (Status.IN_REVIEW, Status.PARTLY_GRANTED): frozenset({STAFF}),
        (Status.IN_REVIEW, Status.REJECTED): frozenset({STAFF}),
        (Status.GRANTED, Status.PAID): frozenset({STAFF}),
        (Status.PARTLY_GRANTED, Status.PAID): frozenset({STAFF}),
        (Status.PAID, Status.ACCOUNTED): frozenset({STAFF}),
        (Status.ACCOUNTED, Status.CLOSED): frozenset({STAFF}),
        (Status.REJECTED, Status.CLOSED): frozenset({STAFF}),
    },
    states=Status,
)

DECIDED = frozenset({Status.GRANTED, Status.PARTLY_GRANTED, Status.REJECTED})
# States whose granted amount counts against the scheme's budget.
GRANTED_STATES = frozenset(
    {Status.GRANTED, Status.PARTLY_GRANTED, Status.PAID, Status.ACCOUNTED, Status.CLOSED}
)
# Not decided yet: an officeholder has at most one such application to the fund per body and
# scheme (a new one can follow a decision).
OPEN = frozenset(
    {Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED, Status.RESUBMITTED}
)
# The griffier may change the content only in these states; after the first submission every
# change becomes a new revision when it is sent in again.
EDITABLE = frozenset({Status.DRAFT, Status.INFO_REQUESTED})
# Moves staff make through their own form (the decision, the payment, approving the account),
# never with a plain status button.
BY_FORM = DECIDED | {Status.PAID, Status.ACCOUNTED}
# Plain moves that need a reason from staff (it tells the applicant what is missing).
NEEDS_REASON = frozenset({Status.INFO_REQUESTED})
# An accounted grant can become a practice example in the knowledge base from these states.
PRACTICE_STATES = frozenset({Status.ACCOUNTED, Status.CLOSED})
# When the applicant may add invoices: after a grant, until the account is approved.
INVOICE_STATES = frozenset({Status.GRANTED, Status.PARTLY_GRANTED, Status.PAID})

who_may = TRANSITIONS.who_may
allowed_targets = TRANSITIONS.allowed_targets

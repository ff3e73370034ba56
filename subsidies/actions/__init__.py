"""Every write on grant applications. Keyword-only, with the actor; atomic; rows locked.

A change of status goes through `_move`, which names the parties the actor plays and hands the
move to weerbaar.workflow.move(): the table in workflow.py, update_fields, one ApplicationEvent.
Deciding also takes the scheme's row lock, so two staff members deciding at the same moment
cannot push the granted total over the ceiling or the cohort over its size.
"""

from .aftercare import (
    account_approve,
    account_due_date_move,
    account_return,
    account_submit,
    application_mark_paid,
    invoice_add,
)
from .base import ATTACHMENT_KINDS, CONTENT_FIELDS, BudgetExceeded
from .drafting import (
    HOME_MEASURE_REFUSED,
    ONE_OPEN_REFUSED,
    application_add_suggested_lines,
    application_save_lines,
    application_save_step,
    application_start,
    application_submit,
    attachment_add,
    attachment_remove,
)
from .on_behalf import (
    application_start_on_behalf,
    consent_decline,
    consent_give,
    consent_withdraw,
)
from .reads import application_read_record
from .review import (
    LetterPreview,
    StalePreview,
    application_decide,
    application_decide_and_send,
    application_transition,
    assessment_record,
    decision_preview,
    decision_send,
)

__all__ = [
    "HOME_MEASURE_REFUSED",
    "ONE_OPEN_REFUSED",
    "ATTACHMENT_KINDS",
    "CONTENT_FIELDS",
    "invoice_add",
    "BudgetExceeded",
    "LetterPreview",
    "StalePreview",
    "account_approve",
    "account_due_date_move",
    "account_return",
    "account_submit",
    "application_add_suggested_lines",
    "application_decide",
    "application_decide_and_send",
    "decision_preview",
    "application_mark_paid",
    "application_read_record",
    "application_save_lines",
    "application_save_step",
    "application_start",
    "application_start_on_behalf",
    "consent_decline",
    "consent_give",
    "consent_withdraw",
    "application_submit",
    "application_transition",
    "assessment_record",
    "attachment_add",
    "attachment_remove",
    "decision_send",
]

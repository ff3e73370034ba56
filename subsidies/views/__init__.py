from .apply import application_start, application_step
from .common import application_list, attachment_download, decision_letter, detail
from .on_behalf import consent, on_behalf_start
from .review import (
    account,
    account_approve,
    account_due_date,
    account_return,
    assess,
    budget_overview,
    decide,
    export_csv,
    invoice,
    pay,
    transition,
)

__all__ = [
    "account",
    "invoice",
    "account_approve",
    "account_due_date",
    "account_return",
    "application_list",
    "application_start",
    "application_step",
    "assess",
    "attachment_download",
    "consent",
    "budget_overview",
    "decide",
    "decision_letter",
    "detail",
    "export_csv",
    "on_behalf_start",
    "pay",
    "transition",
]

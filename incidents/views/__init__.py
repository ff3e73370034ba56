from .bulk import queue_bulk, queue_export
from .case import (
    detail,
    dossier,
    evidence_file,
    message,
    note,
    notify_choice,
    support_overview,
)
from .oncall import notice_preference, rota, rota_add, rota_remove, urgent_ack
from .reporting import danger, edit, evidence, my_reports, sent, start, submit
from .trail import case_readers, case_trail
from .triage import (
    assign,
    delete_filter,
    deploy,
    escalate,
    queue,
    save_filter,
    step,
    transition,
    urgency,
)

__all__ = [
    "case_readers",
    "case_trail",
    "assign",
    "danger",
    "delete_filter",
    "deploy",
    "detail",
    "dossier",
    "edit",
    "escalate",
    "evidence",
    "evidence_file",
    "message",
    "my_reports",
    "note",
    "notice_preference",
    "notify_choice",
    "queue",
    "queue_bulk",
    "queue_export",
    "rota",
    "rota_add",
    "rota_remove",
    "save_filter",
    "sent",
    "start",
    "step",
    "submit",
    "support_overview",
    "transition",
    "urgent_ack",
    "urgency",
]

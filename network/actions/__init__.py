"""Every write in the network app. Keyword-only, with the actor; atomic; rows locked.

Membership (who may invite, approve, leave) lives in membership.py; the knowledge base (drafts,
review, publication, attachments, feedback, practices from accounted grants) in knowledge.py.
"""

from .knowledge import (
    ATTACHMENT_KINDS,
    feedback_record,
    knowledge_attachment_add,
    knowledge_attachment_remove,
    knowledge_item_create,
    knowledge_item_draft_practice_from_preparation,
    knowledge_item_publish_practice_from_account,
    knowledge_item_transition,
    knowledge_item_update,
    practice_from_preparation_text,
)
from .membership import (
    join_request_create,
    join_request_decide,
    membership_add,
    membership_end,
    membership_invite,
    membership_set_role,
)

__all__ = [
    "ATTACHMENT_KINDS",
    "feedback_record",
    "join_request_create",
    "join_request_decide",
    "knowledge_attachment_add",
    "knowledge_attachment_remove",
    "knowledge_item_create",
    "knowledge_item_draft_practice_from_preparation",
    "knowledge_item_publish_practice_from_account",
    "knowledge_item_transition",
    "knowledge_item_update",
    "membership_add",
    "membership_end",
    "membership_invite",
    "membership_set_role",
    "practice_from_preparation_text",
]

"""Every write of the learning network, one module per concern."""

from .membership import (
    AlreadyParticipating,
    AlreadyRequested,
    network_member_add,
    network_member_end,
    participant_add,
    participant_end,
    participation_request_approve,
    participation_request_refuse,
    participation_request_submit,
    participation_request_withdraw,
)

__all__ = [
    "AlreadyParticipating",
    "AlreadyRequested",
    "network_member_add",
    "network_member_end",
    "participant_add",
    "participant_end",
    "participation_request_approve",
    "participation_request_refuse",
    "participation_request_submit",
    "participation_request_withdraw",
]

"""Joining the learning network: a griffier or a partner's contact person asks, BZK approves or
refuses; BZK adds and ends participants; a griffier adds and removes the people of their body.

Each write is atomic, locks the row it changes and leaves an audit row.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

import audit
from weerbaar.workflow import move

from .. import notices
from ..models import (
    NetworkMember,
    Participant,
    ParticipationEvent,
    ParticipationRequest,
    RequestStatus,
    Via,
)
from ..permissions import (
    bodies_to_request_for,
    may_host,
    may_manage_body,
    organisations_to_request_for,
)
from ..selectors.membership import member_candidates, participating_body_ids
from ..workflow import HOST, REQUEST_TRANSITIONS, REQUESTER


class AlreadyParticipating(Exception):
    """The body or organisation takes part already."""


class AlreadyRequested(Exception):
    """A request for this body or organisation is waiting for BZK already."""


def _participates(*, body=None, organisation=None) -> bool:
    if body is not None:
        return body.pk in participating_body_ids([body.pk])
    return Participant.objects.filter(organisation=organisation, ended_at__isnull=True).exists()


def participation_request_submit(
    *, actor, body=None, organisation=None, motivation=""
) -> ParticipationRequest:
    """Ask to take part, for a body the actor is griffier of or an organisation they are the
    contact person of. Refused when it takes part already or a request is waiting."""
    if (body is None) == (organisation is None):
        raise TypeError("a request is for one body or one organisation")
    if body is not None and body not in bodies_to_request_for(actor):
        raise PermissionDenied
    if organisation is not None and organisation not in organisations_to_request_for(actor):
        raise PermissionDenied
    if _participates(body=body, organisation=organisation):
        raise AlreadyParticipating
    try:
        with transaction.atomic():
            request = ParticipationRequest.objects.create(
                body=body, organisation=organisation, motivation=motivation, requested_by=actor
            )
            ParticipationEvent.record(
                subject=request, actor=actor, from_value="", to_value=RequestStatus.PENDING
            )
    except IntegrityError as error:
        raise AlreadyRequested from error
    audit.record(actor=actor, obj=request, action="change", what="participation_request")
    return request


def _decide(*, actor, request, to_status, reason=""):
    if not may_host(actor):
        raise PermissionDenied
    with transaction.atomic():
        request = ParticipationRequest.objects.select_for_update().get(pk=request.pk)
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.reason = reason
        move(
            request,
            to_status,
            table=REQUEST_TRANSITIONS,
            actor=actor,
            parties={HOST},
            event=ParticipationEvent,
            extra_fields=["decided_by", "decided_at", "reason"],
            reason=reason,
        )
        if to_status == RequestStatus.APPROVED and not _participates(
            body=request.body, organisation=request.organisation
        ):
            Participant.objects.create(
                body=request.body,
                organisation=request.organisation,
                via=Via.REQUEST,
                added_by=actor,
            )
        notices.record_request_decided(request)
        audit.record(actor=actor, obj=request, action="change", what=to_status)
    return request


def participation_request_approve(*, actor, request, reason="") -> ParticipationRequest:
    """BZK approves: the body or organisation takes part from now on."""
    return _decide(actor=actor, request=request, to_status=RequestStatus.APPROVED, reason=reason)


def participation_request_refuse(*, actor, request, reason) -> ParticipationRequest:
    """BZK refuses, with a reason the requester reads."""
    return _decide(actor=actor, request=request, to_status=RequestStatus.REFUSED, reason=reason)


def participation_request_withdraw(*, actor, request) -> ParticipationRequest:
    """The requester takes back a request that still waits."""
    with transaction.atomic():
        request = ParticipationRequest.objects.select_for_update().get(pk=request.pk)
        if request.requested_by_id != actor.pk:
            raise PermissionDenied
        move(
            request,
            RequestStatus.WITHDRAWN,
            table=REQUEST_TRANSITIONS,
            actor=actor,
            parties={REQUESTER},
            event=ParticipationEvent,
        )
    return request


def participant_add(*, actor, body=None, organisation=None) -> Participant:
    """BZK adds a body or organisation to the network directly."""
    if not may_host(actor):
        raise PermissionDenied
    if (body is None) == (organisation is None):
        raise TypeError("a participant is one body or one organisation")
    try:
        with transaction.atomic():
            participant = Participant.objects.create(
                body=body, organisation=organisation, via=Via.ADDED, added_by=actor
            )
            audit.record(actor=actor, obj=participant, action="change", what="participant")
    except IntegrityError as error:
        raise AlreadyParticipating from error
    return participant


def participant_end(*, actor, participant) -> Participant:
    """BZK ends a participation it approved or made. A cohort body takes part as long as its
    grant stands; there is no row to end."""
    if not may_host(actor):
        raise PermissionDenied
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.ended_at is None:
            participant.ended_at = timezone.now()
            participant.ended_by = actor
            participant.save(update_fields=["ended_at", "ended_by"])
            audit.record(actor=actor, obj=participant, action="change", what="ended")
    return participant


def network_member_add(*, actor, body, user) -> NetworkMember:
    """The griffier of a participating body adds one of its people (an officeholder or a
    colleague of the griffie). Precondition: may_manage_body; `user` holds a role on the body."""
    if not may_manage_body(actor, body.pk):
        raise PermissionDenied
    if not member_candidates(body.pk).filter(pk=user.pk).exists():
        raise PermissionDenied
    try:
        with transaction.atomic():
            member = NetworkMember.objects.create(body=body, user=user, added_by=actor)
            audit.record(actor=actor, obj=member, action="change", what="network_member")
    except IntegrityError as error:
        raise AlreadyParticipating from error
    return member


def network_member_end(*, actor, member) -> NetworkMember:
    """The griffier of the body, the person themselves or BZK ends a person's part."""
    if not (
        member.user_id == actor.pk or may_manage_body(actor, member.body_id) or may_host(actor)
    ):
        raise PermissionDenied
    with transaction.atomic():
        member = NetworkMember.objects.select_for_update().get(pk=member.pk)
        if member.ended_at is None:
            member.ended_at = timezone.now()
            member.ended_by = actor
            member.save(update_fields=["ended_at", "ended_by"])
            audit.record(actor=actor, obj=member, action="change", what="ended")
    if member.user_id == actor.pk:
        actor.forget_cached_roles()
    return member

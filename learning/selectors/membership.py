"""Who takes part in the learning network, and for whom.

`seat_of(user)` is the one answer every page of the network asks: does this person take part,
for which participating bodies and organisations, and do they host (BZK). It is read from the
database once per user object (per request) and kept with the roles, so a role or membership
taken away counts from the next request on.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from accounts.models import Role, RoleAssignment, User
from government.models import GovernmentBody
from network.models import Membership, PartnerOrganisation
from subsidies.selectors import cohort_body_ids

from ..models import NetworkMember, Participant, ParticipationRequest, RequestStatus, Via


@dataclass(frozen=True)
class Seat:
    """How one person takes part: for which participating bodies and organisations, which of
    those bodies they manage (as its griffier: add and remove people), and whether they host."""

    is_host: bool = False
    body_ids: frozenset[int] = field(default_factory=frozenset)
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    managed_body_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def takes_part(self) -> bool:
        return self.is_host or bool(self.body_ids or self.organisation_ids)


NO_SEAT = Seat()


def _active_participants():
    return Participant.objects.filter(ended_at__isnull=True)


def participating_body_ids(candidates=None) -> set[int]:
    """The bodies taking part: the cohort (an awarded Veilig Vergaderen grant) and those BZK
    approved or added. `candidates` (ids) limits the question to those bodies."""
    approved = _active_participants().filter(body__isnull=False)
    cohort = GovernmentBody.objects.filter(pk__in=cohort_body_ids())
    if candidates is not None:
        approved = approved.filter(body_id__in=candidates)
        cohort = cohort.filter(pk__in=candidates)
    return set(approved.values_list("body_id", flat=True)) | set(
        cohort.values_list("pk", flat=True)
    )


def _seat(user) -> Seat:
    if not user.is_authenticated or not user.is_active:
        return NO_SEAT
    griffier_of = set(
        RoleAssignment.objects.filter(
            user=user, role=Role.GRIFFIER, body__isnull=False
        ).values_list("body_id", flat=True)
    )
    added_to = set(
        NetworkMember.objects.filter(user=user, ended_at__isnull=True).values_list(
            "body_id", flat=True
        )
    )
    candidates = griffier_of | added_to
    bodies = participating_body_ids(candidates) if candidates else set()
    organisations = set(
        _active_participants()
        .filter(
            organisation__in=Membership.objects.active()
            .filter(user=user, organisation__is_active=True)
            .values("organisation_id")
        )
        .values_list("organisation_id", flat=True)
    )
    return Seat(
        is_host=user.is_triage_staff,
        body_ids=frozenset(bodies),
        organisation_ids=frozenset(organisations),
        managed_body_ids=frozenset(bodies & griffier_of),
    )


def seat_of(user) -> Seat:
    """How this person takes part (NO_SEAT when they do not); read once per user object."""
    if not user.is_authenticated:
        return NO_SEAT
    return user.remember_access("learning_seat", lambda: _seat(user))


@dataclass(frozen=True)
class ParticipantRow:
    """One line of the list of participants."""

    name: str
    kind: str  # "body" or "organisation"
    via: str
    body: GovernmentBody | None = None
    organisation: PartnerOrganisation | None = None
    participant: Participant | None = None

    @property
    def pk(self) -> int:
        """The id of the body or the organisation."""
        return self.body.pk if self.body else self.organisation.pk  # type: ignore[union-attr]


def participants() -> list[ParticipantRow]:
    """Every participating body and organisation, bodies first, by name. A cohort body that BZK
    also added appears once, as added."""
    rows: dict[tuple[str, int], ParticipantRow] = {}
    cohort = GovernmentBody.objects.filter(pk__in=cohort_body_ids())
    for body in cohort:
        rows[("body", body.pk)] = ParticipantRow(str(body), "body", Via.COHORT, body=body)
    for participant in _active_participants().select_related("body", "organisation"):
        if participant.body_id:
            rows[("body", participant.body_id)] = ParticipantRow(
                str(participant.body),
                "body",
                participant.via,
                body=participant.body,
                participant=participant,
            )
        else:
            rows[("organisation", participant.organisation_id)] = ParticipantRow(
                str(participant.organisation),
                "organisation",
                participant.via,
                organisation=participant.organisation,
                participant=participant,
            )
    return sorted(rows.values(), key=lambda row: (row.kind != "body", row.name.lower()))


def people_of_participants(rows) -> dict[tuple[str, int], list[User]]:
    """The people of each participant in `rows` (from `participants()`), by (kind, id): a
    body's griffiers and the people they added; an organisation's active members. Three
    queries, however many participants."""
    body_ids = [row.body.pk for row in rows if row.body]
    organisation_ids = [row.organisation.pk for row in rows if row.organisation]
    people: dict[tuple[str, int], list[User]] = {}
    griffiers = RoleAssignment.objects.filter(
        role=Role.GRIFFIER, body_id__in=body_ids, user__is_active=True
    ).select_related("user")
    added = NetworkMember.objects.filter(
        body_id__in=body_ids, ended_at__isnull=True, user__is_active=True
    ).select_related("user")
    for assignment in griffiers:
        people.setdefault(("body", assignment.body_id or 0), []).append(assignment.user)
    for member in added:
        people.setdefault(("body", member.body_id), []).append(member.user)
    members = (
        Membership.objects.active()
        .filter(organisation_id__in=organisation_ids, user__is_active=True)
        .select_related("user")
    )
    for membership in members:
        people.setdefault(("organisation", membership.organisation_id), []).append(membership.user)
    return people


def members_of_body(body_id):
    """The people a griffier added for this body, still taking part."""
    return (
        NetworkMember.objects.filter(body_id=body_id, ended_at__isnull=True)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def member_candidates(body_id):
    """Whom a griffier may add for this body: active people holding an office of the body
    (officeholders) or its griffie, not yet added."""
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__body_id=body_id,
            role_assignments__role__in=[Role.OFFICEHOLDER, Role.GRIFFIER],
        )
        .exclude(learning_memberships__body_id=body_id, learning_memberships__ended_at__isnull=True)
        .distinct()
        .order_by("full_name", "email")
    )


def pending_requests():
    """Requests waiting for BZK, oldest first."""
    return ParticipationRequest.objects.filter(status=RequestStatus.PENDING).select_related(
        "body", "organisation", "requested_by"
    )


def requests_of(user):
    """The requests this person made, newest first."""
    return (
        ParticipationRequest.objects.filter(requested_by=user)
        .select_related("body", "organisation")
        .order_by("-requested_at", "-pk")
    )


def open_request_exists(*, body=None, organisation=None) -> bool:
    lookup = Q(body=body) if body is not None else Q(organisation=organisation)
    return ParticipationRequest.objects.filter(lookup, status=RequestStatus.PENDING).exists()

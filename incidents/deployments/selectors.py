"""Reads with permissions: who sees which deployment and preparation, and the calendar."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import OfficeType, Role
from government.models import BodyKind

from ..models import Incident, SupportDeployment
from ..permissions import is_reporter
from .models import (
    Deployment,
    DeploymentKind,
    PracticeConsent,
    PreparationRequest,
    PreparationStatus,
)


def requester_body(user):
    """The body a person may ask preparation support for: as mayor or as griffier (the first
    such role they hold), or None."""
    if not user.is_authenticated:
        return None
    assignment = (
        user.role_assignments.filter(
            Q(role=Role.OFFICEHOLDER, office_type=OfficeType.BURGEMEESTER) | Q(role=Role.GRIFFIER),
            body__isnull=False,
        )
        .select_related("body")
        .order_by("granted_at", "pk")
        .first()
    )
    return assignment.body if assignment else None


def may_request_preparation(user) -> bool:
    return requester_body(user) is not None


def deployments_visible_to(user) -> QuerySet[Deployment]:
    """Staff see every deployment; a team member the deployments they are on and the records
    of the cases they are deployed on; nobody else any."""
    if not user.is_authenticated:
        return Deployment.objects.none()
    if user.is_triage_staff:
        return Deployment.objects.all()
    if user.is_support_team:
        on_case = SupportDeployment.objects.filter(incident=OuterRef("incident"), member=user)
        member = Deployment.members.through.objects.filter(deployment=OuterRef("pk"), user=user)
        return Deployment.objects.filter(Exists(member) | Exists(on_case))
    return Deployment.objects.none()


def preparations_visible_to(user) -> QuerySet[PreparationRequest]:
    """The requester their own requests; staff every request; a team member the requests they
    are deployed for."""
    if not user.is_authenticated:
        return PreparationRequest.objects.none()
    condition = Q(requester=user)
    if user.is_triage_staff:
        return PreparationRequest.objects.all()
    if user.is_support_team:
        member = Deployment.members.through.objects.filter(
            deployment__preparation=OuterRef("pk"), user=user
        )
        condition |= Q(Exists(member))
    return PreparationRequest.objects.filter(condition)


def case_records(user, incident: Incident) -> list[Deployment]:
    """The deployment records of a case the user may see (staff, deployed members), with
    their members; never the reporter's."""
    if is_reporter(user, incident):
        return []
    return list(
        deployments_visible_to(user)
        .filter(incident=incident)
        .prefetch_related("members")
        .order_by("created_at", "pk")
    )


def may_edit(user, *, incident: Incident | None = None) -> bool:
    """Staff write deployments and plan preparations; never on their own report."""
    if not user.is_authenticated or not user.is_triage_staff:
        return False
    return incident is None or not is_reporter(user, incident)


@dataclass
class CalendarEntry:
    at: datetime
    kind: str  # "deployment" or "preparation"
    title: str
    obj: object


@dataclass
class CalendarWeek:
    start: date
    entries: list[CalendarEntry]


def month_start(value: str | None, *, today: date) -> date:
    """The first day of the month asked for as YYYY-MM (today's month if absent or wrong)."""
    try:
        year, month = (int(part) for part in (value or "").split("-", 1))
        return date(year, month, 1) if 2000 <= year <= 2100 else today.replace(day=1)
    except ValueError:
        return today.replace(day=1)


def calendar(user, *, first: date) -> list[CalendarWeek]:
    """The deployments and preparation meetings of the month that starts on `first`, per week
    (Monday first): every one for staff, a team member's own. Two queries."""
    nxt = (first + timedelta(days=32)).replace(day=1)
    zone = timezone.get_current_timezone()
    start = datetime.combine(first, datetime.min.time(), tzinfo=zone)
    end = datetime.combine(nxt, datetime.min.time(), tzinfo=zone)
    entries: list[CalendarEntry] = []
    deployments = deployments_visible_to(user)
    if user.is_support_team and not user.is_triage_staff:
        deployments = deployments.filter(members=user)
    for record in deployments.filter(starts_at__gte=start, starts_at__lt=end).select_related(
        "incident", "preparation__body"
    ):
        assert record.starts_at is not None
        entries.append(CalendarEntry(record.starts_at, "deployment", "", record))
    for preparation in (
        preparations_visible_to(user)
        .filter(meeting_starts_at__gte=start, meeting_starts_at__lt=end)
        .select_related("body")
    ):
        entries.append(CalendarEntry(preparation.meeting_starts_at, "preparation", "", preparation))
    entries.sort(key=lambda entry: (entry.at, entry.kind, entry.obj.pk))  # type: ignore[attr-defined]
    weeks: dict[date, list[CalendarEntry]] = {}
    for entry in entries:
        day = timezone.localtime(entry.at).date()
        weeks.setdefault(day - timedelta(days=day.weekday()), []).append(entry)
    return [CalendarWeek(start, items) for start, items in weeks.items()]


# --- a practice example from what happened (read by network, which writes the item) ---------


def practice_drafted(preparation: PreparationRequest) -> bool:
    """Whether a practice example was drafted from this preparation. The link lives on the
    knowledge item (network, a higher layer), read here through the reverse relation only."""
    return PreparationRequest.objects.filter(pk=preparation.pk, practice__isnull=False).exists()


def practice_refusal(preparation: PreparationRequest) -> str:
    """Why no practice example can be drafted from this preparation now ("" when it can):
    the outcome must be recorded and the requester must have given consent."""
    if preparation.status != PreparationStatus.DONE:
        return _("Een praktijkvoorbeeld kan pas als de afloop is vastgelegd.")
    if preparation.practice_consent != PracticeConsent.GIVEN:
        return _("De aanvrager heeft geen toestemming gegeven voor een praktijkvoorbeeld.")
    return ""


def preparation_for_practice(preparation: PreparationRequest) -> PreparationRequest:
    """The preparation, locked, for the action that drafts a practice from it."""
    return PreparationRequest.objects.select_for_update().get(pk=preparation.pk)


MEETING_OF: dict[str, str] = {
    BodyKind.MUNICIPALITY.value: "een gemeenteraad",
    BodyKind.PROVINCE.value: "Provinciale Staten",
    BodyKind.WATER_BOARD.value: "het algemeen bestuur van een waterschap",
}


def _attendance(count: int) -> str:
    """A rounded band, so the number cannot point to one meeting."""
    if count < 50:
        return "minder dan 50"
    if count < 100:
        return "50 tot 100"
    if count < 250:
        return "100 tot 250"
    if count < 500:
        return "250 tot 500"
    return "500 of meer"


def practice_facts(preparation: PreparationRequest) -> dict:
    """What a practice draft may be prefilled with: only facts that identify nobody (the kind
    of body, a band of the expected attendance, whether there were earlier incidents, the kinds
    of deployment). Never the body's name, the place, the date, the subject, a
    person's name, or any free text of the request, the plan or the outcome: BZK writes those
    parts in their own words. In Dutch (the knowledge base's language)."""
    with translation.override("nl"):
        kinds = sorted(
            {
                str(DeploymentKind(kind).label)
                for kind in Deployment.objects.filter(preparation=preparation)
                .exclude(kind="")
                .values_list("kind", flat=True)
            }
        )
    return {
        "meeting_of": MEETING_OF.get(preparation.body.kind, "een vertegenwoordigend orgaan"),
        "attendance": _attendance(preparation.expected_attendance),
        "earlier_incidents": bool(preparation.earlier_incidents.strip()),
        "deployment_kinds": [kind.lower() for kind in kinds],
        "body_kind": preparation.body.kind,
    }

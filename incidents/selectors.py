"""Permission-aware reads: the triage queue with its filters, the reporter's list, a case page.

The queue costs a fixed number of queries per page, whatever is shown: the count, the page
(joined with what a row shows), and one prefetch of the kinds.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import django_filters
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from accounts.models import OfficeType, Role, RoleAssignment, User
from accounts.selectors import active_users_with
from government.models import GovernmentBody
from notifications.selectors import notifications_about
from weerbaar import crypto
from weerbaar.uploads import read_stored

from .models import (
    KIND_BITS,
    CaseVisit,
    ContactPreference,
    EventKind,
    Evidence,
    Incident,
    IncidentEvent,
    IncidentKindTag,
    InternalNote,
    Kind,
    Message,
    NotifyBy,
    ReplyTemplate,
    ReportedFor,
    SupportDeployment,
    TriageStep,
    UrgentAlert,
)
from .workflow import OPEN_STATES, Status

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

AGE_CHOICES = [
    ("1", _("Ouder dan 1 dag")),
    ("7", _("Ouder dan 1 week")),
    ("30", _("Ouder dan 30 dagen")),
]
ASSIGNEE_ME = "me"
ASSIGNEE_NOBODY = "nobody"


def _staff_choices():
    users = active_users_with(Role.TRIAGE)
    return [
        (ASSIGNEE_ME, _("Mijzelf")),
        (ASSIGNEE_NOBODY, _("Nog niemand")),
        *[(str(user.pk), str(user)) for user in users.order_by("full_name", "email")],
    ]


class TriageQueueFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=[choice for choice in Status.choices if choice[0] != Status.DRAFT],
        widget=django_filters.widgets.forms.CheckboxSelectMultiple,
        # A status is one column of the row itself: no join, so no DISTINCT (which made every
        # queue page sort and count the whole table).
        distinct=False,
    )
    urgent = django_filters.ChoiceFilter(
        label=_("Urgentie"),
        choices=[("1", _("Alleen urgent")), ("0", _("Alleen niet urgent"))],
        method="filter_urgent",
        empty_label=_("Alle"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Soort"), choices=Kind.choices, method="filter_kind", empty_label=_("Alle soorten")
    )
    office = django_filters.ChoiceFilter(
        label=_("Functie van de melder"),
        choices=OfficeType.choices,
        field_name="reporter_office_type",
        empty_label=_("Alle functies"),
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Provincie"),
        queryset=GovernmentBody.objects.provinces().order_by("name"),
        method="filter_province",
        empty_label=_("Alle provincies"),
    )
    assignee = django_filters.ChoiceFilter(
        label=_("Behandelaar"),
        choices=_staff_choices,
        method="filter_assignee",
        empty_label=_("Iedereen"),
    )
    age = django_filters.ChoiceFilter(
        label=_("Leeftijd"), choices=AGE_CHOICES, method="filter_age", empty_label=_("Alle")
    )
    overdue = django_filters.BooleanFilter(
        label=_("Alleen te laat"),
        method="filter_overdue",
        widget=django_filters.widgets.forms.CheckboxInput,
    )
    waiting = django_filters.BooleanFilter(
        label=_("Alleen wachtend op eerste contact"),
        method="filter_waiting",
        widget=django_filters.widgets.forms.CheckboxInput,
    )
    order = django_filters.OrderingFilter(
        label=_("Sorteren"),
        fields=(("submitted_at", "submitted"), ("due_at", "due"), ("urgent", "urgent")),
        field_labels={
            "-submitted": _("Nieuwste eerst"),
            "submitted": _("Oudste eerst"),
            "due": _("Eerste deadline eerst"),
            "-urgent": _("Urgent eerst"),
        },
        empty_label=_("Urgent en deadline eerst"),
    )

    class Meta:
        model = Incident
        fields: list[str] = []

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        # The staff list is read once per request, shared with the bulk form (staff_choices).
        self._staff_choices = None
        self.filters["assignee"].extra["choices"] = self.staff_choices
        # Restrict the ordering choices to the labelled ones (no descending deadline etc.).
        self.filters["order"].extra["choices"] = [
            ("-urgent", _("Urgent eerst")),
            ("due", _("Eerste deadline eerst")),
            ("-submitted", _("Nieuwste eerst")),
            ("submitted", _("Oudste eerst")),
        ]

    def staff_choices(self):
        if self._staff_choices is None:
            self._staff_choices = _staff_choices()
        return self._staff_choices

    def filter_urgent(self, queryset, name, value):
        return queryset.filter(urgent=value == "1")

    def filter_kind(self, queryset, name, value):
        # The kind's bit on the row (Incident.kind_bits), not a join with the tags: the capped
        # count then reads one status's cases until it has enough, whatever the table's size.
        return queryset.alias(kind_hit=F("kind_bits").bitand(KIND_BITS[value])).filter(
            kind_hit__gt=0
        )

    def filter_province(self, queryset, name, value):
        return queryset.filter(
            Q(municipality__province=value)
            | Q(municipality__isnull=True, reporter_body__province=value)
            | Q(municipality__isnull=True, reporter_body=value)
        )

    def filter_assignee(self, queryset, name, value):
        if value == ASSIGNEE_ME:
            return queryset.filter(assignee=self.user)
        if value == ASSIGNEE_NOBODY:
            return queryset.filter(assignee__isnull=True)
        return queryset.filter(assignee_id=value)

    def filter_age(self, queryset, name, value):
        return queryset.filter(submitted_at__lt=timezone.now() - timedelta(days=int(value)))

    def filter_waiting(self, queryset, name, value):
        return queryset.filter(awaits_first_contact=True) if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset


def triage_queue(*, user, data):
    """The staff queue: every sent case, filtered by `data` (a GET QueryDict). Returns the
    bound FilterSet; `.qs` is the ordered queryset with what a row shows, no free text."""
    base = (
        Incident.objects.visible_to(user)
        .sent()
        .select_related("assignee", "municipality", "reporter_body")
        .prefetch_related(Prefetch("kind_tags", queryset=IncidentKindTag.objects.order_by("kind")))
        .defer("description", "perpetrator_details", "impact", "contact_phone")
    )
    data = data.copy() if data is not None else QueryDict(mutable=True)
    if not data.get("status") and "status" not in data:
        data.setlist("status", [status.value for status in OPEN_STATES])
    filterset = TriageQueueFilter(data, queryset=base, user=user)
    return filterset


# Index incident_queue_order. A case the reporter reopened with a message comes first (the
# longest waiting first; null, i.e. not reopened, sorts last ascending) until staff answer it.
QUEUE_ORDER = ("reopened_at", "-urgent", "due_at", "-submitted_at", "-pk")
# The default ("Urgent en deadline eerst"), index incident_queue_waiting_first: open cases still
# waiting for first contact before every contacted one, however old, then QUEUE_ORDER.
DEFAULT_QUEUE_ORDER = ("-awaits_first_contact", *QUEUE_ORDER)


def queue_ordering(filterset):
    """The queue's sort columns: by default open cases waiting for first contact first (unless
    only closed cases are asked for); then cases reopened by their reporter, then urgent cases,
    then the earliest deadline (the default, and the choice "urgent first"), or newest,
    oldest, or earliest deadline first. Each ends with the id in the direction of the column
    before it, so keyset pagination has a unique last column and an index
    (Incident.Meta.indexes) serves the order both ways."""
    chosen = filterset.form.cleaned_data.get("order") if filterset.form.is_valid() else None
    if not chosen:
        valid = filterset.form.is_valid()
        statuses = set(filterset.form.cleaned_data.get("status") or []) if valid else set()
        if statuses and not statuses & OPEN_STATES:
            # Only closed cases: none waits for first contact, index incident_queue_order.
            return list(QUEUE_ORDER)
        return list(DEFAULT_QUEUE_ORDER)
    if chosen[0] == "-urgent":
        return list(QUEUE_ORDER)
    column = {"submitted": "submitted_at", "due": "due_at"}[chosen[0].lstrip("-")]
    descending = chosen[0].startswith("-")
    return [f"-{column}", "-pk"] if descending else [column, "pk"]


def queue_partitions(filterset, ordering) -> list[QuerySet[Incident]]:
    """For a page of the queue filtered on several open statuses (not all of them: that is the
    open queue, index incident_queue_waiting_first) in the default order: the filtered queue of
    each status alone, so that pagination.keyset_page reads each status's own index
    (incident_queue_<status>) and merges them. On the open cases' index a page would first pass
    every case of the statuses not asked for, above all the new ones, which all wait for first
    contact and come first. Otherwise none: the page is one walk."""
    if list(ordering) != list(DEFAULT_QUEUE_ORDER) or not filterset.form.is_valid():
        return []
    statuses = set(filterset.form.cleaned_data.get("status") or [])
    if len(statuses) < 2 or not statuses < OPEN_STATES:
        return []
    # Every other filter as the queue applies it (FilterSet.filter_queryset), then one status:
    # "status = X" alone, not also "X or Y", which PostgreSQL misjudges and reads by bitmap.
    queryset = filterset.queryset.all()
    for name, value in filterset.form.cleaned_data.items():
        if name != "status":
            queryset = filterset.filters[name].filter(queryset, value)
    return [queryset.filter(status=status) for status in sorted(statuses)]


def queue_page_query(data):
    """The filter query string a saved filter stores: known filter names only."""
    allowed = set(TriageQueueFilter.base_filters)
    clean = QueryDict(mutable=True)
    for key in data:
        if key in allowed:
            clean.setlist(key, data.getlist(key)[:20])
    return clean.urlencode()


def sent_reports_of(user) -> list[Incident]:
    """The reporter's own sent reports (no drafts), newest first, with only what the account
    page shows: reference, when sent and how they hear about it. One query."""
    return list(
        Incident.objects.filter(reporter=user)
        .exclude(status=Status.DRAFT)
        .only("pk", "reference", "submitted_at", "notify_by", "reporter_id")
        .order_by("-submitted_at", "-pk")
    )


def reports_of(user) -> list[Incident]:
    """The reporter's own reports, drafts included, each with what last changed on it for them
    (`last_change`, `last_change_at`) and whether that is after they last opened it (`unread`).
    Three queries, however many reports: the list with the latest staff message, latest event
    and last visit as subqueries, the kinds, and those events."""
    changes = IncidentEvent.objects.filter(incident=OuterRef("pk")).exclude(actor=user)
    # Any: the loop below sets attributes the model does not declare.
    reports: list[Any] = list(
        Incident.objects.filter(reporter=user)
        .prefetch_related("kind_tags")
        # A draft shows its date and first words, so the reporter knows which one it is.
        .only(
            "pk",
            "reference",
            "status",
            "urgent",
            "created_at",
            "submitted_at",
            "reporter_id",
            "occurred_on",
            "description",
        )
        .annotate(
            last_message_at=Subquery(
                Message.objects.filter(incident=OuterRef("pk"), from_staff=True)
                .order_by("-created_at", "-pk")
                .values("created_at")[:1]
            ),
            last_event_id=Subquery(changes.order_by("-at", "-pk").values("pk")[:1]),
            seen_at=Subquery(
                CaseVisit.objects.filter(incident=OuterRef("pk"), user=user).values("seen_at")[:1]
            ),
        )
        .order_by("-created_at")
    )
    events = IncidentEvent.objects.in_bulk(
        [report.last_event_id for report in reports if report.last_event_id]
    )
    for report in reports:
        report.last_change, report.last_change_at = None, None
        event = events.get(report.last_event_id)
        if event is not None:
            report.last_change, report.last_change_at = change_label(event), event.at
        if report.last_message_at and (
            report.last_change_at is None or report.last_message_at >= report.last_change_at
        ):
            report.last_change = _("Nieuw bericht van het Netwerk Weerbaar Bestuur")
            report.last_change_at = report.last_message_at
        report.unread = report.last_change_at is not None and (
            report.seen_at is None or report.last_change_at > report.seen_at
        )
    return reports


def change_label(event: IncidentEvent) -> "StrOrPromise":
    """What changed, in plain Dutch for the reporter: no names, no free text."""
    if event.kind == EventKind.STATUS:
        if event.from_value == Status.CLOSED:
            return _("Melding weer geopend")
        if event.to_value == Status.WAITING:
            return _("Er is een vraag aan u")
        if event.to_value == Status.CLOSED:
            return _("Melding afgesloten")
    if event.kind == EventKind.ASSIGNED:
        if event.to_value:
            return _("Een medewerker behandelt uw melding")
        return _("Behandelaar gewijzigd")
    if event.kind == EventKind.DEPLOYED:
        return _("Het Ondersteuningsteam is ingezet")
    return event.description


def is_new(moment: datetime, since: datetime | None) -> bool:
    """Whether something at `moment` is new to a person who last opened the case at `since`
    (None: never opened it)."""
    return since is None or moment > since


def support_cases(user):
    """The cases an Ondersteuningsteam member is deployed on."""
    return (
        Incident.objects.visible_to(user)
        .filter(deployments__member=user)
        .select_related("municipality")
        .prefetch_related("kind_tags")
        .defer("description", "perpetrator_details", "impact", "contact_phone")
        .order_by("-submitted_at")
    )


def case_notices(incident):
    """The notices about this case with their delivery history (for staff)."""
    return notifications_about(incident)


# What may still stop a report from being sent, each with the id of the report form's field
# that solves it (the submit page links there).
SUBMISSION_PROBLEMS = {
    "kinds": ("id_kinds_0", _("Kies ten minste één soort incident.")),
    "description": ("id_description", _("Beschrijf kort wat er is gebeurd.")),
    "phone": ("id_contact_phone", _("Vul het telefoonnummer in waarop wij u kunnen bellen.")),
    "notify_address": (
        "id_notify_address",
        _("Vul het e-mailadres in waarop u berichten over uw melding wilt krijgen."),
    ),
    "colleague": ("id_concerned_person", _("Kies de collega om wie het gaat.")),
}


def submission_problems(incident: Incident) -> list[str]:
    """What still stops this report from being sent (Dutch sentences)."""
    problems = []
    if not incident.kind_tags.exists():
        problems.append("kinds")
    if not incident.description.strip():
        problems.append("description")
    if incident.contact_preference == ContactPreference.PHONE and not incident.contact_phone:
        problems.append("phone")
    if incident.notify_by == NotifyBy.OTHER and not incident.notify_address:
        problems.append("notify_address")
    if incident.reported_for != ReportedFor.SELF and incident.concerned_person_id is None:
        problems.append("colleague")
    return [str(SUBMISSION_PROBLEMS[key][1]) for key in problems]


def submission_problem_field(problem: str) -> str:
    """The id of the report form's field that solves a problem ("" if none is known)."""
    return next((field for field, text in SUBMISSION_PROBLEMS.values() if str(text) == problem), "")


def evidence_bytes(evidence: Evidence) -> bytes:
    """The decrypted content of an evidence file."""
    return read_stored(evidence.file)


EXPORT_COLUMNS = (
    _("Kenmerk"),
    _("Status"),
    _("Urgent"),
    _("Soort"),
    _("Gemeente"),
    _("Provincie"),
    _("Behandelaar"),
    _("Verstuurd"),
    _("Eerste contact uiterlijk"),
    _("Eerste reactie"),
    _("Afgesloten"),
)


def queue_export_rows(filterset):
    """The filtered queue in its order as CSV rows: case metadata only, never the description,
    the reporter's name or contact details. One query per 500 cases (and their kinds)."""
    statuses = {value: str(label) for value, label in Status.choices}
    queryset = (
        filterset.qs.select_related(None)
        .select_related("assignee", "municipality__province")
        .only(
            "reference",
            "status",
            "urgent",
            "submitted_at",
            "due_at",
            "first_response_at",
            "closed_at",
            "reopened_at",
            "awaits_first_contact",
            "municipality__name",
            "municipality__province__name",
            "assignee__full_name",
            "assignee__email",
        )
        .order_by(*queue_ordering(filterset))
    )

    def moment(value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""

    for row in queryset.iterator(chunk_size=500):
        place = row.municipality
        yield [
            row.reference or "",
            statuses.get(row.status, row.status),
            str(_("ja")) if row.urgent else str(_("nee")),
            "; ".join(str(label) for label in row.kind_labels),
            place.name if place else "",
            place.province.name if place and place.province else "",
            str(row.assignee) if row.assignee else "",
            moment(row.submitted_at),
            moment(row.due_at),
            moment(row.first_response_at),
            moment(row.closed_at),
        ]


def staff_start_counts(user) -> dict[str, int]:
    """The four numbers on the staff start page, in one query whatever the number of cases:
    open cases waiting for first contact, urgent, past their first-contact deadline, and the
    open cases assigned to `user`."""
    open_cases = Incident.objects.visible_to(user).sent().filter(status__in=OPEN_STATES)
    return open_cases.aggregate(
        waiting=Count("pk", filter=Q(awaits_first_contact=True)),
        urgent=Count("pk", filter=Q(urgent=True)),
        overdue=Count("pk", filter=Q(first_response_at__isnull=True, due_at__lt=timezone.now())),
        mine=Count("pk", filter=Q(assignee=user)),
    )


# --- The case page -------------------------------------------------------------------------------
# Everything the case page lists comes in one query (a UNION ALL over the tables, each row in the
# same columns), so the page costs the same few queries however much a case holds.

_ITEM_COLUMNS = (
    "c_kind",
    "c_id",
    "c_at",
    "c_at2",
    "c_at3",
    "c_user_id",
    "c_user_name",
    "c_user_email",
    "c_t1",
    "c_t2",
    "c_t3",
    "c_n1",
    "c_b1",
)


def _item_branch(
    queryset,
    kind,
    *,
    at=None,
    at2=None,
    at3=None,
    user=None,
    t1=None,
    t2=None,
    t3=None,
    n1=None,
    b1=None,
):
    """One table's rows in the columns of _ITEM_COLUMNS (an absent column is a typed NULL)."""

    def column(name, field):
        if name is None:
            return Cast(Value(None), output_field=field)
        return Cast(F(name), output_field=field) if isinstance(field, TextField) else F(name)

    return (
        queryset.order_by()
        .annotate(
            c_kind=Value(kind, output_field=CharField()),
            c_id=F("pk"),
            c_at=column(at, DateTimeField()),
            c_at2=column(at2, DateTimeField()),
            c_at3=column(at3, DateTimeField()),
            c_user_id=column(user and f"{user}_id", IntegerField()),
            c_user_name=column(user and f"{user}__full_name", TextField()),
            c_user_email=column(user and f"{user}__email", TextField()),
            c_t1=column(t1, TextField()),
            c_t2=column(t2, TextField()),
            c_t3=column(t3, TextField()),
            c_n1=column(n1, IntegerField()),
            c_b1=column(b1, BooleanField()),
        )
        .values_list(*_ITEM_COLUMNS)
    )


# The SQL of case_items, built once per process (database vendor, with or without the internal
# branches): building eight annotated querysets took more time than the query itself.
_CASE_ITEMS_SQL: dict[tuple[str, bool, bool], tuple[str, tuple]] = {}
_ANY_CASE = -7_654_321  # stands for the case's id in the SQL built once


def _case_items_union(pk: int, *, internal: bool, staff: bool):
    own = {"incident_id": pk}
    branches = [
        _item_branch(
            TriageStep.objects.filter(**own), "step", at="done_at", user="done_by", t1="step",
            n1="position",
        ),
        _item_branch(
            Message.objects.filter(**own), "message", at="created_at", user="author", t1="body",
            b1="from_staff",
        ),
        _item_branch(
            Evidence.objects.filter(**own), "evidence", at="uploaded_at", user="uploaded_by",
            t1="original_name", t2="file", t3="content_type", n1="size", b1="location_removed",
        ),
        _item_branch(
            IncidentEvent.objects.filter(**own), "event", at="at", user="actor", t1="kind",
            t2="from_value", t3="to_value",
        ),
        _item_branch(IncidentKindTag.objects.filter(**own), "kind", t1="kind"),
        _item_branch(
            UrgentAlert.objects.filter(**own), "alert", at="raised_at", at2="acknowledged_at",
            at3="escalated_at", user="acknowledged_by", n1="paged_id",
        ),
    ]  # fmt: skip
    if internal:
        branches += [
            _item_branch(
                InternalNote.objects.filter(**own), "note", at="created_at", user="author",
                t1="body",
            ),
            _item_branch(
                SupportDeployment.objects.filter(**own), "deployment", at="deployed_at",
                user="member", n1="deployed_by_id",
            ),
        ]  # fmt: skip
    if staff:
        # Not of this case, but on its page for staff: the people of the assign and deploy
        # forms and the standard replies, in the same round trip.
        branches += [
            _item_branch(
                RoleAssignment.objects.filter(
                    role__in=[Role.TRIAGE, Role.SUPPORT_TEAM], user__is_active=True
                ),
                "role", user="user", t1="role",
            ),
            _item_branch(
                ReplyTemplate.objects.filter(active=True), "reply", t1="title", t2="body",
                n1="position",
            ),
        ]  # fmt: skip
    return branches[0].union(*branches[1:], all=True).order_by()


def _case_item_rows(pk: int, *, internal: bool, staff: bool) -> list[tuple]:
    connection = connections[DEFAULT_DB_ALIAS]
    key = (connection.vendor, internal, staff)
    if key not in _CASE_ITEMS_SQL:
        query = _case_items_union(_ANY_CASE, internal=internal, staff=staff).query
        _CASE_ITEMS_SQL[key] = query.get_compiler(using=DEFAULT_DB_ALIAS).as_sql()
    sql, template = _CASE_ITEMS_SQL[key]
    params = [pk if value == _ANY_CASE else value for value in template]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    # What the ORM's converters would do: SQLite gives moments as text and flags as 0/1.
    moments = [_ITEM_COLUMNS.index(name) for name in ("c_at", "c_at2", "c_at3")]
    flag = _ITEM_COLUMNS.index("c_b1")
    rows = []
    for row in found:
        row = list(row)
        for i in moments:
            row[i] = _moment(row[i])
        if row[flag] is not None:
            row[flag] = bool(row[flag])
        rows.append(tuple(row))
    return rows


def _moment(value):
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


@dataclass
class CaseItems:
    """What a case page lists, each in its model's order. `notes` and `deployments` are None
    when they were not asked for (the reporter never gets them)."""

    steps: list[TriageStep]
    thread: list[Message]
    evidence: list[Evidence]
    events: list[IncidentEvent]
    notes: list[InternalNote] | None = None
    deployments: list[SupportDeployment] | None = None
    # With `staff`: the choices of the assign form (active triage staff) and the deploy form
    # (active Ondersteuningsteam members), ordered by e-mail address, and the standard replies.
    triage_staff: list[tuple[int, str]] | None = None
    support_team: list[tuple[int, str]] | None = None
    replies: list[ReplyTemplate] | None = None


def case_items(incident: Incident, *, internal: bool, staff: bool = False) -> CaseItems:
    """The stappenplan, messages, evidence, timeline and kinds of `incident` (and with
    `internal` its internal notes and deployments; with `staff` the staff lists and standard
    replies of the staff forms) in one query; the kinds go into the incident's `kind_tags` as a
    prefetch would put them, its urgent alert (with who acknowledged it) into
    `incident.urgent_alert`."""
    rows: dict[str, list[Any]] = {}
    for row in _case_item_rows(incident.pk, internal=internal, staff=staff):
        rows.setdefault(row[0], []).append(dict(zip(_ITEM_COLUMNS, row, strict=True)))
    users: dict[int, User] = {}

    def person(row):
        if row["c_user_id"] is None:
            return None
        if row["c_user_id"] not in users:
            users[row["c_user_id"]] = _loaded(
                User(id=row["c_user_id"], full_name=row["c_user_name"], email=row["c_user_email"])
            )
        return users[row["c_user_id"]]

    def made(model, row, user_field=None, **values):
        item = _loaded(model(id=row["c_id"], incident_id=incident.pk, **values))
        if user_field:
            setattr(item, user_field, person(row))
        return item

    decrypt = crypto.decrypt
    steps = [
        made(TriageStep, r, "done_by", step=r["c_t1"], position=r["c_n1"], done_at=r["c_at"])
        for r in rows.get("step", [])
    ]
    thread = [
        made(
            Message,
            r,
            "author",
            body=decrypt(r["c_t1"]),
            from_staff=r["c_b1"],
            created_at=r["c_at"],
        )
        for r in rows.get("message", [])
    ]
    evidence = [
        made(
            Evidence, r, "uploaded_by", original_name=decrypt(r["c_t1"]), file=r["c_t2"],
            content_type=r["c_t3"], size=r["c_n1"], location_removed=r["c_b1"],
            uploaded_at=r["c_at"],
        )
        for r in rows.get("evidence", [])
    ]  # fmt: skip
    events = [
        made(IncidentEvent, r, "actor", kind=r["c_t1"], from_value=r["c_t2"] or "",
             to_value=r["c_t3"] or "", at=r["c_at"])
        for r in rows.get("event", [])
    ]  # fmt: skip
    kinds = [made(IncidentKindTag, r, kind=r["c_t1"]) for r in rows.get("kind", [])]
    _set_prefetched(incident, "kind_tags", sorted(kinds, key=lambda tag: tag.kind))
    alert = next(
        (
            made(
                UrgentAlert, r, "acknowledged_by", raised_at=r["c_at"], acknowledged_at=r["c_at2"],
                escalated_at=r["c_at3"], paged_id=r["c_n1"],
            )
            for r in rows.get("alert", [])
        ),
        None,
    )  # fmt: skip
    # incident.urgent_alert without a query (None: it raises DoesNotExist, as it would).
    Incident.urgent_alert.related.set_cached_value(incident, alert)
    items = CaseItems(
        steps=sorted(steps, key=lambda step: (step.position, step.pk)),
        thread=sorted(thread, key=lambda message: (message.created_at, message.pk)),
        evidence=sorted(evidence, key=lambda item: (item.uploaded_at, item.pk)),
        events=sorted(events, key=lambda event: (event.at, event.pk)),
    )
    if internal:
        notes = [
            made(InternalNote, r, "author", body=decrypt(r["c_t1"]), created_at=r["c_at"])
            for r in rows.get("note", [])
        ]
        deployments = [
            made(SupportDeployment, r, "member", deployed_by_id=r["c_n1"], deployed_at=r["c_at"])
            for r in rows.get("deployment", [])
        ]
        items.notes = sorted(notes, key=lambda note: (note.created_at, note.pk))
        items.deployments = sorted(deployments, key=lambda d: (d.deployed_at, d.pk))
    if staff:
        items.triage_staff, items.support_team = [], []
        people = sorted(rows.get("role", []), key=lambda r: (r["c_user_email"], r["c_user_id"]))
        for r in people:
            listed = items.triage_staff if r["c_t1"] == Role.TRIAGE else items.support_team
            choice = (r["c_user_id"], r["c_user_name"] or r["c_user_email"])
            if choice not in listed:  # a second assignment of the same role
                listed.append(choice)
        replies = [
            _loaded(
                ReplyTemplate(id=r["c_id"], title=r["c_t1"], body=r["c_t2"], position=r["c_n1"])
            )
            for r in rows.get("reply", [])
        ]
        items.replies = sorted(replies, key=lambda reply: (reply.position, reply.title))
    return items


def _loaded(instance):
    """A model instance built from columns read elsewhere: as if it came from the database."""
    instance._state.adding = False
    instance._state.db = DEFAULT_DB_ALIAS
    return instance


def _set_prefetched(instance, name, items):
    """Give `instance.<name>.all()` these items without a query, as prefetch_related does."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = list(items)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset

"""Bring the monitor's summary table up to date from the incidents.

`refresh()` recomputes whole months (all of them, or the ones given); `refresh_changed()`, run by
Celery beat, recomputes only the months of reports that were sent, answered or closed since the
last run. Only sent reports count; drafts never do.
"""

from datetime import date, datetime

from django.db import transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from incidents.models import Incident, IncidentKindTag
from incidents.workflow import Status

from . import dimensions as dims
from .dimensions import SizeClass
from .models import MonthlyFigure, RefreshMark


def province_code_of(prefix=""):
    """Where it happened: the municipality's province; else the province the reporter serves
    (a Statenlid), or the province of their municipality; "" for water boards or unknown."""
    return Coalesce(
        F(f"{prefix}municipality__province__code"),
        Case(
            When(
                **{f"{prefix}reporter_body__kind": "province"},
                then=F(f"{prefix}reporter_body__code"),
            ),
            default=F(f"{prefix}reporter_body__province__code"),
        ),
        Value(""),
        output_field=CharField(),
    )


def _size_class(prefix=""):
    population = f"{prefix}municipality__population"
    whens = [
        When(**{f"{population}__gte": low, f"{population}__lt": high}, then=Value(code))
        for code, low, high in SizeClass.BANDS
    ]
    whens.append(When(**{f"{population}__gte": SizeClass.BANDS[-1][2]}, then=Value(SizeClass.CITY)))
    return Case(*whens, default=Value(dims.UNKNOWN), output_field=CharField())


def _duration(end, start):
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())


def _as_month(value):
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return date(value.year, value.month, 1)
    return date(value.year, value.month, 1)


def _month_start(month):
    return timezone.make_aware(datetime(month.year, month.month, 1))


def _next(month):
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _seconds(duration):
    return int(duration.total_seconds()) if duration else 0


def _figures_for(months):
    """The summary rows of these months (None: all months), computed in five grouped queries."""
    sent = Incident.objects.exclude(status=Status.DRAFT).filter(submitted_at__isnull=False)
    if months is not None:
        in_months = Q(pk__in=[])
        for month in months:
            in_months |= Q(
                submitted_at__gte=_month_start(month), submitted_at__lt=_month_start(_next(month))
            )
        sent = sent.filter(in_months)
    sent = sent.annotate(m=TruncMonth("submitted_at"))
    sent = sent.annotate(prov=province_code_of(), office=F("reporter_office_type"))

    figures = {}

    def add(month, office, province, dimension, value, incidents, **timing):
        key = (_as_month(month), office or "", province or "", dimension, value or "")
        figure = figures.get(key)
        if figure is None:
            figure = figures[key] = MonthlyFigure(
                month=key[0],
                office_type=key[1],
                province_code=key[2],
                dimension=dimension,
                value=key[4],
            )
        figure.incidents += incidents
        for name, amount in timing.items():
            setattr(figure, name, getattr(figure, name) + amount)

    closed = Q(status=Status.CLOSED, closed_at__isnull=False)
    answered = Q(first_response_at__isnull=False)
    totals = sent.values("m", "office", "prov").annotate(
        n=Count("pk"),
        responded=Count("pk", filter=answered),
        in_time=Count("pk", filter=answered & Q(first_response_at__lte=F("due_at"))),
        response=Sum(_duration("first_response_at", "submitted_at"), filter=answered),
        closed=Count("pk", filter=closed),
        close=Sum(_duration("closed_at", "submitted_at"), filter=closed),
    )
    for row in totals.order_by():
        add(
            row["m"],
            row["office"],
            row["prov"],
            dims.ALL,
            "",
            row["n"],
            responded=row["responded"],
            responded_in_time=row["in_time"],
            response_seconds=_seconds(row["response"]),
            closed=row["closed"],
            close_seconds=_seconds(row["close"]),
        )
    for dimension, expression in (
        (dims.CHANNEL, F("channel")),
        (dims.POLICE, F("police_report")),
        (dims.SIZE, _size_class()),
    ):
        rows = (
            sent.annotate(v=expression).values("m", "office", "prov", "v").annotate(n=Count("pk"))
        )
        for row in rows.order_by():
            add(row["m"], row["office"], row["prov"], dimension, row["v"], row["n"])

    tags = IncidentKindTag.objects.filter(incident__in=sent.values("pk")).annotate(
        m=TruncMonth("incident__submitted_at"),
        prov=province_code_of("incident__"),
        office=F("incident__reporter_office_type"),
    )
    for row in tags.values("m", "office", "prov", "kind").annotate(n=Count("pk")).order_by():
        add(row["m"], row["office"], row["prov"], dims.KIND, row["kind"], row["n"])
    return list(figures.values())


@transaction.atomic
def refresh(*, months=None):
    """Recompute the figures of `months` (first days of months), or of every month. Returns the
    number of summary rows written."""
    now = timezone.now()
    mark = RefreshMark.objects.select_for_update().first()
    figures = _figures_for(months)
    stale = MonthlyFigure.objects.all()
    if months is not None:
        stale = stale.filter(month__in=list(months))
    stale.delete()
    MonthlyFigure.objects.bulk_create(figures, batch_size=2000)
    if months is None or mark is None:
        if mark is None:
            RefreshMark.objects.create(refreshed_at=now)
        else:
            mark.refreshed_at = now
            mark.save(update_fields=["refreshed_at"])
    return len(figures)


def months_changed_since(moment):
    """The months of reports sent, answered, closed or otherwise changed since `moment`."""
    changed = (
        Incident.objects.exclude(status=Status.DRAFT)
        .filter(
            Q(submitted_at__gte=moment)
            | Q(first_response_at__gte=moment)
            | Q(closed_at__gte=moment)
            | Q(updated_at__gte=moment)
        )
        .annotate(m=TruncMonth("submitted_at"))
        .values_list("m", flat=True)
        .distinct()
        .order_by()
    )
    return sorted({_as_month(value) for value in changed if value is not None})


def refresh_changed():
    """What the beat task runs: everything the first time, later only the changed months."""
    with transaction.atomic():
        mark = RefreshMark.objects.select_for_update().first()
        if mark is None:
            return refresh()
        started = timezone.now()
        months = months_changed_since(mark.refreshed_at)
        written = refresh(months=months) if months else 0
        mark.refreshed_at = started
        mark.save(update_fields=["refreshed_at"])
        return written

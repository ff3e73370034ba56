"""Permission-aware reads: lists, the budget overview, revision differences, the CSV export."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, RoleAssignment
from accounts.selectors import chair_assignments, chaired_body_ids
from government.models import GovernmentBody

from .models import (
    ACCOUNT_REMINDER_PERIOD,
    ZERO,
    Account,
    ApplicantKind,
    AttachmentKind,
    Consent,
    Decision,
    GrantApplication,
    GrantScheme,
)
from .workflow import GRANTED_STATES, OPEN, PRACTICE_STATES, Status

SNAPSHOT_LABELS = {
    "current_situation": gettext_lazy("Huidige situatie"),
    "incidents": gettext_lazy("Incidenten"),
    "planning": gettext_lazy("Planning"),
    "co_financing": gettext_lazy("Cofinanciering"),
    "co_financing_note": gettext_lazy("Toelichting cofinanciering"),
    "contact_name": gettext_lazy("Contactpersoon"),
    "contact_email": gettext_lazy("E-mail contactpersoon"),
    "contact_phone": gettext_lazy("Telefoon contactpersoon"),
    "requested_total": gettext_lazy("Gevraagd bedrag"),
    "lines": gettext_lazy("Maatregelen"),
    "attachments": gettext_lazy("Bijlagen"),
}


# The list's accountability filter (the `verantwoording` parameter): paid grants without an
# account whose due date is near (within ACCOUNT_REMINDER_PERIOD) or has passed.
ACCOUNT_DUE_SOON = "binnenkort"
ACCOUNT_OVERDUE = "te-laat"
ACCOUNT_FILTERS = (
    (ACCOUNT_DUE_SOON, gettext_lazy("Verantwoording binnen 4 weken")),
    (ACCOUNT_OVERDUE, gettext_lazy("Verantwoording te laat")),
)


def applications_for(user, *, status=None, scheme=None, account=None):
    """The applications this person may see, newest first, with what a list shows. With
    `account` (ACCOUNT_DUE_SOON or ACCOUNT_OVERDUE) only paid grants whose account is awaited
    and due within ACCOUNT_REMINDER_PERIOD, or overdue, the earliest due date first."""
    applications = (
        GrantApplication.objects.visible_to(user)
        .select_related("scheme", "body", "decision", "account")
        # The encrypted motivation is never shown in a list: do not fetch and decrypt it.
        .defer("incidents")
    )
    if status:
        applications = applications.filter(status=status)
    if scheme:
        applications = applications.filter(scheme=scheme)
    if account in (ACCOUNT_DUE_SOON, ACCOUNT_OVERDUE):
        today = timezone.localdate()
        applications = applications.filter(status=Status.PAID, account__isnull=True)
        if account == ACCOUNT_OVERDUE:
            applications = applications.filter(account_due_on__lt=today)
        else:
            applications = applications.filter(
                account_due_on__gte=today, account_due_on__lte=today + ACCOUNT_REMINDER_PERIOD
            )
        return applications.order_by("account_due_on", "pk")
    return applications.order_by("-updated_at")


def application_visible_to(user, pk) -> GrantApplication | None:
    """The application `pk` if `user` may see it, else None (the caller answers 404). A plain
    read: it records no audit row (views that show the application's content do)."""
    return (
        GrantApplication.objects.visible_to(user)
        .select_related("scheme", "body", "created_by")
        .filter(pk=pk)
        .first()
    )


def bodies_to_apply_for(user, scheme):
    """The bodies for which `user` may apply under `scheme`: as griffier for a scheme of the
    griffie, as officeholder (for themselves) for the security measures fund."""
    role = Role.OFFICEHOLDER if scheme.is_for_officeholders else Role.GRIFFIER
    return GovernmentBody.objects.filter(
        role_assignments__user=user, role_assignments__role=role
    ).distinct()


def schemes_to_apply_for(user):
    """The open schemes this person may apply under, each with the bodies they may apply for:
    [(scheme, [bodies])]. A griffier gets the schemes of the griffie; an officeholder the
    security measures fund, for themselves."""
    if not user.is_authenticated:
        return []
    offers = []
    for scheme in GrantScheme.objects.order_by("opens_on", "name"):
        if not scheme.is_open():
            continue
        bodies = [
            body
            for body in bodies_to_apply_for(user, scheme)
            if body.kind in scheme.eligible_body_kinds
        ]
        if bodies:
            offers.append((scheme, bodies))
    return offers


def scheme_by_slug(slug):
    """The grant scheme with this slug, or None (for other apps that name a scheme)."""
    return GrantScheme.objects.filter(slug=slug).first()


def budget_overview():
    """Per scheme: ceiling, requested (sent in), granted, paid, remaining, cohort filled.
    Two aggregate queries in all, however many schemes and applications there are."""
    schemes = list(
        GrantScheme.objects.annotate(
            requested=Sum(
                "applications__requested_total",
                filter=~Q(applications__status=Status.DRAFT),
                default=ZERO,
            ),
            paid=Sum("applications__paid_amount", default=ZERO),
            admitted=Count("applications", filter=Q(applications__status__in=GRANTED_STATES)),
        ).order_by("opens_on", "name")
    )
    granted = dict(
        Decision.objects.filter(application__status__in=GRANTED_STATES)
        .values_list("application__scheme_id")
        .annotate(total=Sum("granted_total"))
        .values_list("application__scheme_id", "total")
    )
    rows = []
    for scheme in schemes:
        scheme_granted = granted.get(scheme.pk) or ZERO
        rows.append(
            {
                "scheme": scheme,
                "requested": scheme.requested,
                "granted": scheme_granted,
                "paid": scheme.paid,
                "remaining": scheme.budget_ceiling - scheme_granted,
                "admitted": scheme.admitted,
            }
        )
    return rows


def revision_changes(older, newer):
    """What changed between two revisions: a list of (label, before, after); list fields show
    what was removed and added."""
    changes = []
    for key, label in SNAPSHOT_LABELS.items():
        before, after = older.snapshot.get(key), newer.snapshot.get(key)
        if before == after:
            continue
        if isinstance(before, list) or isinstance(after, list):
            before, after = before or [], after or []
            removed = [item for item in before if item not in after]
            added = [item for item in after if item not in before]
            changes.append((label, "\n".join(removed), "\n".join(added)))
        else:
            changes.append((label, before or "", after or ""))
    return changes


def revision_history(application):
    """Each revision after the first with the changes against the one before it."""
    revisions = list(application.revisions.select_related("created_by"))
    return [
        {"revision": newer, "changes": revision_changes(older, newer)}
        for older, newer in zip(revisions, revisions[1:], strict=False)
    ], revisions


def practice_possible(application) -> bool:
    """An accounted (or closed) grant whose approved account has lessons can become a practice
    example in the knowledge base."""
    account = getattr(application, "account", None)
    return (
        application.status in PRACTICE_STATES
        and account is not None
        and account.approved_at is not None
        and bool(account.lessons.strip())
    )


def account_for_practice(account) -> Account:
    """The account again, locked for the rest of the transaction (so one practice is made of
    it, however many clicks), with its application's scheme and body."""
    return (
        Account.objects.select_for_update()
        .select_related("application__scheme", "application__body")
        .get(pk=account.pk)
    )


def practice_from_account(account):
    """What was learned, shaped as a knowledge-base practice (praktijkvoorbeeld): title,
    summary and a Markdown body, which the network app's knowledge base publishes
    (network.actions.knowledge_item_publish_practice_from_account); nothing here imports it.
    Never for the security measures fund: what an officeholder did at their home is nobody
    else's business."""
    application = account.application
    if application.scheme.is_for_officeholders:
        raise PermissionDenied
    return {
        "title": _("Veilig vergaderen in %(body)s") % {"body": application.body.name}
        if application.scheme.slug == "veilig-vergaderen"
        else _("%(scheme)s: %(body)s")
        % {"scheme": application.scheme.name, "body": application.body.name},
        "summary": account.what_was_done.strip().split("\n")[0][:300],
        "body": "\n\n".join(
            [
                "## " + _("Wat is er gedaan"),
                account.what_was_done.strip(),
                "## " + _("Wat hebben we geleerd"),
                account.lessons.strip(),
            ]
        ),
        "scheme_name": application.scheme.name,
        "government_body": application.body,
    }


EXPORT_HEADER = [
    "kenmerk",
    "regeling",
    "overheid",
    "code",
    "status",
    "gevraagd",
    "toegekend",
    "uitbetaald",
    "ingediend_op",
    "besluitdatum",
]


def export_rows(user):
    """Rows for the staff CSV export: no free text, only what a budget sheet needs."""
    applications = (
        GrantApplication.objects.visible_to(user)
        .select_related("scheme", "body", "decision")
        .order_by("scheme__name", "body__name")
    )
    for application in applications:
        decision = getattr(application, "decision", None)
        yield [
            application.reference or "",
            application.scheme.name,
            application.body.name,
            application.body.code,
            application.get_status_display(),
            f"{application.requested_total:.2f}",
            f"{decision.granted_total:.2f}" if decision else "",
            f"{application.paid_amount:.2f}",
            application.submitted_at.date().isoformat() if application.submitted_at else "",
            decision.decision_date.isoformat() if decision else "",
        ]


def submission_problems(application):
    """What still stops this application from being sent in (Dutch sentences)."""
    problems = []
    scheme = application.scheme
    if not application.current_situation.strip():
        problems.append(_("Beschrijf de huidige situatie (stap 1)."))
    lines = list(application.lines.all())
    if not lines:
        problems.append(_("Voeg ten minste één maatregel toe (stap 2)."))
    if application.requested_total > scheme.max_per_applicant:
        problems.append(
            _("Het gevraagde bedrag is hoger dan het maximum van € %(max)s per aanvrager.")
            % {"max": number_format(scheme.max_per_applicant, 2, force_grouping=True)}
        )
    if not application.planning.strip():
        problems.append(_("Geef de planning (stap 3)."))
    if not (application.contact_name and application.contact_email):
        problems.append(_("Vul de contactpersoon in (stap 4)."))
    present = {attachment.kind for attachment in application.attachments.all()}
    labels = dict(scheme_attachment_labels(scheme))
    for code in scheme.required_attachment_kinds:
        if code not in present:
            problems.append(_("Voeg een bijlage toe: %(kind)s (stap 5).") % {"kind": labels[code]})
    return problems


def scheme_attachment_labels(scheme):
    """The attachments the scheme requires, as (code, Dutch label) pairs."""
    names = dict(AttachmentKind.choices)
    return [(code, names.get(code, code)) for code in scheme.required_attachment_kinds]


def snapshot(application):
    """What the griffier sent in, as plain data (for revisions and their differences). Kept
    in Dutch whatever language the sender uses, so two revisions differ only where the
    application does."""
    with translation.override("nl"):
        return _snapshot(application)


def _snapshot(application):
    return {
        "current_situation": application.current_situation,
        "incidents": application.incidents,
        "planning": application.planning,
        "co_financing": str(application.co_financing),
        "co_financing_note": application.co_financing_note,
        "contact_name": application.contact_name,
        "contact_email": application.contact_email,
        "contact_phone": application.contact_phone,
        "requested_total": str(application.requested_total),
        "lines": [
            f"{application.scheme.measure_label(line.kind)}: {line.description} (€ {line.cost})"
            for line in application.lines.all()
        ],
        "attachments": [
            f"{attachment.get_kind_display()}: {attachment.original_name}"
            for attachment in application.attachments.all()
        ],
    }


def other_deciders_exist(user) -> bool:
    """Whether an active colleague besides `user` holds the BZK triage role, and so can take
    the decision on an application `user` assessed (four eyes)."""
    return (
        RoleAssignment.objects.filter(role=Role.TRIAGE, user__is_active=True)
        .exclude(user=user)
        .exists()
    )


def existing_application(user, *, scheme, body):
    """The application `user` may see that stands in the way of starting another for `body`
    under `scheme` (the body's one griffie application, or the officeholder's own), or None."""
    applications = GrantApplication.objects.visible_to(user).filter(scheme=scheme, body=body)
    if scheme.is_for_officeholders:
        applications = applications.filter(applicant=user, status__in=OPEN, via_griffie=False)
    return applications.order_by("pk").first()


def on_behalf_candidates(user, scheme):
    """The officeholders' roles for which `user` may start an application under `scheme` on
    their behalf: those of the bodies `user` chairs (burgemeester, Commissaris van de Koning,
    dijkgraaf) whose kind the scheme accepts, the chair's own roles left out."""
    if not (user.is_authenticated and scheme.is_for_officeholders):
        return RoleAssignment.objects.none()
    return (
        RoleAssignment.objects.filter(
            role=Role.OFFICEHOLDER,
            body_id__in=chaired_body_ids(user),
            body__kind__in=scheme.eligible_body_kinds,
            user__is_active=True,
        )
        .exclude(user=user)
        .select_related("user", "body")
        .order_by("body__name", "user__full_name", "pk")
    )


def on_behalf_schemes(user):
    """The open officeholder schemes under which `user` may apply for someone they chair."""
    if not user.is_authenticated or not chair_assignments(user).exists():
        return []
    return [
        scheme
        for scheme in GrantScheme.objects.filter(applicant_kind="officeholder").order_by(
            "opens_on", "name"
        )
        if scheme.is_open() and on_behalf_candidates(user, scheme).exists()
    ]


def on_behalf_awaiting(user):
    """The chair's requests the officeholder has not (or no longer) consented to: only who
    and for which body, nothing of the application."""
    if not user.is_authenticated:
        return []
    return list(
        GrantApplication.objects.filter(on_behalf_by=user)
        .exclude(consent=Consent.GIVEN)
        .select_related("applicant", "body")
        .only("pk", "applicant__full_name", "applicant__email", "body__name", "created_at")
        .order_by("-created_at")
    )


FUND_OUTCOMES = (
    ("pending", gettext_lazy("Nog niet besloten")),
    (Status.GRANTED.value, gettext_lazy("Toegekend")),
    (Status.PARTLY_GRANTED.value, gettext_lazy("Deels toegekend")),
    (Status.REJECTED.value, gettext_lazy("Afgewezen")),
)


def fund_counts(year: int) -> dict[str, int]:
    """How many applications to the officeholders' schemes (the security measures fund) were
    sent in during `year`, by outcome so far: counts only, for the monitor, which protects
    small numbers. One query."""
    counts = dict.fromkeys((code for code, _label in FUND_OUTCOMES), 0)
    rows = (
        GrantApplication.objects.filter(
            scheme__applicant_kind="officeholder", submitted_at__year=year
        )
        .exclude(status=Status.DRAFT)
        .values("decision__outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts[row["decision__outcome"] or "pending"] += row["n"]
    return counts


def cohort_body_ids():
    """The bodies of the Veilig Vergaderen cohort: those with an awarded grant of a scheme for
    governments (applicant_kind BODY; the security measures fund is personal and excluded), as a
    values query to use inside another query (`body_id__in=...`)."""
    return (
        GrantApplication.objects.filter(
            scheme__applicant_kind=ApplicantKind.BODY, status__in=GRANTED_STATES
        )
        .values("body_id")
        .distinct()
    )

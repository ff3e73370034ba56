"""Reports about a colleague: what a witness saw happen to a colleague, or a report made on a
colleague's behalf with their consent. Reads first, then writes (as oncall.py).

Whom a reporter may name: an active officeholder of a government body the reporter serves as
an officeholder (their own council, states or board), never themselves. The report form lists
exactly those people, so it never lists every officeholder in the country; the names of a
council's members are public, what the list adds is only who of them has an account here.

The colleague is linked to the case when it is sent (`Incident.concerned_person`; drafts stay
the reporter's), hears of it through the outbox (a reference and a link only), sees the case in
"Mijn meldingen" and on its page (the report, its evidence, status and timeline; not the
messages between the reporter and BZK, which stay the reporter's conversation), and gives or
withholds consent. They can change that answer at any time.

Who governs sharing (`sharing_decided_by`): beyond BZK's case handlers, a case is shared when
an Ondersteuningsteam member is deployed on it (the member then reads the case and who
reported it).
- About oneself: the reporter, by sending it (as before).
- On behalf of a colleague: the colleague. Until they give consent nobody is deployed
  (`sharing_refusal`, asked by actions.incident_deploy); withheld, it stays with BZK.
- As a witness: the witness. What they saw is their own observation, and a witness may need
  support themselves; the colleague's answer is shown to staff beside it, and a withheld answer
  means staff do not involve the colleague. Deploying is not blocked.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import audit
from accounts.models import Role, RoleAssignment, User
from notifications import outbox
from notifications.kinds import Kind, register

from .models import ConcernedConsent, EventKind, Incident, IncidentEvent, ReportedFor
from .notices import handler_recipients
from .permissions import is_concerned
from .workflow import Status, TransitionNotAllowed

# --- reads -----------------------------------------------------------------------------------


def colleagues_of(reporter) -> QuerySet[User]:
    """The people `reporter` may name as the colleague a report is about: active officeholders
    of the bodies the reporter serves as an officeholder, the reporter left out."""
    bodies = RoleAssignment.objects.filter(user=reporter, role=Role.OFFICEHOLDER).values("body")
    ids = RoleAssignment.objects.filter(role=Role.OFFICEHOLDER, body__in=bodies).values("user")
    return (
        User.objects.filter(pk__in=ids, is_active=True)
        .exclude(pk=reporter.pk)
        .order_by("full_name", "email")
    )


def may_name(reporter, person) -> bool:
    return person is not None and colleagues_of(reporter).filter(pk=person.pk).exists()


def is_about_a_colleague(incident: Incident) -> bool:
    return incident.reported_for != ReportedFor.SELF


def sharing_decided_by(incident: Incident):
    """The person whose consent governs sharing the case beyond BZK (see the module text)."""
    if incident.reported_for == ReportedFor.ON_BEHALF:
        return incident.concerned_person
    return incident.reporter


def sharing_refusal(incident: Incident) -> str | None:
    """Why the case may not be shared now (a Dutch sentence for staff), or None."""
    if (
        incident.reported_for == ReportedFor.ON_BEHALF
        and incident.concerned_consent != ConcernedConsent.GIVEN
    ):
        if incident.concerned_consent == ConcernedConsent.WITHHELD:
            return _(
                "De collega namens wie is gemeld, gaf geen toestemming om de melding te delen. "
                "Zet niemand in."
            )
        return _(
            "De collega namens wie is gemeld, heeft nog geen toestemming gegeven om de melding "
            "te delen. Zet pas iemand in als die toestemming er is."
        )
    return None


def cases_concerning(user) -> list[Incident]:
    """The sent reports of others about `user`, newest first, with who reported them. One
    query."""
    return list(
        Incident.objects.visible_to(user)
        .filter(concerned_person=user)
        .exclude(status=Status.DRAFT)
        .select_related("reporter")
        .only(
            "pk",
            "reference",
            "status",
            "urgent",
            "submitted_at",
            "reported_for",
            "concerned_person_id",
            "concerned_consent",
            "reporter__full_name",
            "reporter__email",
        )
        .order_by("-submitted_at", "-pk")
    )


# --- notices ---------------------------------------------------------------------------------


def _case_link(row):
    return reverse("incidents:detail", args=[row.object_id])


def _still_concerned(row) -> bool:
    incident = row.subject
    recipient = row.recipient
    return (
        incident is not None
        and recipient is not None
        and recipient.is_active
        and incident.concerned_person_id == recipient.pk
    )


def _context(kind_value):
    def context(row):
        return {
            "reference": row.subject.reference,
            "kind": kind_value,
            "bzk_phone": settings.BZK_CONTACT_PHONE,
        }

    return context


LINKED = register(
    Kind(
        code="incidents.concerned_linked",
        label=gettext_lazy("Melding over een collega (aan die collega)"),
        subject_template="incidents/email/concerned_subject.txt",
        body_template="incidents/email/concerned_body.txt",
        link=_case_link,
        context=_context("concerned_linked"),
        still_wanted=_still_concerned,
    )
)
ANSWERED = register(
    Kind(
        code="incidents.concerned_answered",
        label=gettext_lazy("Antwoord over toestemming (aan de behandelaar)"),
        subject_template="incidents/email/concerned_subject.txt",
        body_template="incidents/email/concerned_body.txt",
        link=_case_link,
        context=_context("concerned_answered"),
        still_wanted=lambda row: bool(
            row.recipient is not None and row.recipient.is_active and row.recipient.is_triage_staff
        ),
    )
)


# --- writes ----------------------------------------------------------------------------------


def clean_colleague(*, actor, reported_for: str, person) -> tuple[str, User | None]:
    """The reporter's choice of whom the report is about, checked: a known choice, and a
    colleague only when it is about a colleague, and then one they may name (ValidationError
    with a Dutch message per field)."""
    if reported_for not in ReportedFor.values:
        raise ValidationError({"reported_for": _("Kies wie dit is overkomen.")})
    if reported_for == ReportedFor.SELF:
        return reported_for, None
    if person is not None and not may_name(actor, person):
        raise ValidationError(
            {"concerned_person": _("Kies een collega van uw eigen overheid uit de lijst.")}
        )
    return reported_for, person


def link_on_submit(incident: Incident) -> None:
    """At sending (inside incident_submit's transaction): the colleague a report is about is
    linked from now on (visible_to) and hears of it. Called with the locked, sent case."""
    if not is_about_a_colleague(incident) or incident.concerned_person is None:
        return
    outbox.record(kind=LINKED, subject=incident, recipients=[incident.concerned_person])


@transaction.atomic
def concerned_consent_set(*, actor, incident: Incident, consent: str) -> Incident:
    """The colleague a report is about gives (`given`) or withholds (`withheld`) consent; they
    may change their answer at any time. Writes an event (timeline) and an audit row, and tells
    the handler (or, with none, BZK's case handlers). Only the colleague, only a sent case
    (PermissionDenied otherwise)."""
    if consent not in (ConcernedConsent.GIVEN, ConcernedConsent.WITHHELD):
        raise ValidationError({"consent": _("Kies of u toestemming geeft.")})
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if not is_concerned(actor, incident):
        raise PermissionDenied
    if incident.concerned_consent == consent:
        raise TransitionNotAllowed(_("Dit antwoord had u al gegeven."))
    previous = incident.concerned_consent
    incident.concerned_consent = consent
    incident.concerned_consent_at = timezone.now()
    incident.save(update_fields=["concerned_consent", "concerned_consent_at", "updated_at"])
    event = IncidentEvent.objects.create(
        incident=incident,
        actor=actor,
        kind=EventKind.CONSENT,
        from_value=previous,
        to_value=consent,
    )
    audit.record(actor=actor, obj=incident, action="change", what=EventKind.CONSENT)
    recipients = [user for user in handler_recipients(incident) if user.pk != actor.pk]
    outbox.record(kind=ANSWERED, subject=incident, recipients=recipients, event=f"event-{event.pk}")
    return incident

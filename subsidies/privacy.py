"""What the subsidies app keeps of a person, and for how long (the hook audit.retention calls;
table in docs/privacy.md).

An application is public money: its scheme, body, measures' kinds and amounts, decision and
events stay for accountability. What names or describes a person goes:

- An application to a scheme the griffie applies for, GRANT_APPLICATION_KEEP_DAYS after it was
  closed or rejected (its last change of status), or a draft untouched that long: the contact
  person's name, address and phone number and the incidents that motivated it (they can name
  people), also in the revisions' snapshots.
- An application to the security measures fund (an officeholder's own, often through a home
  scan), after the same period: all of the above and every free text about the person's home
  and protection (situation, planning, measure descriptions, the accountability report), the
  attachments (files deleted from storage) and the decision letter's file. The decision's
  amounts and dates stay.
- An erasure does the latter to every fund application of the person, whatever its state, and
  removes their name, address and phone number as contact person of a griffie's application.

Each anonymised application gets a RetentionMark (idempotent).
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max, Q

from audit.models import RetentionMark

from .models import ApplicantKind, GrantApplication
from .workflow import Status

OBJECT_TYPE = "subsidies.grantapplication"
# An application stays complete this long after its last change of status (closed or rejected,
# or a draft left alone): objections, payment and accountability are over by then.
GRANT_APPLICATION_KEEP_DAYS = 730
FINAL_STATES = (Status.CLOSED, Status.REJECTED)

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone", "incidents")
FUND_FIELDS = (*CONTACT_FIELDS, "current_situation", "planning", "co_financing_note")


def _is_fund(application):
    return application.applicant_id is not None or (
        application.scheme.applicant_kind == ApplicantKind.OFFICEHOLDER
    )


@transaction.atomic
def application_anonymise(*, application, reason):
    """Remove the personal content of one application; returns what was removed (counts), or
    None when it was removed before."""
    application = (
        GrantApplication.objects.select_for_update(of=("self",))
        .select_related("scheme")
        .get(pk=application.pk)
    )
    if RetentionMark.objects.filter(
        object_type=OBJECT_TYPE, object_id=str(application.pk)
    ).exists():
        return None
    fund = _is_fund(application)
    fields = FUND_FIELDS if fund else CONTACT_FIELDS
    removed = {"files": 0}
    for field in fields:
        setattr(application, field, "")
    application.save(update_fields=[*fields, "updated_at"])
    for revision in application.revisions.all():
        snapshot = dict(revision.snapshot)
        for field in fields:
            snapshot.pop(field, None)
        if fund:
            snapshot.pop("lines", None)
            snapshot.pop("attachments", None)
        revision.snapshot = snapshot
        revision.save(update_fields=["snapshot"])
    if fund:
        application.lines.update(description="")
        for attachment in list(application.attachments.all()):
            if attachment.file:
                attachment.file.storage.delete(attachment.file.name)
                removed["files"] += 1
            attachment.delete()
        decision = getattr(application, "decision", None)
        if decision is not None and decision.letter:
            decision.letter.storage.delete(decision.letter.name)
            decision.letter = ""
            decision.save(update_fields=["letter"])
            removed["files"] += 1
        account = getattr(application, "account", None)
        if account is not None:
            account.what_was_done = account.lessons = ""
            account.save(update_fields=["what_was_done", "lessons"])
    RetentionMark.objects.create(
        object_type=OBJECT_TYPE, object_id=str(application.pk), reason=reason
    )
    return removed


def _anonymise_all(applications, *, reason):
    counts = {"applications_anonymised": 0, "application_files": 0}
    marked = RetentionMark.objects.filter(object_type=OBJECT_TYPE).values_list(
        "object_id", flat=True
    )
    for application in applications.exclude(pk__in={int(pk) for pk in marked}).iterator():
        removed = application_anonymise(application=application, reason=reason)
        if removed is not None:
            counts["applications_anonymised"] += 1
            counts["application_files"] += removed["files"]
    return counts


def retain(*, now):
    cutoff = now - timedelta(days=GRANT_APPLICATION_KEEP_DAYS)
    finished = GrantApplication.objects.annotate(last_move=Max("events__at")).filter(
        status__in=FINAL_STATES, last_move__lt=cutoff
    )
    counts = _anonymise_all(finished, reason="retention")
    drafts = GrantApplication.objects.filter(status=Status.DRAFT, updated_at__lt=cutoff)
    for key, value in _anonymise_all(drafts, reason="retention").items():
        counts[key] += value
    return counts


def erase(*, user):
    # An application a chair started on an officeholder's behalf is the officeholder's: the
    # chair's erasure leaves it (their account becomes anonymous, so their name goes anyway).
    own = GrantApplication.objects.filter(
        Q(applicant=user)
        | Q(
            created_by=user,
            scheme__applicant_kind=ApplicantKind.OFFICEHOLDER,
            on_behalf_by__isnull=True,
        )
    )
    counts = _anonymise_all(own, reason="erasure")
    as_contact = GrantApplication.objects.filter(contact_email__iexact=user.email).exclude(
        pk__in=own.values("pk")
    )
    contact_fields = ("contact_name", "contact_email", "contact_phone")
    contacts = 0
    for application in as_contact.select_for_update():
        for field in contact_fields:
            setattr(application, field, "")
        application.save(update_fields=[*contact_fields, "updated_at"])
        for revision in application.revisions.all():
            revision.snapshot = {
                key: value for key, value in revision.snapshot.items() if key not in contact_fields
            }
            revision.save(update_fields=["snapshot"])
        contacts += 1
    return {"erased_applications": counts["applications_anonymised"], "contacts": contacts}

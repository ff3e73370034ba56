"""After the decision: payment and accountability (verantwoording)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from weerbaar.uploads import display_name, store_upload

from .. import notices
from ..models import (
    Account,
    AccountDueDateChange,
    AccountQuestion,
    Attachment,
    AttachmentKind,
    add_months,
)
from ..permissions import is_applicant
from ..workflow import INVOICE_STATES, Status, TransitionNotAllowed
from .base import ATTACHMENT_KINDS, _lock, _move


@transaction.atomic
def invoice_add(*, actor, application, uploaded_file) -> Attachment:
    """The applicant adds an invoice (factuur) for the granted measures: from the decision
    until BZK approves the account. For the fund that is the officeholder (or the chair acting
    for them with their consent), never a griffier; for a body's grant the griffie. Checked by
    content and rebuilt like every upload (weerbaar.uploads)."""
    application = _lock(application)
    if not is_applicant(actor, application):
        raise PermissionDenied
    if application.status not in INVOICE_STATES:
        raise TransitionNotAllowed(
            _("Facturen kunnen na het besluit, tot BZK de verantwoording heeft goedgekeurd.")
        )
    attachment = Attachment(
        application=application,
        kind=AttachmentKind.INVOICE,
        original_name=display_name(uploaded_file, default="factuur"),
        uploaded_by=actor,
    )
    stored = store_upload(uploaded_file, into=attachment.file, allowed=ATTACHMENT_KINDS)
    attachment.content_type, attachment.size = stored.content_type, stored.size
    attachment.save()
    return attachment


@transaction.atomic
def application_mark_paid(*, actor, application, amount=None):
    """Record the payment of the granted amount (granted / partly granted → paid). From the
    day of payment the account is due within the scheme's `account_period_months`."""
    application = _lock(application)
    if getattr(application, "decision", None) is None:  # found by the form fuzzer: was a 500
        raise TransitionNotAllowed(_("Uitbetalen kan pas na een besluit."))
    application.paid_amount = application.decision.granted_total if amount is None else amount
    if application.paid_amount > application.decision.granted_total:
        raise ValidationError(_("Er kan niet meer worden uitbetaald dan is toegekend."))
    application.account_due_on = add_months(
        timezone.localdate(), application.scheme.account_period_months
    )
    return _move(
        actor=actor,
        application=application,
        to_status=Status.PAID,
        extra_fields=["paid_amount", "account_due_on"],
    )


@transaction.atomic
def account_due_date_move(*, actor, application, due_on, reason):
    """BZK staff move the date by which a paid grant's account is due, with a reason: one
    AccountDueDateChange row and an audit row. Only while the account is awaited (paid); not
    to a day already past. A reminder is sent again for the new date when it nears."""
    if not actor.is_triage_staff:
        raise PermissionDenied
    application = _lock(application)
    if application.status != Status.PAID:
        raise TransitionNotAllowed(
            _("De datum van de verantwoording kan alleen worden verschoven na de uitbetaling.")
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden waarom de datum verschuift.")})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("Kies vandaag of een dag in de toekomst.")})
    change = AccountDueDateChange.objects.create(
        application=application,
        previous_due_on=application.account_due_on,
        due_on=due_on,
        reason=reason.strip(),
        actor=actor,
    )
    application.account_due_on = due_on
    application.save(update_fields=["account_due_on", "updated_at"])
    audit.record(actor=actor, obj=application, action="change", what="account_due_on")
    return change


@transaction.atomic
def account_submit(*, actor, application, what_was_done, actual_costs, lessons):
    """The applicant's account after the measures; again while staff have not approved it
    (which answers a question BZK sent it back with)."""
    application = _lock(application)
    if not is_applicant(actor, application):
        raise PermissionDenied
    if application.status != Status.PAID:
        raise TransitionNotAllowed(_("Een verantwoording kan pas na de uitbetaling."))
    account, _created = Account.objects.update_or_create(
        application=application,
        defaults={
            "what_was_done": what_was_done,
            "actual_costs": actual_costs,
            "lessons": lessons,
            "submitted_by": actor,
            "submitted_at": timezone.now(),
            "returned_at": None,
        },
    )
    return account


@transaction.atomic
def account_return(*, actor, application, question):
    """BZK staff send the account back with a question instead of approving it: one
    AccountQuestion, an audit row and a notice to the applicant (a link only). The applicant
    answers by sending the account in again; until then it cannot be approved."""
    if not actor.is_triage_staff:
        raise PermissionDenied
    application = _lock(application)
    account = Account.objects.select_for_update().filter(application=application).first()
    if application.status != Status.PAID or account is None:
        raise TransitionNotAllowed(_("Er is geen verantwoording om terug te sturen."))
    if account.returned_at is not None:
        raise TransitionNotAllowed(_("De verantwoording is al teruggestuurd met een vraag."))
    if not question.strip():
        raise ValidationError({"question": _("Schrijf de vraag aan de aanvrager.")})
    asked = AccountQuestion.objects.create(
        account=account, question=question.strip(), asked_by=actor
    )
    account.returned_at = asked.asked_at
    account.save(update_fields=["returned_at"])
    audit.record(actor=actor, obj=application, action="change", what="account_returned")
    notices.record_account_returned(application, asked)
    return asked


@transaction.atomic
def account_approve(*, actor, application, reason=""):
    """Staff approve the account: paid → accounted."""
    application = _lock(application)
    account = Account.objects.select_for_update().filter(application=application).first()
    if account is None:
        raise TransitionNotAllowed(_("Er is nog geen verantwoording ingediend."))
    if account.returned_at is not None:
        raise TransitionNotAllowed(
            _("BZK wacht op het antwoord van de aanvrager op de vraag over de verantwoording.")
        )
    _move(actor=actor, application=application, to_status=Status.ACCOUNTED, reason=reason)
    account.approved_by = actor
    account.approved_at = timezone.now()
    account.save(update_fields=["approved_by", "approved_at"])
    return account

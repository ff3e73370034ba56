"""The griffier: drafting, attachments and sending in (with a revision each time)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.uploads import display_name, store_upload

from ..models import (
    ZERO,
    ApplicationRevision,
    Attachment,
    GrantApplication,
    MeasureLine,
    personal_security_kinds,
)
from ..permissions import is_applicant, is_griffier_of, is_officeholder_of
from ..selectors import snapshot, submission_problems
from ..workflow import OPEN, Status, TransitionNotAllowed
from .base import ATTACHMENT_KINDS, CONTENT_FIELDS, _lock, _move


def _may_apply(actor, scheme, body):
    """A griffier of the body applies for a scheme of the griffie; an officeholder of the body,
    and only they, applies for a scheme of officeholders (the security measures fund)."""
    if scheme.is_for_officeholders:
        return is_officeholder_of(actor, body.pk)
    return is_griffier_of(actor, body.pk)


def _check_scheme_open_for(scheme, body):
    if not scheme.is_open():
        raise ValidationError(_("Deze regeling is nu niet open voor aanvragen."))
    if body.kind not in scheme.eligible_body_kinds:
        raise ValidationError(_("Uw overheid kan voor deze regeling geen aanvraag doen."))


ONE_OPEN_REFUSED = gettext_lazy(
    "U heeft al een aanvraag bij het Fonds beveiligingsmaatregelen voor %(body)s waarover nog "
    "geen besluit is genomen. Vul die aanvraag aan of wacht op het besluit; daarna kunt u "
    "opnieuw een aanvraag doen."
)

HOME_MEASURE_REFUSED = gettext_lazy(
    "Maatregelen aan de woning of voor de persoonlijke beveiliging van een ambtsdrager horen niet "
    "in een aanvraag van de griffie. De ambtsdrager vraagt die zelf aan bij het Fonds "
    "beveiligingsmaatregelen, rechtstreeks bij BZK; de griffie en de raad zien die aanvraag niet."
)


def application_start(*, actor, scheme, body):
    """Start a draft for `body` under `scheme`, only while the scheme is open and accepts this
    kind of body. A griffier of the body starts the body's one application of a griffie scheme;
    an officeholder of the body starts their own application to the security measures fund
    (several over time, one undecided at a time per body and scheme: a second one is refused
    with ONE_OPEN_REFUSED), which no griffier ever sees."""
    if not _may_apply(actor, scheme, body):
        raise PermissionDenied
    _check_scheme_open_for(scheme, body)
    personal = scheme.is_for_officeholders
    try:
        with transaction.atomic():
            return GrantApplication.objects.create(
                scheme=scheme,
                body=body,
                created_by=actor,
                applicant=actor if personal else None,
                contact_name=actor.full_name,
                contact_email=actor.email,
            )
    except IntegrityError as error:
        if personal:
            raise ValidationError(str(ONE_OPEN_REFUSED) % {"body": body}) from error
        raise ValidationError(
            _("%(body)s heeft voor deze regeling al een aanvraag.") % {"body": body}
        ) from error


@transaction.atomic
def application_add_suggested_lines(*, actor, scheme, body, lines):
    """Add measure lines (dicts of kind and description, no cost yet) that an officeholder's
    home scan suggests to their own draft application to the security measures fund, starting
    that draft if there is none. The fund goes from the officeholder straight to BZK, so only a
    scheme of officeholders is accepted and the draft is the officeholder's alone: no griffier
    sees it or hears of it. The lines go to the officeholder's undecided application (an
    earlier, decided one stays as it is). Lines already in the draft are not added twice. Returns
    (application, number of lines added)."""
    if not scheme.is_for_officeholders or not is_officeholder_of(actor, body.pk):
        raise PermissionDenied
    _check_scheme_open_for(scheme, body)
    valid_kinds = {code for code, _label in scheme.measure_kinds}
    if any(line["kind"] not in valid_kinds for line in lines):
        raise ValidationError(_("Deze soort maatregel hoort niet bij de regeling."))
    application = (
        GrantApplication.objects.select_for_update()
        .filter(scheme=scheme, body=body, applicant=actor, status__in=OPEN, via_griffie=False)
        .first()
    )
    if application is None:
        application = application_start(actor=actor, scheme=scheme, body=body)
    if not application.is_editable:
        raise ValidationError(
            _(
                "U heeft uw aanvraag voor deze regeling al ingediend. BZK neemt contact met u "
                "op als er iets aangevuld moet worden."
            )
        )
    existing = set(application.lines.values_list("kind", "description"))
    position = application.lines.count()
    added = 0
    for line in lines:
        if (line["kind"], line["description"]) in existing:
            continue
        MeasureLine.objects.create(
            application=application,
            kind=line["kind"],
            description=line["description"],
            cost=ZERO,
            position=position + added,
        )
        added += 1
    application.save(update_fields=["updated_at"])
    return application, added


def _require_editable(actor, application):
    if not is_applicant(actor, application):
        raise PermissionDenied
    if not application.is_editable:
        raise TransitionNotAllowed(_("Deze aanvraag kan nu niet worden gewijzigd."))


@transaction.atomic
def application_save_step(*, actor, application, step, data):
    """Save the fields of one step (only CONTENT_FIELDS) and remember the step reached."""
    application = _lock(application)
    _require_editable(actor, application)
    fields = [name for name in data if name in CONTENT_FIELDS]
    for name in fields:
        setattr(application, name, data[name])
    application.last_step = max(application.last_step, step)
    application.save(update_fields=[*fields, "last_step", "updated_at"])
    return application


@transaction.atomic
def application_save_lines(*, actor, application, step, lines):
    """Replace the measure lines with `lines` (dicts of kind, description, cost) and compute
    the requested total from them."""
    application = _lock(application)
    _require_editable(actor, application)
    scheme = application.scheme
    valid_kinds = {code for code, _label in scheme.measure_kinds}
    if not scheme.is_for_officeholders:
        forbidden = personal_security_kinds()
        if any(line["kind"] in forbidden for line in lines):
            raise ValidationError(str(HOME_MEASURE_REFUSED))
    application.lines.all().delete()
    total = ZERO
    for position, line in enumerate(lines):
        if line["kind"] not in valid_kinds:
            raise ValidationError(_("Deze soort maatregel hoort niet bij de regeling."))
        if line["cost"] < 0:
            raise ValidationError(_("Een bedrag kan niet negatief zijn."))
        MeasureLine.objects.create(
            application=application,
            kind=line["kind"],
            description=line["description"],
            cost=line["cost"],
            position=position,
        )
        total += line["cost"]
    application.requested_total = total
    application.last_step = max(application.last_step, step)
    application.save(update_fields=["requested_total", "last_step", "updated_at"])
    return application


@transaction.atomic
def attachment_add(*, actor, application, kind, uploaded_file):
    """Add a checked upload (PDF, JPEG or PNG) of a kind the scheme takes (a quote, the police's
    or a security adviser's advice for the fund); the portal's rebuilt copy is stored (see
    weerbaar.uploads: images from their pixels only, PDFs rewritten by the parser)."""
    application = _lock(application)
    _require_editable(actor, application)
    if kind not in application.scheme.attachment_kinds:
        raise ValidationError(_("Dit soort bijlage hoort niet bij deze regeling."))
    attachment = Attachment(
        application=application,
        kind=kind,
        original_name=display_name(uploaded_file, default="bijlage"),
        uploaded_by=actor,
    )
    stored = store_upload(uploaded_file, into=attachment.file, allowed=ATTACHMENT_KINDS)
    attachment.content_type, attachment.size = stored.content_type, stored.size
    attachment.save()
    return attachment


@transaction.atomic
def attachment_remove(*, actor, attachment):
    _require_editable(actor, _lock(attachment.application))
    attachment.file.delete(save=False)
    attachment.delete()


@transaction.atomic
def application_submit(*, actor, application):
    """Send the application in (draft → submitted, or after a request for more information
    info_requested → resubmitted). Keeps a revision of what was sent."""
    application = _lock(application)
    target = {
        Status.DRAFT: Status.SUBMITTED,
        Status.INFO_REQUESTED: Status.RESUBMITTED,
    }.get(application.status)
    if target is None or application.is_frozen or not is_applicant(actor, application):
        raise TransitionNotAllowed(_("Deze aanvraag kan nu niet worden ingediend."))
    problems = submission_problems(application)
    if problems:
        raise ValidationError(problems)
    extra = ["submitted_at"]
    application.submitted_at = timezone.now()
    if not application.reference:
        application.reference = (
            f"{application.scheme.reference_prefix}-{timezone.localdate().year}-"
            f"{application.pk:05d}"
        )
        extra.append("reference")
    _move(actor=actor, application=application, to_status=target, extra_fields=extra)
    number = application.revisions.count() + 1
    ApplicationRevision.objects.create(
        application=application, number=number, snapshot=snapshot(application), created_by=actor
    )
    return application

"""The griffier's multi-step application. Every step saves the draft; any step can be resumed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .. import actions, forms, permissions, selectors
from ..models import Attachment, GrantApplication, GrantScheme
from ..workflow import TransitionNotAllowed
from .common import visible_application

STEPS = [
    (1, gettext_lazy("Situatie")),
    (2, gettext_lazy("Maatregelen en kosten")),
    (3, gettext_lazy("Planning en financiering")),
    (4, gettext_lazy("Contactpersoon")),
    (5, gettext_lazy("Bijlagen")),
    (6, gettext_lazy("Controleren en indienen")),
]
LAST_STEP = len(STEPS)

STEP_FORMS = {1: forms.SituationForm, 3: forms.PlanningForm, 4: forms.ContactForm}


@login_required
@require_http_methods(["GET", "POST"])
def application_start(request):
    offers = selectors.schemes_to_apply_for(request.user)
    if not (offers or request.user.is_griffier or request.user.is_officeholder):
        raise Http404
    if request.method == "POST":
        scheme = get_object_or_404(GrantScheme, pk=_posted_id(request, "scheme"))
        form = forms.StartForm(request.POST, user=request.user, scheme=scheme)
        if form.is_valid():
            try:
                application = actions.application_start(
                    actor=request.user, scheme=scheme, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                existing = selectors.existing_application(
                    request.user, scheme=scheme, body=form.cleaned_data["body"]
                )
                if existing is None:
                    messages.error(request, " ".join(error.messages))
                    return redirect("subsidies:start")
                # Not a dead end: the one application there may be is shown instead.
                if scheme.is_for_officeholders:
                    messages.info(request, " ".join(error.messages))
                else:
                    messages.info(
                        request,
                        _(
                            "Voor %(body)s is al een aanvraag voor %(scheme)s. Er kan er maar "
                            "één zijn; u ziet hier de bestaande aanvraag."
                        )
                        % {"body": existing.body, "scheme": scheme},
                    )
                return redirect("subsidies:detail", pk=existing.pk)
            except PermissionDenied:
                messages.error(request, _("U kunt voor deze regeling geen aanvraag doen."))
                return redirect("subsidies:start")
            messages.success(request, _("Uw aanvraag is aangemaakt als concept."))
            return redirect("subsidies:step", pk=application.pk, step=1)
        messages.error(request, _("U kunt voor deze regeling geen aanvraag doen."))
        return redirect("subsidies:start")
    existing = list(
        GrantApplication.objects.visible_to(request.user).select_related("scheme", "body")
    )
    return render(
        request,
        "subsidies/start.html",
        {
            "offers": offers,
            "existing": existing,
            "may_apply_on_behalf": bool(selectors.on_behalf_schemes(request.user)),
        },
    )


def _posted_id(request, name):
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return int(value)


def _progress(application, current):
    return [
        {
            "number": number,
            "title": title,
            "current": number == current,
            "done": number <= application.last_step,
        }
        for number, title in STEPS
    ]


@login_required
@require_http_methods(["GET", "POST"])
def application_step(request, pk, step):
    application = visible_application(request, pk)
    if not permissions.is_applicant(request.user, application) or not 1 <= step <= LAST_STEP:
        raise Http404
    if not application.is_editable:
        messages.info(request, _("Deze aanvraag is ingediend en kan nu niet worden gewijzigd."))
        return redirect("subsidies:detail", pk=application.pk)
    context = {
        "application": application,
        "step": step,
        "step_title": dict(STEPS)[step],
        "progress": _progress(application, step),
        "last_step": LAST_STEP,
    }
    try:
        if step in STEP_FORMS:
            response = _field_step(request, application, step, context)
        elif step == 2:
            response = _lines_step(request, application, context)
        elif step == 5:
            response = _attachments_step(request, application, context)
        else:
            response = _submit_step(request, application, context)
    except PermissionDenied as error:
        raise Http404 from error
    # A TransitionNotAllowed from the other steps (the application was sent in from another tab
    # meanwhile) reaches weerbaar.request_guards.StaleStateMiddleware: a 409 with the typed text.
    return response or render(request, f"subsidies/steps/step{step}.html", context)


def _after_save(request, application, step):
    if "later" in request.POST:
        messages.success(
            request, _("Uw concept is opgeslagen. U kunt later verder gaan waar u was.")
        )
        return redirect("subsidies:detail", pk=application.pk)
    messages.success(request, _("Stap %(step)s is opgeslagen.") % {"step": step})
    return redirect("subsidies:step", pk=application.pk, step=min(step + 1, LAST_STEP))


def _field_step(request, application, step, context):
    form_class = STEP_FORMS[step]
    initial = {name: getattr(application, name) for name in form_class.base_fields}
    form = form_class(request.POST or None, initial=initial)
    if step == 1 and application.scheme.is_for_officeholders:
        form.fields["current_situation"].label = _("Wat is uw situatie nu?")
        form.fields["current_situation"].help_text = _(
            "Bijvoorbeeld waarom u maatregelen bij uw woning of voor uzelf nodig heeft."
        )
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        actions.application_save_step(
            actor=request.user, application=application, step=step, data=form.cleaned_data
        )
        return _after_save(request, application, step)
    return None


def _lines_step(request, application, context):
    scheme = application.scheme
    initial = [
        {"kind": line.kind, "description": line.description, "cost": line.cost}
        for line in application.lines.all()
    ]
    formset = forms.MeasureLineFormSet(
        request.POST or None, initial=initial, form_kwargs={"scheme": scheme}, prefix="regels"
    )
    context.update({"formset": formset, "scheme": scheme})
    if request.method == "POST" and formset.is_valid():
        lines = formset.lines()
        actions.application_save_lines(
            actor=request.user, application=application, step=2, lines=lines
        )
        if "more" in request.POST:
            messages.success(request, _("Opgeslagen. Er zijn lege regels bijgekomen."))
            return redirect("subsidies:step", pk=application.pk, step=2)
        return _after_save(request, application, 2)
    return None


def _attachments_step(request, application, context):
    form = forms.AttachmentForm(scheme=application.scheme)
    if request.method == "POST" and "remove" in request.POST:
        attachment = get_object_or_404(
            Attachment, pk=_posted_id(request, "remove"), application=application
        )
        actions.attachment_remove(actor=request.user, attachment=attachment)
        messages.success(request, _("De bijlage is verwijderd."))
        return redirect("subsidies:step", pk=application.pk, step=5)
    if request.method == "POST" and "upload" in request.POST:
        form = forms.AttachmentForm(request.POST, request.FILES, scheme=application.scheme)
        if form.is_valid():
            try:
                actions.attachment_add(
                    actor=request.user,
                    application=application,
                    kind=form.cleaned_data["kind"],
                    uploaded_file=form.cleaned_data["file"],
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("De bijlage is toegevoegd."))
                return redirect("subsidies:step", pk=application.pk, step=5)
    elif request.method == "POST":
        actions.application_save_step(actor=request.user, application=application, step=5, data={})
        return _after_save(request, application, 5)
    context.update(
        {
            "form": form,
            "attachments": list(application.attachments.all()),
            "required": selectors.scheme_attachment_labels(application.scheme),
        }
    )
    return None


def _submit_step(request, application, context):
    if request.method == "POST":
        try:
            actions.application_submit(actor=request.user, application=application)
        except ValidationError as error:
            context["problems"] = error.messages
        except TransitionNotAllowed:
            # A second click, or a colleague, sent it in a moment earlier: it is in.
            application.refresh_from_db()
            if application.is_editable:
                raise
            messages.info(request, _("Deze aanvraag is al ingediend. U ziet hier de status."))
            return redirect("subsidies:detail", pk=application.pk)
        else:
            messages.success(
                request,
                _("Uw aanvraag is ingediend. U ziet hier steeds de status."),
            )
            return redirect("subsidies:detail", pk=application.pk)
    else:
        context["problems"] = selectors.submission_problems(application)
    context.update(
        {"lines": list(application.lines.all()), "attachments": list(application.attachments.all())}
    )
    return None

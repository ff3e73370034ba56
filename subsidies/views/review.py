"""Staff: review, decision, payment, approval of accounts, budget overview, CSV export.
The griffier's account form lives here too, as it follows the payment."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import actions, forms, selectors, workflow
from ..workflow import Status, TransitionNotAllowed
from .common import detail_page, visible_application


def _staff_application(request, pk):
    application = visible_application(request, pk)
    if not request.user.is_triage_staff:
        raise Http404
    return application


def _refused(request, application, error):
    if isinstance(error, ValidationError):
        messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, str(error) or _("Dit kan nu niet."))
    return redirect("subsidies:detail", pk=application.pk)


@login_required
@require_POST
def transition(request, pk):
    application = _staff_application(request, pk)
    form = forms.TransitionForm(request.POST)
    target = request.POST.get("to")
    if target not in Status.values or not form.is_valid():
        raise Http404
    try:
        actions.application_transition(
            actor=request.user,
            application=application,
            to_status=target,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        if target not in workflow.NEEDS_REASON:
            return _refused(request, application, error)
        # Asked for more information without saying which: the reason field needs it.
        form.add_error("reason", error)
        return detail_page(request, application.pk, transition_form=form)
    except TransitionNotAllowed as error:
        return _refused(request, application, error)
    messages.success(request, _("De status is nu: %(status)s.") % {"status": Status(target).label})
    return redirect("subsidies:detail", pk=application.pk)


@login_required
@require_POST
def assess(request, pk):
    application = _staff_application(request, pk)
    form = forms.AssessmentForm(request.POST)
    if not form.is_valid():
        return detail_page(request, application.pk, assessment_form=form)
    try:
        actions.assessment_record(actor=request.user, application=application, **form.cleaned_data)
    except TransitionNotAllowed as error:
        return _refused(request, application, error)
    messages.success(
        request, _("Uw beoordeling is vastgelegd. Een collega neemt het besluit (vier ogen).")
    )
    return redirect("subsidies:detail", pk=application.pk)


@login_required
@require_http_methods(["GET", "POST"])
def decide(request, pk):
    """Fill in the decision → see the letter ("Beschikking versturen?") → confirm. Only the
    confirmation of the previewed letter records the decision and sends it; "back to edit"
    keeps what was filled in; the preview can be downloaded as a PDF marked as a preview."""
    application = _staff_application(request, pk)
    lines = list(application.lines.all())
    form = forms.DecisionForm(request.POST or None, lines=lines)
    context = {"application": application, "form": form, "lines": lines}
    if request.method != "POST" or "edit" in request.POST or not form.is_valid():
        return render(request, "subsidies/decide.html", context)
    fields = {
        "outcome": form.cleaned_data["outcome"],
        "amounts": form.amounts(),
        "conditions": form.cleaned_data["conditions"],
        "explanation": form.cleaned_data["explanation"],
        "effective_date": form.cleaned_data["effective_date"],
    }
    if "confirm" in request.POST:
        try:
            actions.application_decide_and_send(
                actor=request.user,
                application=application,
                previewed_token=request.POST.get("preview_token", ""),
                **fields,
            )
        except actions.StalePreview as error:
            messages.warning(request, " ".join(error.messages))
        except (TransitionNotAllowed, ValidationError) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
            return render(request, "subsidies/decide.html", context)
        else:
            messages.success(
                request,
                _("Het besluit is vastgelegd en de beschikking is verstuurd naar de aanvrager."),
            )
            return redirect("subsidies:detail", pk=application.pk)
    try:
        preview = actions.decision_preview(actor=request.user, application=application, **fields)
    except (TransitionNotAllowed, ValidationError) as error:
        form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        return render(request, "subsidies/decide.html", context)
    if "pdf" in request.POST:
        response = HttpResponse(preview.pdf(), content_type="application/pdf")
        name = f"voorbeeld-beschikking-{application.reference}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store"
        return response
    # The letter's HTML comes from an autoescaping template (a SafeString): user text in it
    # is escaped there, as in the PDF.
    context.update(
        {
            "letter_preview": preview,
            "letter": preview.body_html,
            "decided_lines": [(line, preview.granted.get(line.pk, 0)) for line in lines],
        }
    )
    return render(request, "subsidies/decide_preview.html", context)


@login_required
@require_POST
def pay(request, pk):
    application = _staff_application(request, pk)
    form = forms.PaymentForm(request.POST)
    if form.is_valid():
        try:
            actions.application_mark_paid(
                actor=request.user, application=application, amount=form.cleaned_data["amount"]
            )
        except TransitionNotAllowed as error:
            return _refused(request, application, error)
        except ValidationError as error:
            # More than was granted: the amount is what needs changing.
            form.add_error("amount", error)
        else:
            messages.success(request, _("De uitbetaling is vastgelegd."))
            return redirect("subsidies:detail", pk=application.pk)
    return detail_page(request, application.pk, payment_form=form)


@login_required
@require_POST
def account(request, pk):
    application = visible_application(request, pk)
    form = forms.AccountForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "subsidies/account_form.html",
            {"application": application, "form": form},
            status=400,
        )
    try:
        actions.account_submit(actor=request.user, application=application, **form.cleaned_data)
    except PermissionDenied as error:
        raise Http404 from error
    except TransitionNotAllowed as error:
        return _refused(request, application, error)
    messages.success(request, _("Uw verantwoording is ingediend. BZK beoordeelt die."))
    return redirect("subsidies:detail", pk=application.pk)


@login_required
@require_POST
def invoice(request, pk):
    """The applicant adds an invoice after the decision (never a griffier of a fund
    application: they cannot see it, a 404)."""
    application = visible_application(request, pk)
    form = forms.InvoiceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.invoice_add(
                actor=request.user, application=application, uploaded_file=form.cleaned_data["file"]
            )
        except PermissionDenied as error:
            raise Http404 from error
        except TransitionNotAllowed as error:
            return _refused(request, application, error)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("De factuur is toegevoegd."))
            return redirect("subsidies:detail", pk=application.pk)
    return detail_page(request, application.pk, invoice_form=form)


@login_required
@require_POST
def account_approve(request, pk):
    application = _staff_application(request, pk)
    try:
        actions.account_approve(actor=request.user, application=application)
    except TransitionNotAllowed as error:
        return _refused(request, application, error)
    messages.success(request, _("De verantwoording is goedgekeurd."))
    return redirect("subsidies:detail", pk=application.pk)


@login_required
@require_POST
def account_return(request, pk):
    """Staff send the account back with a question; the applicant is told (a link only)."""
    application = _staff_application(request, pk)
    form = forms.AccountReturnForm(request.POST)
    if form.is_valid():
        try:
            actions.account_return(actor=request.user, application=application, **form.cleaned_data)
        except TransitionNotAllowed as error:
            return _refused(request, application, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De verantwoording is teruggestuurd. De aanvrager krijgt een bericht."),
            )
            return redirect("subsidies:detail", pk=application.pk)
    return detail_page(request, application.pk, return_form=form)


@login_required
@require_POST
def account_due_date(request, pk):
    """Staff move the date by which the account is due, with a reason."""
    application = _staff_application(request, pk)
    form = forms.AccountDueDateForm(request.POST)
    if form.is_valid():
        try:
            actions.account_due_date_move(
                actor=request.user, application=application, **form.cleaned_data
            )
        except TransitionNotAllowed as error:
            return _refused(request, application, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De verantwoording moet nu uiterlijk %(date)s binnen zijn.")
                % {"date": date_format(form.cleaned_data["due_on"], "j F Y")},
            )
            return redirect("subsidies:detail", pk=application.pk)
    return detail_page(request, application.pk, due_date_form=form)


@login_required
def budget_overview(request):
    if not request.user.is_triage_staff:
        raise Http404
    return render(request, "subsidies/budget.html", {"rows": selectors.budget_overview()})


@login_required
def export_csv(request):
    if not request.user.is_triage_staff:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="subsidieaanvragen-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(selectors.EXPORT_HEADER)
    writer.writerows(selectors.export_rows(request.user))
    return response

"""Views every party uses: the list, the detail page, attachments and the decision letter."""

import io

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from notifications.selectors import notifications_about
from weerbaar.uploads import read_stored

from .. import forms, selectors, workflow
from ..actions import application_read_record
from ..models import Attachment, GrantApplication
from ..permissions import is_applicant, is_applicant_in_person, may_read_letter
from ..workflow import Status

PAGE_SIZE = 50


def visible_application(request, pk, *, audit=None):
    """The application, or a 404 for anyone who may not see it. With `audit`, a read by
    anyone but the applicant (the body's griffie, or the officeholder) leaves an audit row."""
    application = get_object_or_404(
        GrantApplication.objects.visible_to(request.user).select_related(
            "scheme", "body", "created_by", "applicant", "on_behalf_by"
        ),
        pk=pk,
    )
    if audit:
        application_read_record(
            reader=request.user, application=application, what=audit, request=request
        )
    return application


def require_subsidy_user(request):
    user = request.user
    if not (user.is_triage_staff or user.is_griffier or user.is_officeholder):
        raise Http404


@login_required
def application_list(request):
    require_subsidy_user(request)
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    account = request.GET.get("verantwoording", "")
    if account not in dict(selectors.ACCOUNT_FILTERS):
        account = ""
    page = Paginator(
        selectors.applications_for(request.user, status=status, account=account), PAGE_SIZE
    ).get_page(request.GET.get("pagina"))
    return render(
        request,
        "subsidies/application_list.html",
        {
            "applications": page.object_list,
            "page": page,
            "statuses": Status.choices,
            "status": status,
            "account_filters": selectors.ACCOUNT_FILTERS,
            "account_filter": account,
            "is_staff": request.user.is_triage_staff,
        },
    )


@login_required
def detail(request, pk):
    return detail_page(request, pk)


def detail_page(
    request,
    pk,
    *,
    assessment_form=None,
    payment_form=None,
    transition_form=None,
    due_date_form=None,
    return_form=None,
    invoice_form=None,
):
    """The application page; `assessment_form`, `payment_form`, `transition_form` (a request
    for more information without its reason), `due_date_form` or `return_form` is a staff
    member's form that did not validate, shown again with its errors at the fields (400)."""
    bound = (
        assessment_form,
        payment_form,
        transition_form,
        due_date_form,
        return_form,
        invoice_form,
    )
    application = visible_application(request, pk, audit="detail")
    user = request.user
    applicant = is_applicant(user, application)
    is_staff = user.is_triage_staff
    decision = getattr(application, "decision", None)
    account = getattr(application, "account", None)
    lines = list(application.lines.all())
    context = {
        "application": application,
        "lines": lines,
        "attachments": list(application.attachments.all()),
        "events": list(application.events.select_related("actor")),
        "decision": decision,
        "granted_measures": list(decision.measures.select_related("line")) if decision else [],
        "account": account,
        "account_questions": list(account.questions.all()) if account else [],
        "is_applicant": applicant,
        "is_staff": is_staff,
        "in_person": is_applicant_in_person(user, application),
        "may_read_letter": may_read_letter(user, application),
    }
    if applicant and application.is_editable:
        context["problems"] = selectors.submission_problems(application)
        context["resume_step"] = min(application.last_step + 1, 6)
    if applicant and application.status in workflow.INVOICE_STATES:
        context["invoice_form"] = invoice_form or forms.InvoiceForm()
    if applicant and application.status == Status.PAID:
        account = context["account"]
        context["account_form"] = forms.AccountForm(
            initial={
                "what_was_done": account.what_was_done,
                "actual_costs": account.actual_costs,
                "lessons": account.lessons,
            }
            if account
            else None
        )
        if application.scheme.is_for_officeholders:
            context["account_form"].fields["lessons"].help_text = _(
                "Dit blijft tussen u en BZK en wordt niet gedeeld."
            )
    if is_staff:
        history, revisions = selectors.revision_history(application)
        assessments = list(application.assessments.select_related("reviewer"))
        context.update(
            {
                "revision_history": history,
                "revisions": revisions,
                "assessments": assessments,
                "transition_form": transition_form or forms.TransitionForm(),
                "staff_moves": staff_moves(application),
                "practice_possible": not application.scheme.is_for_officeholders
                and selectors.practice_possible(application),
                "notifications": notifications_about(application),
            }
        )
        if application.status == Status.IN_REVIEW:
            context["assessment_form"] = assessment_form or forms.AssessmentForm()
            reviewers = {assessment.reviewer_id for assessment in assessments}
            context["reviewed_by_me"] = user.pk in reviewers
            if user.pk in reviewers:
                context["no_second_person"] = not selectors.other_deciders_exist(user)
            if assessments and user.pk not in reviewers:
                context["decision_form"] = forms.DecisionForm(lines=lines)
        if application.status == Status.PAID and account and account.returned_at is None:
            context["return_form"] = return_form or forms.AccountReturnForm()
        if application.status == Status.PAID:
            context["due_date_form"] = due_date_form or forms.AccountDueDateForm(
                initial={"due_on": application.account_due_on}
            )
            context["due_date_changes"] = list(application.due_date_changes.select_related("actor"))
        if application.status in (Status.GRANTED, Status.PARTLY_GRANTED):
            context["payment_form"] = payment_form or forms.PaymentForm(
                initial={"amount": decision.granted_total}
            )
    status = 400 if any(form is not None for form in bound) else 200
    return render(request, "subsidies/detail.html", context, status=status)


def staff_moves(application):
    """The plain status buttons staff get on the detail page: the staff moves of the table in
    workflow.py, except those made through their own form. Each as (target, label, whether a
    reason is asked)."""
    labels = {
        Status.IN_REVIEW: _("Beoordeling hervatten")
        if application.status == Status.RESUBMITTED
        else _("Beoordeling starten"),
        Status.INFO_REQUESTED: _("Aanvulling vragen"),
        Status.CLOSED: _("Afsluiten"),
    }
    return [
        (target, labels.get(target, Status(target).label), target in workflow.NEEDS_REASON)
        for target in workflow.allowed_targets(application.status, workflow.STAFF)
        if target not in workflow.BY_FORM
    ]


def _attachment_response(file_field, content_type, download_name):
    response = FileResponse(
        io.BytesIO(read_stored(file_field)),
        as_attachment=True,
        filename=download_name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@login_required
def attachment_download(request, pk, attachment_pk):
    application = visible_application(request, pk, audit="attachment")
    attachment = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    name = (
        f"{attachment.get_kind_display()}-{attachment.pk}.{attachment.file.name.rsplit('.', 1)[-1]}"
    )
    return _attachment_response(attachment.file, attachment.content_type, name)


@login_required
def decision_letter(request, pk):
    application = visible_application(request, pk)
    # The letter goes to the applicant only: not to a chair who applied on their behalf.
    if not may_read_letter(request.user, application):
        raise Http404
    application_read_record(
        reader=request.user, application=application, what="letter", request=request
    )
    decision = getattr(application, "decision", None)
    if decision is None or not decision.is_sent or not decision.letter:
        raise Http404
    return _attachment_response(
        decision.letter, "application/pdf", f"beschikking-{application.reference}.pdf"
    )

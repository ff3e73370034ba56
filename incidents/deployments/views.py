"""Thin views: form → action → message → redirect. What someone may not see is a 404."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import audit

from .. import actions as case_actions
from ..models import Incident
from ..workflow import Status, TransitionNotAllowed
from . import actions, forms, selectors
from .models import PreparationStatus

RECORD_FIELDS = ("kind", "place", "starts_at", "ends_at", "what_was_done", "outcome", "agreements")


def _refused(form, error):
    if isinstance(error, ValidationError):
        for text in error.messages:
            form.add_error(None, text)
    else:
        form.add_error(None, str(error) or _("Dit kan nu niet."))


def _case(request, pk):
    incident = get_object_or_404(
        Incident.objects.visible_to(request.user).exclude(status=Status.DRAFT), pk=pk
    )
    if incident.reporter_id == request.user.pk:
        raise Http404  # the reporter's own case: records are for staff and the team
    return incident


@login_required
def case_records(request, pk):
    """The deployment records of a case: staff and the members deployed on it."""
    incident = _case(request, pk)
    case_actions.case_read_record(reader=request.user, incident=incident, what="deployments")
    return render(
        request,
        "deployments/case_records.html",
        {
            "incident": incident,
            "records": selectors.case_records(request.user, incident),
            "may_edit": selectors.may_edit(request.user, incident=incident),
        },
    )


def _record_form_page(request, *, form, title, back, incident=None, preparation=None, record=None):
    return render(
        request,
        "deployments/deployment_form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "incident": incident,
            "preparation": preparation,
            "record": record,
        },
    )


def _create(request, *, incident=None, preparation=None, back):
    form = forms.DeploymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in RECORD_FIELDS}
        try:
            record = actions.deployment_create(
                actor=request.user,
                incident=incident,
                preparation=preparation,
                data=data,
                members=list(form.cleaned_data["members"]),
            )
        except PermissionDenied as error:
            raise Http404 from error
        except (TransitionNotAllowed, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(request, _("De inzet is vastgelegd."))
            return redirect("deployments:detail", deployment_pk=record.pk)
    return _record_form_page(
        request,
        form=form,
        title=_("Inzet vastleggen"),
        back=back,
        incident=incident,
        preparation=preparation,
    )


@login_required
def create_for_case(request, pk):
    incident = _case(request, pk)
    if not selectors.may_edit(request.user, incident=incident):
        raise Http404
    return _create(request, incident=incident, back=incident)


@login_required
def create_for_preparation(request, preparation_pk):
    if not selectors.may_edit(request.user):
        raise Http404
    preparation = get_object_or_404(
        selectors.preparations_visible_to(request.user), pk=preparation_pk
    )
    return _create(request, preparation=preparation, back=preparation)


def _visible_record(request, deployment_pk):
    record = get_object_or_404(
        selectors.deployments_visible_to(request.user).select_related(
            "incident", "preparation", "preparation__body"
        ),
        pk=deployment_pk,
    )
    if record.incident is not None and record.incident.reporter_id == request.user.pk:
        raise Http404  # a case handler's own report: its records are not theirs to read
    return record


@login_required
def detail(request, deployment_pk):
    record = _visible_record(request, deployment_pk)
    if record.incident is not None:
        case_actions.case_read_record(
            reader=request.user, incident=record.incident, what="deployment"
        )
    else:
        audit.record(actor=request.user, obj=record, what="deployment")
    return render(
        request,
        "deployments/deployment_detail.html",
        {
            "record": record,
            "members": list(record.members.order_by("full_name", "email")),
            "may_edit": selectors.may_edit(request.user, incident=record.incident),
        },
    )


@login_required
def edit(request, deployment_pk):
    record = _visible_record(request, deployment_pk)
    if not selectors.may_edit(request.user, incident=record.incident):
        raise Http404
    present = list(record.members.all())
    initial = {name: getattr(record, name) for name in RECORD_FIELDS}
    if request.method == "POST":
        form = forms.DeploymentForm(request.POST, present=present)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in RECORD_FIELDS}
            try:
                actions.deployment_update(
                    actor=request.user,
                    deployment=record,
                    data=data,
                    members=list(form.cleaned_data["members"]),
                )
            except PermissionDenied as error:
                raise Http404 from error
            except (TransitionNotAllowed, ValidationError) as error:
                _refused(form, error)
            else:
                messages.success(request, _("De inzet is bijgewerkt."))
                return redirect("deployments:detail", deployment_pk=record.pk)
    else:
        form = forms.DeploymentForm(initial=initial, present=present)
    return _record_form_page(
        request,
        form=form,
        title=_("Inzet bijwerken"),
        back=record.incident or record.preparation,
        incident=record.incident,
        preparation=record.preparation,
        record=record,
    )


@login_required
def member_remove(request, deployment_pk):
    """Staff take a member off a deployment record (a confirmation first): on a case the
    member loses the case at once."""
    record = _visible_record(request, deployment_pk)
    if not selectors.may_edit(request.user, incident=record.incident):
        raise Http404
    initial = {}
    chosen = request.GET.get("lid", "")
    if chosen.isdigit():
        initial["member"] = record.members.filter(pk=int(chosen)).first()
    form = forms.MemberRemoveForm(request.POST or None, record=record, initial=initial)
    if request.method == "POST" and form.is_valid():
        member = form.cleaned_data["member"]
        try:
            actions.deployment_member_remove(actor=request.user, deployment=record, member=member)
        except PermissionDenied as error:
            raise Http404 from error
        except (TransitionNotAllowed, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is teruggetrokken van deze inzet.")
                % {"name": member.get_full_name() or member.email},
            )
            return redirect("deployments:detail", deployment_pk=record.pk)
    return render(request, "deployments/member_remove.html", {"form": form, "record": record})


# --- preparation support -----------------------------------------------------------------------


@login_required
def preparations(request):
    user = request.user
    if not (
        user.is_officeholder or user.is_griffier or user.is_triage_staff or user.is_support_team
    ):
        raise Http404
    may_request = selectors.may_request_preparation(user)
    items = list(
        selectors.preparations_visible_to(user)
        .select_related("body")
        .order_by("-meeting_starts_at", "-pk")
    )
    return render(
        request,
        "deployments/preparation_list.html",
        {"preparations": items, "may_request": may_request},
    )


@login_required
def preparation_start(request):
    if not selectors.may_request_preparation(request.user):
        raise Http404
    form = forms.PreparationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            preparation = actions.preparation_request(actor=request.user, data=form.cleaned_data)
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                _("Uw verzoek is verstuurd. Een medewerker van BZK neemt contact met u op."),
            )
            return redirect("deployments:preparation", preparation_pk=preparation.pk)
    return render(
        request,
        "deployments/preparation_form.html",
        {"form": form, "body": selectors.requester_body(request.user)},
    )


def _preparation(request, preparation_pk):
    preparation = get_object_or_404(
        selectors.preparations_visible_to(request.user).select_related("body", "requester"),
        pk=preparation_pk,
    )
    if preparation.requester_id != request.user.pk:
        audit.record(actor=request.user, obj=preparation, what="preparation")
    return preparation


@login_required
def preparation(request, preparation_pk):
    item = _preparation(request, preparation_pk)
    is_staff = selectors.may_edit(request.user)
    is_requester = item.requester_id == request.user.pk
    # The requester learns who comes and when (without the record's own page).
    records = list(
        (item.deployments.all() if is_requester else selectors.deployments_visible_to(request.user))
        .filter(preparation=item)
        .prefetch_related("members")
    )
    return render(
        request,
        "deployments/preparation_detail.html",
        {
            "preparation": item,
            "records": records,
            "is_staff": is_staff,
            "is_requester": is_requester,
            "meeting_passed": item.meeting_starts_at <= timezone.now(),
            "done": item.status == PreparationStatus.DONE,
            "consent_form": forms.PracticeConsentForm() if is_requester else None,
            "practice_drafted": (is_staff or is_requester)
            and item.status == PreparationStatus.DONE
            and selectors.practice_drafted(item),
        },
    )


@login_required
@require_POST
def practice_consent(request, preparation_pk):
    """The requester answers whether BZK may make a practice example of what happened."""
    item = get_object_or_404(
        selectors.preparations_visible_to(request.user).filter(requester=request.user),
        pk=preparation_pk,
    )
    form = forms.PracticeConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies ja of nee."))
        return redirect("deployments:preparation", preparation_pk=item.pk)
    given = form.cleaned_data["answer"] == "yes"
    try:
        actions.preparation_practice_consent_set(actor=request.user, preparation=item, given=given)
    except PermissionDenied as error:
        raise Http404 from error
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Dank u. BZK mag hier een praktijkvoorbeeld van maken, zonder namen.")
            if given
            else _("Dank u. BZK maakt hier geen praktijkvoorbeeld van."),
        )
    return redirect("deployments:preparation", preparation_pk=item.pk)


def _preparation_step(request, preparation_pk, *, form_class, action, done, title, button):
    """Staff's step on a preparation (plan it, record what happened): the form starts from the
    preparation's current text, `action` is the workflow step, `done` the message after it."""
    if not selectors.may_edit(request.user):
        raise Http404
    item = _preparation(request, preparation_pk)
    initial = {name: getattr(item, name) for name in form_class.base_fields}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action(actor=request.user, preparation=item, **form.cleaned_data)
        except PermissionDenied as error:
            raise Http404 from error
        except (TransitionNotAllowed, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(request, done)
            return redirect("deployments:preparation", preparation_pk=item.pk)
    return render(
        request,
        "deployments/preparation_step.html",
        {"form": form, "preparation": item, "title": title, "button": button},
    )


@login_required
def preparation_plan(request, preparation_pk):
    return _preparation_step(
        request,
        preparation_pk,
        form_class=forms.PreparationPlanForm,
        action=actions.preparation_plan,
        done=_("De voorbereiding is gepland."),
        title=_("Voorbereiding plannen"),
        button=_("Planning opslaan"),
    )


@login_required
def preparation_outcome(request, preparation_pk):
    return _preparation_step(
        request,
        preparation_pk,
        form_class=forms.PreparationOutcomeForm,
        action=actions.preparation_close,
        done=_("De afloop is vastgelegd."),
        title=_("Afloop vastleggen"),
        button=_("Afloop opslaan"),
    )


@login_required
def calendar(request):
    """Deployments and preparation meetings per week of a month: staff all, a team member
    their own."""
    user = request.user
    if not (user.is_triage_staff or user.is_support_team):
        raise Http404
    today = timezone.localdate()
    first = selectors.month_start(request.GET.get("maand"), today=today)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return render(
        request,
        "deployments/calendar.html",
        {
            "weeks": selectors.calendar(user, first=first),
            "month": first,
            "previous": previous,
            "following": following,
            "is_staff": user.is_triage_staff,
        },
    )

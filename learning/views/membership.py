"""The network's home, joining it, BZK's decisions, the list of participants and the
griffier's page for the people of their body. Nothing is public: who takes no part gets a 404
(or, when they may ask to join, the join page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from government.models import GovernmentBody

from .. import actions, forms, permissions, selectors
from ..models import NetworkMember, Participant, ParticipationRequest, RequestStatus, Via
from ..workflow import TransitionNotAllowed


def _participant_or_404(request):
    if not permissions.takes_part(request.user):
        raise Http404


def _host_or_404(request):
    if not permissions.may_host(request.user):
        raise Http404


@login_required
@require_GET
def home(request):
    if not permissions.takes_part(request.user):
        if permissions.may_request(request.user):
            return redirect("learning:join")
        raise Http404
    seat = selectors.seat_of(request.user)
    upcoming, _past = selectors.meetings_overview(request.user, upcoming_limit=3)
    return render(
        request,
        "learning/home.html",
        {
            "seat": seat,
            "participants": selectors.participants(),
            "upcoming": upcoming,
            "managed_bodies": GovernmentBody.objects.filter(pk__in=seat.managed_body_ids),
            "pending_count": (
                ParticipationRequest.objects.filter(status=RequestStatus.PENDING).count()
                if seat.is_host
                else 0
            ),
        },
    )


@login_required
def join(request):
    user = request.user
    if not permissions.may_request(user):
        raise Http404
    bodies = permissions.bodies_to_request_for(user)
    organisations = permissions.organisations_to_request_for(user)
    form = forms.JoinForm(request.POST or None, bodies=bodies, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            actions.participation_request_submit(
                actor=user, motivation=form.cleaned_data["motivation"], **form.chosen()
            )
        except actions.AlreadyParticipating:
            messages.info(request, _("U neemt hier al aan deel: u hoeft niets aan te vragen."))
        except actions.AlreadyRequested:
            messages.info(
                request,
                _("Er wacht al een aanvraag voor deze deelnemer op een besluit van BZK."),
            )
        else:
            messages.success(
                request,
                _("Uw aanvraag is verstuurd. U krijgt bericht zodra BZK heeft besloten."),
            )
        return redirect("learning:join")
    return render(
        request,
        "learning/join.html",
        {
            "form": form,
            "my_requests": list(selectors.requests_of(user)),
            "takes_part": permissions.takes_part(user),
            "statuses": RequestStatus,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def withdraw(request, pk):
    participation_request = get_object_or_404(
        ParticipationRequest, pk=pk, requested_by=request.user
    )
    try:
        actions.participation_request_withdraw(actor=request.user, request=participation_request)
    except TransitionNotAllowed:
        messages.error(request, _("Over deze aanvraag is al besloten."))
    else:
        messages.success(request, _("Uw aanvraag is ingetrokken."))
    return redirect("learning:join")


@login_required
@require_GET
def requests(request):
    _host_or_404(request)
    return render(
        request,
        "learning/requests.html",
        {"pending": list(selectors.pending_requests()), "form": forms.DecisionForm()},
    )


@login_required
def decide(request, pk):
    _host_or_404(request)
    participation_request = get_object_or_404(
        ParticipationRequest.objects.select_related("body", "organisation", "requested_by"),
        pk=pk,
    )
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decide_with = (
            actions.participation_request_approve
            if form.cleaned_data["decision"] == form.APPROVE
            else actions.participation_request_refuse
        )
        try:
            decide_with(
                actor=request.user,
                request=participation_request,
                reason=form.cleaned_data["reason"],
            )
        except TransitionNotAllowed:
            messages.error(request, _("Over deze aanvraag is al besloten."))
        else:
            messages.success(request, _("Het besluit is opgeslagen; de aanvrager krijgt bericht."))
        return redirect("learning:requests")
    return render(
        request,
        "learning/decide.html",
        {"participation_request": participation_request, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def participants(request):
    _participant_or_404(request)
    is_host = permissions.may_host(request.user)
    form = (
        forms.ParticipantAddForm(request.POST if request.method == "POST" else None)
        if is_host
        else None
    )
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                actions.participant_add(
                    actor=request.user,
                    body=form.cleaned_data["body"],
                    organisation=form.cleaned_data["organisation"],
                )
            except actions.AlreadyParticipating:
                messages.info(request, _("Deze deelnemer neemt al deel."))
            else:
                messages.success(request, _("De deelnemer is toegevoegd."))
            return redirect("learning:participants")
    rows = selectors.participants()
    people = selectors.people_of_participants(rows)
    return render(
        request,
        "learning/participants.html",
        {
            "rows": [(row, Via(row.via).label, people.get((row.kind, row.pk), [])) for row in rows],
            "is_host": is_host,
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def participant_end(request, pk):
    _host_or_404(request)
    participant = get_object_or_404(Participant, pk=pk, ended_at__isnull=True)
    actions.participant_end(actor=request.user, participant=participant)
    messages.success(request, _("De deelname is beëindigd."))
    return redirect("learning:participants")


@login_required
def body_people(request, body_id):
    if not permissions.may_manage_body(request.user, body_id):
        raise Http404
    body = get_object_or_404(GovernmentBody, pk=body_id)
    form = forms.MemberAddForm(
        request.POST or None, candidates=selectors.member_candidates(body.pk)
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.network_member_add(
                actor=request.user, body=body, user=form.cleaned_data["user"]
            )
        except actions.AlreadyParticipating:
            messages.info(request, _("Deze persoon neemt al deel."))
        else:
            messages.success(request, _("De persoon is toegevoegd aan het leernetwerk."))
        return redirect("learning:body_people", body_id=body.pk)
    return render(
        request,
        "learning/body_people.html",
        {"body": body, "members": list(selectors.members_of_body(body.pk)), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def member_end(request, pk):
    member = get_object_or_404(NetworkMember, pk=pk, ended_at__isnull=True)
    try:
        actions.network_member_end(actor=request.user, member=member)
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(request, _("De persoon neemt niet meer deel aan het leernetwerk."))
    if permissions.may_manage_body(request.user, member.body_id):
        return redirect("learning:body_people", body_id=member.body_id)
    if permissions.takes_part(request.user):
        return redirect("learning:participants")
    return redirect("home")

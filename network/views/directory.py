"""Partner organisations: the public directory, the members-only contacts, an organisation's
page with its members, requests to join and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.actions import InvitationRateLimited, InvitationsUnavailable

from .. import actions, forms, permissions, selectors
from ..models import (
    JoinRequest,
    KnowledgeItem,
    Membership,
    MembershipRole,
    OrganisationKind,
    PartnerOrganisation,
    sees_partner_content,
)
from ..workflow import ItemStatus, TransitionNotAllowed

GROUP_HEADINGS = {
    OrganisationKind.MINISTRY: gettext_lazy("Ministeries"),
    OrganisationKind.ASSOCIATION: gettext_lazy("Beroepsverenigingen"),
    OrganisationKind.UMBRELLA: gettext_lazy("Koepelorganisaties"),
    OrganisationKind.EXPERTISE: gettext_lazy("Expertisecentra"),
    OrganisationKind.PARTY: gettext_lazy("Politieke partijen"),
}


def directory(request):
    """Every partner organisation, grouped by kind; no personal data."""
    organisations = list(selectors.public_directory())
    groups = [
        (GROUP_HEADINGS[kind], [org for org in organisations if org.kind == kind])
        for kind in OrganisationKind.values
    ]
    return render(
        request,
        "network/directory.html",
        {
            "groups": [(label, orgs) for label, orgs in groups if orgs],
            "count": len(organisations),
            "sees_contacts": sees_partner_content(request.user),
        },
    )


@login_required
def members_directory(request):
    if not sees_partner_content(request.user):
        raise Http404
    return render(
        request,
        "network/members_directory.html",
        {"organisations": list(selectors.members_directory(request.user))},
    )


def organisation(request, slug):
    org = get_object_or_404(PartnerOrganisation, slug=slug, is_active=True)
    return _organisation_page(request, org)


def _organisation_page(request, org, *, join_form=None, invite_form=None):
    """The organisation's page; `join_form` or `invite_form` is a form that did not validate,
    shown again with its errors at the fields (status 400)."""
    user = request.user
    context = {
        "organisation": org,
        "items": list(
            KnowledgeItem.objects.visible_to(user)
            .filter(organisation=org, status=ItemStatus.PUBLISHED)
            .order_by("-published_at")[:10]
        ),
    }
    if user.is_authenticated:
        my_membership = Membership.objects.active().filter(user=user, organisation=org).first()
        manages = permissions.may_manage(user, org)
        context.update(
            {
                "my_membership": my_membership,
                "manages": manages,
                "sees_contacts": sees_partner_content(user),
                "pending_request": JoinRequest.objects.filter(
                    user=user, organisation=org, status="pending"
                ).exists(),
            }
        )
        if context["sees_contacts"]:
            members = selectors.organisation_members(org)
            context["contacts"] = [m for m in members if m.role == "contact"]
            if manages:
                context["members"] = members
                context["join_requests"] = selectors.pending_join_requests(org)
                context["invite_form"] = invite_form or forms.InviteForm()
        if my_membership is None and not context["pending_request"]:
            context["join_form"] = join_form or forms.JoinForm()
    bound = join_form is not None or invite_form is not None
    return render(request, "network/organisation.html", context, status=400 if bound else 200)


@login_required
@require_POST
def join(request, slug):
    org = get_object_or_404(PartnerOrganisation, slug=slug, is_active=True)
    form = forms.JoinForm(request.POST)
    if not form.is_valid():
        return _organisation_page(request, org, join_form=form)
    try:
        actions.join_request_create(
            actor=request.user, organisation=org, motivation=form.cleaned_data["motivation"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Uw aanmelding is verstuurd. De contactpersoon van %(org)s besluit erover.")
            % {"org": org.name},
        )
    return redirect(org)


@login_required
@require_POST
def invite(request, slug):
    org = get_object_or_404(PartnerOrganisation, slug=slug, is_active=True)
    if not permissions.may_manage(request.user, org):
        raise Http404
    form = forms.InviteForm(request.POST)
    if not form.is_valid():
        return _organisation_page(request, org, invite_form=form)
    try:
        actions.membership_invite(
            actor=request.user,
            organisation=org,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
        )
    except InvitationRateLimited as error:
        return render(
            request,
            "network/invite_rate_limited.html",
            {"organisation": org, "message": error.message},
            status=503 if isinstance(error, InvitationsUnavailable) else 429,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        # The same words whether or not the address has an account or another invitation.
        messages.success(
            request,
            _("Wij sturen de uitnodiging naar %(email)s.") % {"email": form.cleaned_data["email"]},
        )
    return redirect(org)


@login_required
@require_POST
def join_decide(request, pk):
    join_request = get_object_or_404(JoinRequest.objects.select_related("organisation"), pk=pk)
    org = join_request.organisation
    if not permissions.may_manage(request.user, org):
        raise Http404
    approve = request.POST.get("decision") == "approve"
    try:
        actions.join_request_decide(actor=request.user, join_request=join_request, approve=approve)
    except TransitionNotAllowed as error:
        messages.error(request, _("Dit kan niet.") + " " + str(error))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _("Dit kan niet.") + " " + " ".join(getattr(error, "messages", [])))
    else:
        messages.success(
            request,
            _("De aanmelding is goedgekeurd.") if approve else _("De aanmelding is afgewezen."),
        )
    return redirect(org)


@login_required
@require_POST
def membership_end(request, pk):
    membership = get_object_or_404(
        Membership.objects.active().select_related("organisation", "user"), pk=pk
    )
    org = membership.organisation
    leaving = membership.user_id == request.user.pk
    if not (leaving or permissions.may_manage(request.user, org)):
        raise Http404
    actions.membership_end(actor=request.user, membership=membership)
    if leaving:
        messages.success(
            request,
            _("U bent geen lid meer van %(org)s. Uw toegang tot partnerinformatie is beëindigd.")
            % {"org": org.name},
        )
    else:
        messages.success(request, _("Het lidmaatschap is beëindigd."))
    return redirect(org)


@login_required
@require_POST
def membership_role(request, pk):
    """Staff make a member contact person, or back."""
    if not request.user.is_triage_staff:
        raise Http404
    membership = get_object_or_404(
        Membership.objects.active().select_related("organisation"), pk=pk
    )
    role = request.POST.get("role")
    if role not in MembershipRole.values:
        raise Http404
    actions.membership_set_role(actor=request.user, membership=membership, role=role)
    messages.success(request, _("De rol is aangepast."))
    return redirect(membership.organisation)

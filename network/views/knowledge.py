"""The knowledge base: search, item pages, writing and review, attachments, the PDF, and the
staff button that turns an accounted grant into a practice example."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incidents.deployments import selectors as preparation_selectors
from subsidies import selectors as subsidy_selectors
from weerbaar.uploads import read_stored

from .. import actions, forms, permissions, selectors
from ..models import (
    KnowledgeAttachment,
    KnowledgeItem,
    KnowledgeKind,
    PartnerOrganisation,
    TargetGroup,
    Theme,
)
from ..pdf import render_item_pdf
from ..rendering import render_markdown
from ..workflow import NEEDS_REASON, TRANSITIONS, ItemStatus, TransitionNotAllowed

PAGE_SIZE = 20


def knowledge_list(request):
    themes, groups = list(Theme.objects.all()), list(TargetGroup.objects.all())
    form = forms.SearchForm(request.GET or None, themes=themes, groups=groups)
    filters = {"query": "", "kind": "", "theme": "", "target_group": ""}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "query": data["q"],
            "kind": data["kind"],
            "theme": data["theme"],
            "target_group": data["group"],
        }
    page = selectors.knowledge_page(
        request.user, page_number=request.GET.get("pagina"), per_page=PAGE_SIZE, **filters
    )
    query_string = request.GET.copy()
    query_string.pop("pagina", None)
    return render(
        request,
        "network/knowledge_list.html",
        {
            "form": form,
            "page": page,
            "filters": filters,
            "searching": any(filters.values()),
            "query_string": query_string.urlencode(),
            "may_contribute": permissions.may_contribute(request.user),
        },
    )


def _visible_item(request, pk):
    return get_object_or_404(
        KnowledgeItem.objects.visible_to(request.user).select_related(
            "organisation", "author", "scheme", "government_body"
        ),
        pk=pk,
    )


def _moves(user, item):
    """The status buttons this person gets on the item page: the moves of the table in
    workflow.py this person may make, each as (target, label, whether a reason is asked)."""
    labels = {
        (ItemStatus.DRAFT, ItemStatus.IN_REVIEW): _("Ter beoordeling aanbieden"),
        (ItemStatus.IN_REVIEW, ItemStatus.PUBLISHED): _("Publiceren"),
        (ItemStatus.IN_REVIEW, ItemStatus.DRAFT): _("Terugsturen naar de auteur"),
        (ItemStatus.PUBLISHED, ItemStatus.WITHDRAWN): _("Intrekken"),
        (ItemStatus.WITHDRAWN, ItemStatus.DRAFT): _("Weer bewerken"),
    }
    return [
        (
            target,
            labels.get((item.status, target), TRANSITIONS.label(target)),
            (item.status, target) in NEEDS_REASON,
        )
        for target in TRANSITIONS.allowed_moves(item.status, selectors.item_parties(user, item))
    ]


def item_detail(request, pk):
    return _item_page(request, _visible_item(request, pk))


def _item_page(request, item, *, attachment_form=None):
    """The item's page; `attachment_form` is an attachment that did not validate, shown again
    with its errors at the fields (status 400)."""
    user = request.user
    _html, toc = render_markdown(item.body)
    context = {
        "item": item,
        "themes": list(item.themes.all()),
        "target_groups": list(item.target_groups.all()),
        "tags": list(item.tags.all()),
        "attachments": list(item.attachments.all()),
        "toc": toc if len(toc) >= 3 else [],
        "related": selectors.related_items(user, item) if item.is_published else [],
        "may_edit": permissions.may_edit(user, item),
    }
    if user.is_authenticated:
        context["moves"] = _moves(user, item)
        context["reason_form"] = forms.ReasonForm()
        context["my_feedback"] = item.feedback.filter(user=user).first()
        if user.is_triage_staff or item.author_id == user.pk:
            context["events"] = list(item.events.select_related("actor"))
            context["feedback_counts"] = selectors.feedback_counts(item)
        if context["may_edit"]:
            context["attachment_form"] = attachment_form or forms.AttachmentForm()
    status = 400 if attachment_form is not None else 200
    return render(request, "network/item_detail.html", context, status=status)


def _organisations_for(user):
    if user.is_triage_staff:
        return PartnerOrganisation.objects.filter(is_active=True)
    return PartnerOrganisation.objects.filter(
        memberships__user=user, memberships__ended_at__isnull=True
    )


@login_required
def item_create(request):
    if not permissions.may_contribute(request.user):
        raise Http404
    organisations = _organisations_for(request.user)
    form = forms.KnowledgeItemForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        item = actions.knowledge_item_create(actor=request.user, **form.cleaned_data)
        messages.success(
            request, _("Het concept is opgeslagen. Alleen u en de redactie van BZK zien het.")
        )
        return redirect(item)
    return render(request, "network/item_form.html", {"form": form, "item": None})


@login_required
def item_edit(request, pk):
    item = _visible_item(request, pk)
    if not permissions.may_edit(request.user, item):
        raise Http404
    organisations = _organisations_for(request.user)
    initial = {
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "body": item.body,
        "audience": item.audience,
        "themes": list(item.themes.all()),
        "target_groups": list(item.target_groups.all()),
        "tags": ", ".join(tag.name for tag in item.tags.all()),
        "organisation": item.organisation,
        "review_on": item.review_on,
    }
    form = forms.KnowledgeItemForm(
        request.POST or None, initial=initial, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        actions.knowledge_item_update(
            actor=request.user,
            item=item,
            themes=data.pop("themes"),
            target_groups=data.pop("target_groups"),
            tags=data.pop("tags"),
            organisation=data.pop("organisation"),
            **data,
        )
        messages.success(request, _("De wijzigingen zijn opgeslagen."))
        return redirect(item)
    return render(request, "network/item_form.html", {"form": form, "item": item})


@login_required
@require_POST
def item_transition(request, pk):
    item = _visible_item(request, pk)
    target = request.POST.get("to")
    form = forms.ReasonForm(request.POST)
    if target not in ItemStatus.values or not form.is_valid():
        raise Http404
    try:
        actions.knowledge_item_transition(
            actor=request.user, item=item, to_status=target, reason=form.cleaned_data["reason"]
        )
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("De status is nu: %(status)s.") % {"status": ItemStatus(target).label}
        )
    return redirect(item)


@login_required
@require_POST
def attachment_add(request, pk):
    item = _visible_item(request, pk)
    if not permissions.may_edit(request.user, item):
        raise Http404
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.knowledge_attachment_add(
                actor=request.user,
                item=item,
                title=form.cleaned_data["title"],
                uploaded_file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            # The upload check refused the file (its type, size or content).
            form.add_error("file", error)
        else:
            messages.success(request, _("De bijlage is toegevoegd."))
            return redirect(item)
    return _item_page(request, item, attachment_form=form)


@login_required
@require_POST
def attachment_remove(request, pk, attachment_pk):
    item = _visible_item(request, pk)
    attachment = get_object_or_404(KnowledgeAttachment, pk=attachment_pk, item=item)
    try:
        actions.knowledge_attachment_remove(actor=request.user, attachment=attachment)
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(request, _("De bijlage is verwijderd."))
    return redirect(item)


def attachment_download(request, pk, attachment_pk):
    item = _visible_item(request, pk)
    attachment = get_object_or_404(KnowledgeAttachment, pk=attachment_pk, item=item)
    name = f"{slugify(attachment.title) or 'bijlage'}.{attachment.extension}"
    response = FileResponse(
        io.BytesIO(read_stored(attachment.file)),
        as_attachment=True,
        filename=name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def feedback(request, pk):
    item = _visible_item(request, pk)
    if not item.is_published:
        raise Http404
    answer = request.POST.get("useful")
    if answer not in ("yes", "no"):
        raise Http404
    actions.feedback_record(actor=request.user, item=item, useful=answer == "yes")
    messages.success(request, _("Dank u wel. Met uw antwoord verbeteren we de kennisbank."))
    return redirect(f"{item.get_absolute_url()}#nuttig")


def item_pdf(request, pk):
    item = _visible_item(request, pk)
    if item.kind == KnowledgeKind.NEWS:
        raise Http404
    pdf = render_item_pdf(item)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(item.title)[:60] or "kennisbank"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def review_queue(request):
    if not permissions.may_contribute(request.user):
        raise Http404
    waiting, mine = selectors.review_queue(request.user)
    return render(
        request,
        "network/review_queue.html",
        {"waiting": list(waiting[:100]), "mine": list(mine[:100])},
    )


@login_required
@require_POST
def practice_from_application(request, application_pk):
    """Staff: publish the lessons of an accounted grant as a practice example."""
    application = subsidy_selectors.application_visible_to(request.user, application_pk)
    if application is None:
        raise Http404
    account = getattr(application, "account", None)
    if not request.user.is_triage_staff or account is None:
        raise Http404
    try:
        item, created = actions.knowledge_item_publish_practice_from_account(
            actor=request.user, account=account
        )
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
        return redirect("subsidies:detail", pk=application.pk)
    if created:
        messages.success(request, _("Het praktijkvoorbeeld is gepubliceerd in de kennisbank."))
    else:
        messages.info(request, _("Van deze verantwoording bestaat al een praktijkvoorbeeld."))
    return redirect(item)


@login_required
def practice_from_preparation(request, preparation_pk):
    """Staff: draft a practice example from what happened at a prepared meeting, with the
    requester's consent. GET shows what the draft will hold (facts that identify nobody);
    POST makes the draft and opens it for editing. Once made, both lead to the practice."""
    if not request.user.is_triage_staff:
        raise Http404
    preparation = get_object_or_404(
        preparation_selectors.preparations_visible_to(request.user).select_related("body"),
        pk=preparation_pk,
    )
    existing = KnowledgeItem.objects.filter(preparation=preparation).first()
    if existing is not None:
        return redirect(existing)
    if request.method == "POST":
        try:
            item, created = actions.knowledge_item_draft_practice_from_preparation(
                actor=request.user, preparation=preparation
            )
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect("network:practice_from_preparation", preparation_pk=preparation.pk)
        if created:
            messages.success(
                request,
                _(
                    "Het concept staat klaar. Vul het aan in eigen woorden, zonder namen, en "
                    "publiceer het."
                ),
            )
        return redirect("network:item_edit", pk=item.pk)
    facts = preparation_selectors.practice_facts(preparation)
    title, summary, body = actions.practice_from_preparation_text(facts)
    body_html, _toc = render_markdown(body)
    return render(
        request,
        "network/practice_from_preparation.html",
        {
            "preparation": preparation,
            "refusal": preparation_selectors.practice_refusal(preparation),
            "title": title,
            "summary": summary,
            "body_html": body_html,
        },
    )

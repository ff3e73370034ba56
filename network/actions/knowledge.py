"""The knowledge base: drafts, review, publication, attachments, feedback, and practice
examples drawn from accounted grants.

Partner members (active membership) and BZK staff write; only staff publish. The body is
rendered from Markdown to sanitised HTML here, every time it changes, so no view ever renders
unsanitised author text.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from incidents.deployments import selectors as preparation_selectors
from subsidies import selectors as subsidy_selectors
from weerbaar.uploads import KIND_JPEG, KIND_PDF, KIND_PNG, store_upload
from weerbaar.workflow import move

from .. import workflow
from ..models import (
    Feedback,
    KnowledgeAttachment,
    KnowledgeEvent,
    KnowledgeItem,
    KnowledgeKind,
    Membership,
    Tag,
    TargetGroup,
    Theme,
)
from ..permissions import may_contribute, may_edit
from ..rendering import render_markdown
from ..selectors import item_parties
from ..workflow import ItemStatus, TransitionNotAllowed

ATTACHMENT_KINDS = frozenset({KIND_PDF, KIND_JPEG, KIND_PNG})
CONTENT_FIELDS = ("kind", "title", "summary", "body", "audience", "review_on")


def _lock(item):
    return KnowledgeItem.objects.select_for_update().get(pk=item.pk)


def _set_relations(item, *, themes=None, target_groups=None, tags=None):
    if themes is not None:
        item.themes.set(themes)
    if target_groups is not None:
        item.target_groups.set(target_groups)
    if tags is not None:
        # Tags are lower case, so "Tribune" and "tribune" are one tag.
        names = {name.strip().lower()[:50] for name in tags if name.strip()}
        item.tags.set([Tag.objects.get_or_create(name=name)[0] for name in sorted(names)])


def _check_organisation(actor, organisation):
    """A partner contributes on behalf of an organisation they belong to; staff for any."""
    if organisation is None or actor.is_triage_staff:
        return
    if not Membership.objects.active().filter(user=actor, organisation=organisation).exists():
        raise PermissionDenied


@transaction.atomic
def knowledge_item_create(
    *,
    actor,
    kind,
    title,
    summary,
    body,
    audience,
    organisation=None,
    review_on=None,
    themes=(),
    target_groups=(),
    tags=(),
) -> KnowledgeItem:
    """A new draft by a partner member or BZK staff. A partner's draft is credited to their
    organisation when they belong to exactly one and named none."""
    if not may_contribute(actor):
        raise PermissionDenied
    if organisation is None and not actor.is_triage_staff:
        memberships = list(Membership.objects.active().filter(user=actor)[:2])
        if len(memberships) == 1:
            organisation = memberships[0].organisation
    _check_organisation(actor, organisation)
    body_html, _toc = render_markdown(body)
    item = KnowledgeItem.objects.create(
        kind=kind,
        title=title.strip(),
        summary=summary.strip(),
        body=body,
        body_html=body_html,
        audience=audience,
        organisation=organisation,
        review_on=review_on,
        author=actor,
    )
    _set_relations(item, themes=themes, target_groups=target_groups, tags=tags)
    return item


@transaction.atomic
def knowledge_item_update(
    *, actor, item, themes=None, target_groups=None, tags=None, organisation=None, **fields
) -> KnowledgeItem:
    """Change the content: the author while it is a draft, BZK staff always. Only the content
    fields can be set here; status and publication go through knowledge_item_transition."""
    item = _lock(item)
    if not may_edit(actor, item):
        raise PermissionDenied
    unknown = set(fields) - set(CONTENT_FIELDS)
    if unknown:
        raise ValueError(f"not content fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(item, name, value.strip() if name in ("title", "summary") else value)
    changed = [*fields]
    if organisation is not None:
        _check_organisation(actor, organisation)
        item.organisation = organisation
        changed.append("organisation")
    if "body" in fields:
        item.body_html, _toc = render_markdown(item.body)
        changed.append("body_html")
    item.save(update_fields=[*changed, "updated_at"])
    _set_relations(item, themes=themes, target_groups=target_groups, tags=tags)
    return item


@transaction.atomic
def knowledge_item_transition(*, actor, item, to_status, reason="") -> KnowledgeItem:
    """Move an item along the table in workflow.py and record who did it. Publishing sets the
    publication date (unless staff set a later one) and a review date a year on if none."""
    item = _lock(item)
    parties = item_parties(actor, item)
    workflow.TRANSITIONS.check(item.status, to_status, parties)
    if (item.status, to_status) in workflow.NEEDS_REASON and not reason:
        raise ValidationError(_("Geef aan wat er moet veranderen."))
    changed = []
    if to_status == ItemStatus.PUBLISHED:
        now = timezone.now()
        if item.published_at is None or item.published_at < now:
            item.published_at = now
        if item.review_on is None:
            item.review_on = (now + timezone.timedelta(days=365)).date()
        changed += ["published_at", "review_on"]
    move(
        item,
        to_status,
        table=workflow.TRANSITIONS,
        actor=actor,
        parties=parties,
        event=KnowledgeEvent,
        extra_fields=changed,
        reason=reason,
    )
    return item


@transaction.atomic
def knowledge_attachment_add(*, actor, item, title, uploaded_file) -> KnowledgeAttachment:
    """Attach a PDF, JPEG or PNG, checked by content; the portal's rebuilt copy is stored (see
    weerbaar.uploads: images from their pixels only, PDFs rewritten by the parser)."""
    item = _lock(item)
    if not may_edit(actor, item):
        raise PermissionDenied
    attachment = KnowledgeAttachment(
        item=item, title=(title or "").strip()[:200] or _("Bijlage"), uploaded_by=actor
    )
    stored = store_upload(uploaded_file, into=attachment.file, allowed=ATTACHMENT_KINDS)
    attachment.content_type, attachment.size = stored.content_type, stored.size
    attachment.save()
    return attachment


@transaction.atomic
def knowledge_attachment_remove(*, actor, attachment) -> None:
    item = _lock(attachment.item)
    if not may_edit(actor, item):
        raise PermissionDenied
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))


def feedback_record(*, actor, item, useful: bool) -> Feedback:
    """'Was this useful?': one answer per signed-in person; a new answer replaces the old."""
    if not actor.is_authenticated:
        raise PermissionDenied
    feedback, _created = Feedback.objects.update_or_create(
        item=item, user=actor, defaults={"useful": useful, "at": timezone.now()}
    )
    return feedback


@transaction.atomic
def knowledge_item_publish_practice_from_account(*, actor, account) -> tuple[KnowledgeItem, bool]:
    """BZK staff publish what a government learned with an accounted grant as a practice
    example (praktijkvoorbeeld), linked to the scheme and the government body, readable by
    everyone signed in. Idempotent: one practice per account; a second call returns the first
    practice. Returns (item, created)."""
    if not actor.is_triage_staff:
        raise PermissionDenied
    account = subsidy_selectors.account_for_practice(account)
    existing = KnowledgeItem.objects.filter(grant_account=account).first()
    if existing:
        return existing, False
    application = account.application
    if not subsidy_selectors.practice_possible(application):
        raise TransitionNotAllowed(
            _("Alleen een goedgekeurde verantwoording met lessen kan een praktijkvoorbeeld worden.")
        )
    with translation.override("nl"):
        practice = subsidy_selectors.practice_from_account(account)
    item = knowledge_item_create(
        actor=actor,
        kind=KnowledgeKind.PRACTICE,
        title=practice["title"],
        summary=practice["summary"],
        body=practice["body"],
        audience="signed_in",
        themes=Theme.objects.filter(slug="veilig-vergaderen")
        if application.scheme.slug == "veilig-vergaderen"
        else (),
    )
    item.grant_account = account
    item.scheme = application.scheme
    item.government_body = practice["government_body"]
    item.save(update_fields=["grant_account", "scheme", "government_body"])
    knowledge_item_transition(actor=actor, item=item, to_status=ItemStatus.IN_REVIEW)
    knowledge_item_transition(actor=actor, item=item, to_status=ItemStatus.PUBLISHED)
    item.refresh_from_db()
    return item, True


def practice_from_preparation_text(facts: dict) -> tuple[str, str, str]:
    """Title, summary and Markdown body of a practice draft, from non-identifying facts only;
    the parts that need the story are placeholders for BZK to write."""
    meeting_of = facts["meeting_of"]
    title = f"Een gespannen vergadering van {meeting_of} voorbereiden"
    summary = (
        f"Hoe de voorbereiding van een vergadering van {meeting_of} met verhoogd risico verliep, "
        "met steun van BZK en het Ondersteuningsteam Weerbaar Bestuur."
    )
    occasion = (
        f"Een openbare vergadering van {meeting_of} waarbij spanning werd verwacht, met naar "
        f"verwachting {facts['attendance']} bezoekers."
    )
    if facts["earlier_incidents"]:
        occasion += " Bij eerdere vergaderingen of rond het onderwerp waren er al incidenten."
    preparation = (
        "De burgemeester of de griffie vroeg BZK vooraf om ondersteuning. Samen zijn scenario's "
        "voor incidenten en calamiteiten doorgesproken en afspraken gemaakt."
    )
    if facts["deployment_kinds"]:
        preparation += (
            " Het Ondersteuningsteam Weerbaar Bestuur werd ingezet ("
            + ", ".join(facts["deployment_kinds"])
            + ")."
        )
    body = "\n\n".join(
        [
            "## Aanleiding",
            occasion,
            "## Voorbereiding",
            preparation,
            "## Wat er gebeurde",
            "_Beschrijf in eigen woorden wat er gebeurde: zonder namen van personen, zonder de "
            "naam van de gemeente, provincie of het waterschap, de plaats of de datum._",
            "## Wat hebben we geleerd",
            "_Beschrijf wat andere gemeenten, provincies en waterschappen hiervan kunnen leren._",
        ]
    )
    return title, summary, body


@transaction.atomic
def knowledge_item_draft_practice_from_preparation(
    *, actor, preparation
) -> tuple[KnowledgeItem, bool]:
    """BZK staff draft a practice example (praktijkvoorbeeld) from a preparation whose outcome
    was recorded and whose requester gave consent. The draft holds only facts that identify
    nobody (incidents.deployments.selectors.practice_facts) and placeholders for the story: BZK
    writes and publishes it through the usual edit and review. Idempotent: one practice per
    preparation; a second call returns the first. Returns (item, created)."""
    if not actor.is_triage_staff:
        raise PermissionDenied
    preparation = preparation_selectors.preparation_for_practice(preparation)
    existing = KnowledgeItem.objects.filter(preparation=preparation).first()
    if existing:
        return existing, False
    refusal = preparation_selectors.practice_refusal(preparation)
    if refusal:
        raise TransitionNotAllowed(refusal)
    facts = preparation_selectors.practice_facts(preparation)
    title, summary, body = practice_from_preparation_text(facts)
    item = knowledge_item_create(
        actor=actor,
        kind=KnowledgeKind.PRACTICE,
        title=title,
        summary=summary,
        body=body,
        audience="signed_in",
        themes=Theme.objects.filter(slug="veilig-vergaderen"),
        target_groups=TargetGroup.objects.filter(slug__in=["burgemeester", "griffier"]),
    )
    item.preparation = preparation
    item.save(update_fields=["preparation"])
    return item, True

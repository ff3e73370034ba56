"""Permission-aware reads: the partner directory, search in the knowledge base, related items.

Search finds with PostgreSQL full-text search (Dutch stemming, a GIN index on a generated
column of title, summary and body) and ranks by title (A) and summary (B), newest first among
equals. On SQLite, which has none of that, every word must occur in the title, summary or body,
and a match in the title counts most.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, Value, When

from weerbaar.pagination import CappedPaginator

from .models import (
    JoinRequest,
    JoinRequestStatus,
    KnowledgeItem,
    Membership,
    MembershipRole,
    PartnerOrganisation,
    is_partner_member,
    sees_partner_content,
)
from .workflow import AUTHOR, STAFF, ItemStatus

MAX_WORDS = 8
SEARCH_COUNT_CAP = 200  # "more than 200 results": refine the search to see past them


def item_parties(user, item) -> set[str]:
    """The sides a person plays in moves of this knowledge item (see workflow.TRANSITIONS): BZK
    staff are staff and act for any author; a partner member is the author of their own item."""
    if not user.is_authenticated:
        return set()
    if user.is_triage_staff:
        return {STAFF, AUTHOR}
    if item.author_id == user.pk and is_partner_member(user):
        return {AUTHOR}
    return set()


def public_directory():
    """Organisations for the public directory: no people in it."""
    return PartnerOrganisation.objects.filter(is_active=True).order_by("kind", "name")


def members_directory(user):
    """Organisations with their active contact persons, for members and staff only."""
    if not sees_partner_content(user):
        return PartnerOrganisation.objects.none()
    contacts = (
        Membership.objects.active().filter(role=MembershipRole.CONTACT).select_related("user")
    )
    return public_directory().prefetch_related(
        Prefetch("memberships", queryset=contacts, to_attr="contacts")
    )


def organisation_members(organisation):
    return list(
        Membership.objects.active()
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__full_name", "user__email")
    )


def pending_join_requests(organisation):
    return list(
        JoinRequest.objects.filter(organisation=organisation, status=JoinRequestStatus.PENDING)
        .select_related("user")
        .order_by("created_at")
    )


def search_items(user, *, query="", kind="", theme="", target_group=""):
    """The published items this person may read that match, best first."""
    # published() also for staff, whose visible_to() includes drafts and scheduled items.
    items = (
        KnowledgeItem.objects.visible_to(user)
        .published()
        .select_related("organisation")
        .prefetch_related("themes")
    )
    if kind:
        items = items.filter(kind=kind)
    if theme:
        items = items.filter(themes__slug=theme)
    if target_group:
        items = items.filter(target_groups__slug=target_group)
    query = " ".join(query.split())
    if not query:
        return items.order_by("-published_at", "-pk")
    if connection.vendor == "postgresql":
        search = SearchQuery(query, search_type="websearch", config="dutch")
        # The match as a subquery: for a word in half the items PostgreSQL then ranks the
        # visible items by their small rank vector and checks the big search vector only of
        # the first ones, instead of unpacking every item's search vector (docs/performance.md);
        # for a rare word it takes the GIN index.
        matching = KnowledgeItem.objects.filter(search_vector=search).values("pk")
        return (
            items.filter(pk__in=matching)
            .annotate(rank=SearchRank(F("rank_vector"), search))
            .order_by("-rank", "-published_at", "-pk")
        )
    return _search_without_full_text(items, query)


def knowledge_page(user, *, page_number=None, per_page=20, **filters):
    """One page of `search_items`, its count stopping at SEARCH_COUNT_CAP: the page and the
    count cost the same whether 50 items match or 5,000."""
    results = search_items(user, **filters).defer("body", "body_html")
    page = CappedPaginator(results, per_page, cap=SEARCH_COUNT_CAP).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


DUTCH_SUFFIXES = ("ingen", "ing", "en", "e", "s")


def _rough_stem(word):
    """A crude Dutch stem so 'vergaderen' also finds 'vergadering'; PostgreSQL does this
    properly with its Dutch dictionary."""
    for suffix in DUTCH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _search_without_full_text(items, query):
    words = [word.strip("\"'").lower() for word in query.split()[:MAX_WORDS]]
    words = [_rough_stem(word) for word in words if word and not word.startswith("-")]
    score = Value(0, output_field=IntegerField())
    for word in words:
        items = items.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
        )
        for field, weight in (("title", 4), ("summary", 2), ("body", 1)):
            score = score + Case(
                When(**{f"{field}__icontains": word}, then=Value(weight)),
                default=Value(0),
                output_field=IntegerField(),
            )
    return items.annotate(rank=score).order_by("-rank", "-published_at", "-pk")


def related_items(user, item, *, limit=4):
    """Other items this person may read that share themes with this one (most shared first),
    or failing that of the same kind."""
    theme_ids = [theme.pk for theme in item.themes.all()]
    return list(
        KnowledgeItem.objects.visible_to(user)
        .published()
        .exclude(pk=item.pk)
        .annotate(shared=Count("themes", filter=Q(themes__in=theme_ids), distinct=True))
        .filter(Q(shared__gt=0) | Q(kind=item.kind))
        .order_by("-shared", "-published_at")[:limit]
    )


def review_queue(user):
    """Items waiting for review (staff) and this person's own unpublished items."""
    if not user.is_authenticated:
        return KnowledgeItem.objects.none(), KnowledgeItem.objects.none()
    waiting = KnowledgeItem.objects.none()
    if user.is_triage_staff:
        waiting = KnowledgeItem.objects.filter(status=ItemStatus.IN_REVIEW).select_related(
            "organisation", "author"
        )
    mine = (
        KnowledgeItem.objects.filter(author=user)
        .exclude(status=ItemStatus.PUBLISHED)
        .select_related("organisation")
    )
    return waiting.order_by("updated_at"), mine.order_by("-updated_at")


def feedback_counts(item):
    return item.feedback.aggregate(
        yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False))
    )

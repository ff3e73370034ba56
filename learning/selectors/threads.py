"""Reads of the exchange: the threads a participant sees, one page of them (filtered and
searched), a thread's answers, whom a participant may mention, and for whom they may speak.

Every thread is for the network's participants and its host alone: `readable_threads` is empty
for anyone else, so every page of the exchange is a 404 to them. A post the host hid stays out
of lists and search for everyone but its author and the host.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    Expression,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from accounts.models import Role, RoleAssignment, User
from government.models import GovernmentBody
from network.models import Membership, PartnerOrganisation
from weerbaar.pagination import CappedPaginator

from ..models import Answer, NetworkMember, Participant, Thread
from .membership import participating_body_ids, seat_of

MAX_WORDS = 8
SEARCH_COUNT_CAP = 200  # "more than 200 results": refine the search to see past them
HOST = "host"


def readable_threads(user) -> QuerySet[Thread]:
    """Every thread, for a participant or the host; none for anyone else. Hidden threads are
    included: their page says they were hidden (see `Thread.hidden_from`)."""
    if not seat_of(user).takes_part:
        return Thread.objects.none()
    return Thread.objects.all()


def listed_threads(user) -> QuerySet[Thread]:
    """The threads a list or a search shows this person: not hidden, bar their own (and every
    one for the host)."""
    threads = readable_threads(user)
    if not user.is_authenticated or user.is_triage_staff:
        return threads
    return threads.filter(Q(hidden_at__isnull=True) | Q(author=user))


def _count_answers(**lookups):
    answers = (
        Answer.objects.filter(thread=OuterRef("pk"), **lookups)
        .order_by()
        .values("thread")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(answers, output_field=IntegerField()), 0)


def search_threads(user, *, query="", theme="", kind="") -> QuerySet[Thread]:
    """The threads this person may see that match, newest activity first; with a query, best
    match first (PostgreSQL full-text search in Dutch, LIKE on other databases)."""
    threads = (
        listed_threads(user)
        .select_related("theme", "author", "body", "organisation")
        .annotate(
            # Subqueries, not a join and GROUP BY: the capped count and the page stay cheap
            # however many threads match.
            answer_count=_count_answers(hidden_at__isnull=True),
            helpful_count=_count_answers(helpful_at__isnull=False, hidden_at__isnull=True),
        )
        .defer("text", "text_html")
    )
    if theme:
        threads = threads.filter(theme__slug=theme)
    if kind:
        threads = threads.filter(kind=kind)
    query = " ".join(query.split())
    if not query:
        return threads.order_by("-last_activity_at", "-pk")
    if connection.vendor == "postgresql":
        search = SearchQuery(query, search_type="websearch", config="dutch")
        # The match as a subquery, as the knowledge base does: a rare word takes the GIN index.
        matching = Thread.objects.filter(search_vector=search).values("pk")
        return (
            threads.filter(pk__in=matching)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "-last_activity_at", "-pk")
        )
    return _search_without_full_text(threads, query)


def _search_without_full_text(threads, query):
    words = [word.strip("\"'").lower() for word in query.split()[:MAX_WORDS]]
    words = [word for word in words if word and not word.startswith("-")]
    score: Expression = Value(0, output_field=IntegerField())
    for word in words:
        threads = threads.filter(Q(title__icontains=word) | Q(text__icontains=word))
        for field, weight in (("title", 2), ("text", 1)):
            score = score + Case(
                When(**{f"{field}__icontains": word}, then=Value(weight)),
                default=Value(0),
                output_field=IntegerField(),
            )
    return threads.annotate(rank=score).order_by("-rank", "-last_activity_at", "-pk")


def thread_page(user, *, page_number=None, per_page=20, **filters):
    """One page of `search_threads`, its count stopping at SEARCH_COUNT_CAP."""
    results = search_threads(user, **filters)
    page = CappedPaginator(results, per_page, cap=SEARCH_COUNT_CAP).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


def answers_of(thread) -> list[Answer]:
    """A thread's answers, oldest first, with their authors (hidden ones included: the page
    shows a placeholder to those who may not read them)."""
    return list(thread.answers.select_related("author", "body", "organisation"))


def participant_people() -> QuerySet[User]:
    """Everyone who takes part, whoever they are: griffiers and added people of the participating
    bodies, members of participating organisations, and BZK staff."""
    bodies = participating_body_ids()
    organisations = Participant.objects.filter(
        ended_at__isnull=True, organisation__isnull=False
    ).values("organisation_id")
    griffier = RoleAssignment.objects.filter(
        user=OuterRef("pk"), role=Role.GRIFFIER, body_id__in=bodies
    )
    added = NetworkMember.objects.filter(
        user=OuterRef("pk"), ended_at__isnull=True, body_id__in=bodies
    )
    partner = Membership.objects.active().filter(
        user=OuterRef("pk"), organisation_id__in=organisations, organisation__is_active=True
    )
    host = RoleAssignment.objects.filter(user=OuterRef("pk"), role=Role.TRIAGE)
    return User.objects.filter(is_active=True).filter(
        Exists(griffier) | Exists(added) | Exists(partner) | Exists(host)
    )


def mentionable_people(user) -> QuerySet[User]:
    """Whom this person may mention: the other participants, by name (people without a name are
    left out, as the page never shows an address)."""
    return (
        participant_people().exclude(pk=user.pk).exclude(full_name="").order_by("full_name", "pk")
    )


@dataclass(frozen=True)
class Voice:
    """One body or organisation a person may speak for, or the host."""

    key: str  # "body:12", "organisation:3" or "host"
    label: str
    body: GovernmentBody | None = None
    organisation: PartnerOrganisation | None = None


def voices_of(user) -> list[Voice]:
    """For whom this person may write: each participating body and organisation of their seat,
    and BZK for the host."""
    seat = seat_of(user)
    voices = [
        Voice(f"body:{body.pk}", str(body), body=body)
        for body in GovernmentBody.objects.filter(pk__in=seat.body_ids).order_by("name")
    ]
    voices += [
        Voice(f"organisation:{org.pk}", org.display_name, organisation=org)
        for org in PartnerOrganisation.objects.filter(pk__in=seat.organisation_ids).order_by("name")
    ]
    if seat.is_host:
        voices.append(Voice(HOST, "BZK"))
    return voices

"""Search ranks a small Dutch corpus sensibly on both databases, filters combine, and a page
of results costs the same number of queries however many items match."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network import selectors
from network.models import Audience, KnowledgeItem, KnowledgeKind, TargetGroup, Theme
from network.tests.factories import item, member
from tests.helpers import plan_nodes

pytestmark = pytest.mark.django_db

CORPUS = [
    # title, summary, body, kind, theme
    (
        "Veilig vergaderen in de raadszaal",
        "Maatregelen voor een openbare en veilige raadsvergadering.",
        "Een andere indeling van de zaal, een tweede uitgang en een draaiboek voor de voorzitter.",
        KnowledgeKind.GUIDE,
        "veilig-vergaderen",
    ),
    (
        "Online bedreiging: wat kunt u doen?",
        "Wat u doet als u via sociale media wordt bedreigd.",
        "Maak schermafbeeldingen, meld het bij het platform en doe aangifte met de VPT-code. "
        "Vergaderen via een videoverbinding vraagt ook aandacht.",
        KnowledgeKind.GUIDE,
        "online-dreiging",
    ),
    (
        "Basisscan veilige woning",
        "Het CCV kijkt samen met u naar de beveiliging van uw huis.",
        "Hang- en sluitwerk, verlichting en camera's. Na de scan volgt een advies op maat.",
        KnowledgeKind.PROTOCOL,
        "veilige-woning",
    ),
    (
        "Nazorg na een incident",
        "Steun voor u en uw gezin na bedreiging of geweld.",
        "Het Ondersteuningsteam Weerbaar Bestuur en Arq bieden nazorg, "
        "ook aan partners en kinderen.",
        KnowledgeKind.COURSE,
        "nazorg",
    ),
]


@pytest.fixture
def corpus():
    made = {}
    for title, summary, body, kind, theme in CORPUS:
        made[title] = item(
            title=title,
            summary=summary,
            body=body,
            kind=kind,
            themes=Theme.objects.filter(slug=theme),
            target_groups=TargetGroup.objects.filter(slug="raadslid"),
        )
    return made


def titles(results):
    return [result.title for result in results]


def test_a_title_match_ranks_above_a_match_in_the_body(corpus):
    results = titles(selectors.search_items(AnonymousUser(), query="vergaderen"))
    assert results[0] == "Veilig vergaderen in de raadszaal"
    assert "Online bedreiging: wat kunt u doen?" in results
    assert "Basisscan veilige woning" not in results


def test_every_word_must_match(corpus):
    results = titles(selectors.search_items(AnonymousUser(), query="nazorg gezin"))
    assert results == ["Nazorg na een incident"]
    assert titles(selectors.search_items(AnonymousUser(), query="nazorg raadszaal")) == []


def test_filters_by_kind_theme_and_target_group(corpus):
    anonymous = AnonymousUser()
    assert titles(selectors.search_items(anonymous, kind=KnowledgeKind.PROTOCOL)) == [
        "Basisscan veilige woning"
    ]
    assert titles(selectors.search_items(anonymous, theme="nazorg")) == ["Nazorg na een incident"]
    assert len(selectors.search_items(anonymous, target_group="raadslid")) == 4
    assert len(selectors.search_items(anonymous, target_group="burgemeester")) == 0
    assert titles(
        selectors.search_items(anonymous, query="bedreiging", theme="online-dreiging")
    ) == ["Online bedreiging: wat kunt u doen?"]


def test_search_never_finds_what_the_person_may_not_read(corpus):
    item(title="Vergaderen achter gesloten deuren", audience=Audience.PARTNERS)
    anonymous_titles = titles(selectors.search_items(AnonymousUser(), query="vergaderen"))
    assert "Vergaderen achter gesloten deuren" not in anonymous_titles
    assert "Vergaderen achter gesloten deuren" in titles(
        selectors.search_items(member(), query="vergaderen")
    )


def test_search_uses_dutch_stemming_on_postgresql(postgres, corpus):
    # "bedreigd" and "bedreiging" share the Dutch stem; a LIKE search would miss this.
    results = titles(selectors.search_items(AnonymousUser(), query="bedreigingen"))
    assert results[0] == "Online bedreiging: wat kunt u doen?"
    assert "Nazorg na een incident" in results


def test_a_page_of_results_costs_a_fixed_number_of_queries(corpus, django_assert_num_queries):
    from django.core.paginator import Paginator

    def one_page():
        page = Paginator(selectors.search_items(AnonymousUser(), query="vergaderen"), 20).page(1)
        return [(result.title, [t.name for t in result.themes.all()]) for result in page]

    # count, the page, the themes of the page
    with django_assert_num_queries(3):
        first = one_page()
    for n in range(10):
        item(
            title=f"Handreiking {n}",
            body="Vergaderen met publiek.",
            themes=Theme.objects.all()[:2],
        )
    with django_assert_num_queries(3):
        second = one_page()
    assert len(second) > len(first)


def search_vectors_read(sql):
    """How many items' search vectors a query unpacks (EXPLAIN ANALYZE): the rows a scan
    checked against the full-text match, on the table rather than in the GIN index."""
    read = 0
    for node in plan_nodes(sql):
        checks = " ".join(str(node.get(key, "")) for key in ("Filter", "Recheck Cond"))
        if "search_vector" in checks:
            checked = node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)
            read += checked * node.get("Actual Loops", 1)
    return read


def test_a_search_in_ten_thousand_items_reads_the_index_not_every_item(postgres):
    """10,000 published items, "nazorg" in every one of them: neither the count nor a page of
    results unpacks every item's search vector (what made a broad search slow); a rare word is
    found through the GIN index. Not a timing: `make bench` has the milliseconds
    (docs/performance.md)."""
    from django.utils import timezone

    now = timezone.now()
    words = ["raadsvergadering", "woning", "aangifte", "nazorg", "training", "integriteit"]
    KnowledgeItem.objects.bulk_create(
        [
            KnowledgeItem(
                kind=KnowledgeKind.GUIDE,
                title=f"Handreiking {n} over {words[n % len(words)]}",
                summary=f"Samenvatting {n}: {words[(n + 1) % len(words)]} en veiligheid.",
                body=" ".join(words) * 20,
                audience=Audience.PUBLIC,
                status="published",
                published_at=now,
            )
            for n in range(10_000)
        ],
        batch_size=2000,
    )
    item(title="Zeldzame stalkingzaak", body="Over stalking en doxing.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE network_knowledgeitem")

    with CaptureQueriesContext(connection) as queries:
        page = selectors.knowledge_page(AnonymousUser(), query="nazorg", page_number=2)
    assert len(page.object_list) == 20
    assert page.paginator.count_is_capped and page.paginator.count == selectors.SEARCH_COUNT_CAP
    # Ranked by title, then summary: every result on page 2 still has the word in its title.
    assert all("nazorg" in result.title for result in page.object_list)
    searches = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
    assert len(searches) == 2  # the capped count and the page
    for sql in searches:
        # The count stops at 201 matches; the page checks its 40 best-ranked items.
        assert search_vectors_read(sql) <= 2 * selectors.SEARCH_COUNT_CAP, sql[:200]

    rare = selectors.knowledge_page(AnonymousUser(), query="stalkingzaak doxing")
    assert titles(rare.object_list) == ["Zeldzame stalkingzaak"]
    assert not rare.paginator.count_is_capped
    plan = selectors.search_items(AnonymousUser(), query="doxing").explain()
    assert "network_knowledge_search_gin" in plan


def test_staff_search_shows_neither_drafts_nor_scheduled_items(corpus):
    from datetime import timedelta

    from django.utils import timezone

    from accounts.tests import factories as people
    from network.workflow import ItemStatus

    item(title="Vergaderen in concept", status=ItemStatus.DRAFT)
    scheduled = item(title="Vergaderen volgende week")
    KnowledgeItem.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() + timedelta(days=7)
    )
    results = titles(selectors.search_items(people.triage_staff(), query="vergaderen"))
    assert "Vergaderen in concept" not in results
    assert "Vergaderen volgende week" not in results
    assert "Veilig vergaderen in de raadszaal" in results

"""Search over the exchange: PostgreSQL full-text search in Dutch (a LIKE fallback elsewhere),
filters by theme and kind, hidden threads out of other participants' results, a page of results
at a fixed number of queries, and a rare word found through the GIN index among 10,000
threads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests import factories as people
from learning import actions, selectors
from learning.models import Thread, ThreadKind
from learning.selectors import threads as thread_selectors
from network.models import Theme

from .factories import approved_griffier, cohort_griffier

pytestmark = pytest.mark.django_db


@pytest.fixture
def griffier():
    return cohort_griffier()


@pytest.fixture
def colleague():
    return approved_griffier(people.municipality("GM0363"))


def post(author, title, text, theme="veilig-vergaderen", kind=ThreadKind.QUESTION):
    return actions.thread_create(
        actor=author,
        theme=Theme.objects.get(slug=theme),
        kind=kind,
        title=title,
        text=text,
        voice=selectors.voices_of(author)[0],
    )


@pytest.fixture
def corpus(griffier, colleague):
    return {
        "tribune": post(griffier, "Onrust op de tribune", "Wat doet de voorzitter bij geschreeuw?"),
        "camera": post(
            colleague,
            "Camera's in de raadszaal",
            "Wij vergaderen sinds kort met camerabeelden van de publieke tribune.",
            kind=ThreadKind.EXPERIENCE,
        ),
        "online": post(
            griffier,
            "Bedreigingen na een livestream",
            "Raadsleden werden bedreigd in de reacties.",
            theme="online-dreiging",
        ),
    }


def titles(results):
    return [thread.title for thread in results]


def test_a_title_match_ranks_above_a_match_in_the_text(colleague, corpus):
    results = titles(thread_selectors.search_threads(colleague, query="tribune"))
    assert results[0] == "Onrust op de tribune"
    assert "Camera's in de raadszaal" in results
    assert "Bedreigingen na een livestream" not in results


def test_search_uses_dutch_stemming_on_postgresql(postgres, colleague, corpus):
    # "bedreiging", "bedreigingen" and "bedreigd" share the Dutch stem; LIKE would miss some.
    assert titles(thread_selectors.search_threads(colleague, query="bedreiging")) == [
        "Bedreigingen na een livestream"
    ]
    assert "Camera's in de raadszaal" in titles(
        thread_selectors.search_threads(colleague, query="vergadering")
    )


def test_the_fallback_without_full_text_search_finds_words(colleague, corpus):
    found = thread_selectors._search_without_full_text(Thread.objects.all(), "tribune")
    assert titles(found)[0] == "Onrust op de tribune"


def test_filters_combine_with_the_search(colleague, corpus):
    assert titles(
        thread_selectors.search_threads(colleague, query="tribune", kind=ThreadKind.EXPERIENCE)
    ) == ["Camera's in de raadszaal"]
    assert titles(thread_selectors.search_threads(colleague, theme="online-dreiging")) == [
        "Bedreigingen na een livestream"
    ]


def test_a_hidden_thread_is_not_found_by_other_participants(griffier, colleague, corpus):
    host = people.triage_staff()
    actions.thread_hide(actor=host, thread=corpus["tribune"], reason="x")
    assert "Onrust op de tribune" not in titles(
        thread_selectors.search_threads(colleague, query="tribune")
    )
    assert "Onrust op de tribune" in titles(
        thread_selectors.search_threads(griffier, query="tribune")
    )
    assert "Onrust op de tribune" in titles(thread_selectors.search_threads(host, query="tribune"))


def test_an_outsider_finds_nothing(corpus):
    assert not thread_selectors.search_threads(people.officeholder(), query="tribune").exists()


def test_a_page_of_results_costs_a_fixed_number_of_queries(
    griffier, colleague, corpus, django_assert_num_queries
):
    selectors.seat_of(colleague)  # read once per request, before the page

    def one_page():
        page = thread_selectors.thread_page(colleague, query="tribune")
        return [(t.title, t.theme.name, t.answer_count, str(t.speaks_for)) for t in page]

    with django_assert_num_queries(2):  # the capped count, the page
        first = one_page()
    for n in range(10):
        thread = post(griffier, f"Tribune {n}", "De tribune zat vol.")
        actions.answer_create(
            actor=colleague,
            thread=thread,
            text="Bij ons ook.",
            voice=selectors.voices_of(colleague)[0],
        )
    with django_assert_num_queries(2):
        second = one_page()
    assert len(second) == len(first) + 10
    assert all(count == 1 for title, _theme, count, _voice in second if title.startswith("Tribune"))


def test_a_search_in_ten_thousand_threads_takes_the_index_for_a_rare_word(postgres, griffier):
    """10,000 threads: a page of a broad search costs two queries and its count stops at the
    cap; a rare word is found through the GIN index (not by reading every thread). Not a
    timing."""
    theme = Theme.objects.get(slug="veilig-vergaderen")
    body = griffier.role_assignments.get().body
    words = ["raadsvergadering", "tribune", "beveiliging", "bode", "camera", "voorzitter"]
    Thread.objects.bulk_create(
        [
            Thread(
                theme=theme,
                kind=ThreadKind.QUESTION,
                title=f"Vraag {n} over {words[n % len(words)]}",
                text=" ".join(words) * 10,
                text_html="<p>…</p>",
                author=griffier,
                body=body,
            )
            for n in range(10_000)
        ],
        batch_size=2000,
    )
    post(griffier, "Zeldzame stalkingzaak", "Over stalking en doxing na de vergadering.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE learning_thread")

    selectors.seat_of(griffier)
    with CaptureQueriesContext(connection) as queries:
        page = thread_selectors.thread_page(griffier, query="tribune", page_number=2)
    assert len(page.object_list) == 20
    assert page.paginator.count_is_capped
    assert page.paginator.count == thread_selectors.SEARCH_COUNT_CAP
    assert len([q for q in queries.captured_queries if "@@" in q["sql"]]) == 2

    rare = thread_selectors.thread_page(griffier, query="stalkingzaak doxing")
    assert titles(rare.object_list) == ["Zeldzame stalkingzaak"]
    plan = thread_selectors.search_threads(griffier, query="doxing").explain()
    assert "learning_thread_search_gin" in plan

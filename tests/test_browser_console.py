"""The browser tests' `page` fixture fails a test on what the page reports in the console: every
error except Chromium's line for a 409 answer, which the portal gives on purpose to a write the
state has overtaken (an autosave arriving after the form's own save) and the page handles."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _answer(page, status):
    page.route(f"**/antwoord-{status}", lambda route: route.fulfill(status=status, body="{}"))
    page.evaluate(f"fetch('/antwoord-{status}').then(r => r.status)")
    page.wait_for_timeout(200)


def test_a_409_answer_is_not_a_page_error_but_other_failures_are(page):
    page.goto("/")
    _answer(page, 409)
    assert page.console_problems == []
    _answer(page, 500)
    _answer(page, 404)
    assert [line for line in page.console_problems if "status of 500" in line]
    assert [line for line in page.console_problems if "status of 404" in line]
    page.console_problems.clear()  # seen; the fixture would fail the test on them


def test_a_second_window_reports_to_the_same_list(page):
    page.goto("/")
    other = page.context.new_page()
    page.watch_console(other)
    other.goto("/")
    other.evaluate("console.error('kapot')")
    other.wait_for_timeout(200)
    assert page.console_problems == ["kapot"]
    page.console_problems.clear()

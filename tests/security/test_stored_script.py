"""Stored script in free text is shown as text, never run: checked in Chromium with the CSP on.

The `page` fixture fails the test on any console error or CSP violation, and a dialog
(alert) or a marker set by the script would show that it ran."""

import pytest
from django.urls import reverse

from accounts.tests import factories as people
from subsidies import actions
from subsidies.tests import factories as subsidy_factories

PAYLOADS = [
    "<script>alert('xss-1')</script>",
    '"><img src=x onerror="alert(\'xss-2\')">',
    "<svg onload=alert('xss-3')>",
    "</textarea><script>document.title='pwned'</script>",
    "javascript:alert('xss-4')",
]


def _log_in(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_script_in_free_text_is_not_executed_for_staff_or_griffier(page, live_server, client):
    application = subsidy_factories.draft()
    text = "\n".join(PAYLOADS)
    actions.application_save_step(
        actor=application.created_by,
        application=application,
        step=1,
        data={"current_situation": text, "incidents": text},
    )
    application = actions.application_submit(actor=application.created_by, application=application)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for user, path in (
        (people.triage_staff(), reverse("subsidies:detail", args=[application.pk])),
        (application.created_by, reverse("subsidies:detail", args=[application.pk])),
        (application.created_by, reverse("subsidies:step", args=[application.pk, 1])),
    ):
        page.context.clear_cookies()
        _log_in(page, live_server, client, user)
        page.goto(path)
        assert page.title() != "pwned"
        assert page.locator("img[src='x']").count() == 0
        assert page.locator("main script").count() == 0
        if "stap" not in path:
            assert "<script>alert('xss-1')</script>" in page.locator("main").inner_text()
    assert dialogs == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_script_in_a_thread_of_the_learning_network_is_not_executed(page, live_server, client):
    from learning import actions as learning_actions
    from learning.models import ThreadKind
    from learning.selectors import voices_of
    from learning.tests.factories import approved_griffier, cohort_griffier
    from network.models import Theme

    griffier = cohort_griffier()
    colleague = approved_griffier(people.municipality("GM0363"))
    text = "\n\n".join(PAYLOADS)
    thread = learning_actions.thread_create(
        actor=griffier,
        theme=Theme.objects.first(),
        kind=ThreadKind.QUESTION,
        title=PAYLOADS[0],
        text=text,
        voice=voices_of(griffier)[0],
    )
    learning_actions.answer_create(
        actor=colleague, thread=thread, text=text, voice=voices_of(colleague)[0]
    )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in (
        reverse("learning:threads"),
        reverse("learning:thread", args=[thread.pk]),
        reverse("learning:threads") + "?q=alert",
    ):
        page.context.clear_cookies()
        _log_in(page, live_server, client, colleague)
        page.goto(path)
        assert page.title() != "pwned"
        assert page.locator("img[src='x']").count() == 0
        assert page.locator("main script").count() == 0
        assert page.locator("main svg").count() == 0
        assert "<script>alert('xss-1')</script>" in page.locator("main").inner_text()
    assert dialogs == []

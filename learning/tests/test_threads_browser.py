"""In a real Chromium: a griffier of a participating body asks a question and mentions a
colleague, a griffier of another participating body answers, and the first griffier marks the
answer helpful; the pages work on a phone without horizontal scrolling."""

import pytest
from playwright.sync_api import expect

from accounts.tests import factories as people
from learning.models import Answer
from notifications.models import Notification
from tests.helpers import browser_login

from .factories import approved_griffier, cohort_griffier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots/learning-threads-"


def _switch_to(page, user):
    page.context.clear_cookies()
    browser_login(page, user.email, people.PASSWORD)


def test_a_griffier_asks_another_participant_answers_and_it_is_marked_helpful(page):
    griffier = cohort_griffier()
    griffier.full_name = "Greet Griffier"
    griffier.save(update_fields=["full_name"])
    colleague = approved_griffier(people.municipality("GM0363"))
    colleague.full_name = "Harm Hoekstra"
    colleague.save(update_fields=["full_name"])

    browser_login(page, griffier.email, people.PASSWORD)
    page.goto("/leernetwerk/vragen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vragen en ervaringen")
    page.get_by_role("link", name="Vraag stellen of ervaring delen").click()
    page.get_by_label("Vraag").check()
    page.get_by_label("Thema").select_option(label="Veilig vergaderen")
    page.get_by_label("Titel").fill("Hoe houdt u de publieke tribune rustig?")
    page.get_by_label("Tekst").fill("Bij ons werd het **onrustig** tijdens het debat over de AZC.")
    page.get_by_label("Deelnemers noemen").select_option(label="Harm Hoekstra")
    page.screenshot(path=SHOTS + "form.png", full_page=True)
    page.get_by_role("button", name="Plaatsen").click()
    expect(page.get_by_text("Uw bijdrage staat in het leernetwerk.")).to_be_visible()
    expect(page.locator("strong", has_text="onrustig")).to_be_visible()
    assert Notification.objects.filter(kind="learning.mentioned", recipient=colleague).exists()

    _switch_to(page, colleague)
    page.goto("/leernetwerk/vragen/?q=tribune")
    expect(page.get_by_role("status")).to_contain_text("1 bijdrage")
    page.screenshot(path=SHOTS + "list.png", full_page=True)
    page.get_by_role("link", name="Hoe houdt u de publieke tribune rustig?").click()
    expect(page.get_by_text("Greet Griffier, Gemeente Utrecht")).to_be_visible()
    page.get_by_label("Tekst").fill("Wij zetten een bode bij de ingang van de tribune.")
    page.get_by_role("button", name="Antwoord plaatsen").click()
    expect(page.get_by_text("Uw antwoord is geplaatst.")).to_be_visible()

    _switch_to(page, griffier)
    page.goto("/leernetwerk/vragen/")
    page.get_by_role("link", name="Hoe houdt u de publieke tribune rustig?").click()
    expect(page.get_by_text("Wij zetten een bode bij de ingang")).to_be_visible()
    page.get_by_role("button", name="Markeer als nuttig").click()
    expect(page.get_by_text("U hebt dit antwoord als nuttig gemarkeerd.")).to_be_visible()
    expect(page.locator(".badge", has_text="Nuttig")).to_be_visible()
    assert Answer.objects.get().helpful_at is not None
    page.screenshot(path=SHOTS + "detail.png", full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    detail = page.url
    for path in ("/leernetwerk/vragen/", "/leernetwerk/vragen/nieuw/", detail):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a phone"
    page.screenshot(path=SHOTS + "detail-phone.png", full_page=True)
    page.goto("/leernetwerk/vragen/")
    page.screenshot(path=SHOTS + "list-phone.png", full_page=True)
    page.goto("/leernetwerk/vragen/nieuw/")
    page.screenshot(path=SHOTS + "form-phone.png", full_page=True)


def test_bzk_hides_an_answer_locks_the_thread_and_drafts_a_practice(page):
    from learning import actions
    from learning.selectors import voices_of
    from learning.tests.test_threads import answer, post

    griffier = cohort_griffier()
    colleague = approved_griffier(people.municipality("GM0363"))
    thread = post(griffier, title="Bodes bij de tribune?")
    answer(colleague, thread, text="Een antwoord met een telefoonnummer.")
    actions.thread_practice_consent(actor=griffier, thread=thread, consent=True)
    staff = people.triage_staff(mfa=False, full_name="Bea BZK")
    secret = people.with_mfa(staff)
    assert voices_of(staff)[0].label == "BZK"

    browser_login(page, staff.email, people.PASSWORD, totp_secret=secret)
    page.goto(thread.get_absolute_url())
    page.get_by_text("Modereren").click()
    page.get_by_label("Reden (de schrijver en BZK lezen die)").first.fill("Persoonsgegevens.")
    page.get_by_role("button", name="Antwoord verbergen").click()
    expect(page.get_by_text("De bijdrage is verborgen voor de deelnemers.")).to_be_visible()
    page.get_by_role("button", name="Sluiten voor antwoorden").click()
    expect(page.get_by_text("Deze vraag is gesloten")).to_be_visible()
    expect(page.get_by_role("heading", name="Uw antwoord")).to_have_count(0)
    page.screenshot(path=SHOTS + "moderated.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SHOTS + "moderated-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Praktijkvoorbeeld maken").click()
    page.get_by_label("Iedereen (openbaar)").check()
    page.screenshot(path=SHOTS + "practice.png", full_page=True)
    page.get_by_role("button", name="Concept maken").click()
    expect(
        page.get_by_text("Het concept-praktijkvoorbeeld staat in de kennisbank.")
    ).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bodes bij de tribune?")

    _switch_to(page, griffier)
    page.goto(thread.get_absolute_url())
    expect(page.get_by_text("Verborgen door de moderator.")).to_be_visible()
    expect(page.get_by_text("telefoonnummer")).to_have_count(0)

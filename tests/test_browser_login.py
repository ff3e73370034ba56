"""The first steps of each kind of user, in a real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from accounts.tests import factories
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officeholder_logs_in_and_reaches_their_start_page(page):
    user = factories.officeholder(email="raadslid@example.test", full_name="Sem Jansen")
    browser_login(page, user.email, factories.PASSWORD)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Weerbaar Bestuur")
    expect(page.get_by_text("Welkom, Sem")).to_be_visible()
    expect(page.get_by_role("heading", name="Nu in gevaar?")).to_be_visible()


def test_staff_without_mfa_is_sent_to_the_mfa_setup(page):
    user = factories.triage_staff(mfa=False, email="bzk@example.test")
    browser_login(page, user.email, factories.PASSWORD)
    # allauth asks for the password once more before a second factor is added.
    expect(page).to_have_url(
        re.compile(r"/account/reauthenticate/\?next=%2Faccount%2F2fa%2Ftotp%2Factivate%2F")
    )
    page.goto("/uitnodigingen/")
    expect(page).to_have_url(re.compile(r"2fa%2Ftotp%2Factivate"))
    expect(page.get_by_text("Stel eerst tweestapsverificatie in")).to_be_visible()
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page).to_have_url(re.compile(r"/account/2fa/totp/activate/$"))
    page.screenshot(path="var/screenshots/mfa-activate.png", full_page=True)


def test_staff_with_mfa_passes_the_second_step_and_reaches_invitations(page):
    user = factories.triage_staff(mfa=False, email="bzk2@example.test")
    secret = factories.with_mfa(user)
    browser_login(page, user.email, factories.PASSWORD, totp_secret=secret)
    page.goto("/uitnodigingen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uitnodigingen")

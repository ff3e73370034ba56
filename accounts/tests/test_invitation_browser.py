"""Four eyes and taking up an extra role, in a real Chromium (CSP on, console clean)."""

import re

import pytest
from playwright.sync_api import expect

from accounts import actions
from accounts.models import Invitation, OfficeType, Role
from accounts.tests import factories
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots"


def test_a_second_staff_member_approves_a_waiting_invitation_on_a_phone_and_a_desktop(page):
    inviter = factories.triage_staff(full_name="Ineke Inviter")
    actions.invitation_create(
        actor=inviter, email="nieuw-team@example.test", role=Role.SUPPORT_TEAM
    )
    approver = factories.triage_staff(mfa=False, email="tweede@example.test")
    secret = factories.with_mfa(approver)
    browser_login(page, approver.email, factories.PASSWORD, totp_secret=secret)
    page.goto("/uitnodigingen/")
    expect(page.get_by_role("heading", name="Wachten op uw goedkeuring")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=f"{SHOTS}/invitations-approval-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{SHOTS}/invitations-approval-390.png", full_page=True)
    page.get_by_role("button", name="Goedkeuren nieuw-team@example.test").click()
    expect(
        page.get_by_text("U heeft de uitnodiging voor nieuw-team@example.test goedgekeurd")
    ).to_be_visible()
    invitation = Invitation.objects.get(email="nieuw-team@example.test")
    assert invitation.approved_by == approver


def test_a_signed_in_person_takes_up_an_extra_role_with_the_link(page):
    partner = factories.partner(email="ook-burgemeester@example.test")
    invitation = actions.invitation_create(
        actor=factories.triage_staff(),
        email=partner.email,
        role=Role.OFFICEHOLDER,
        office_type=OfficeType.BURGEMEESTER,
        body=factories.municipality(),
    )
    browser_login(page, partner.email, factories.PASSWORD)
    page.goto(f"/uitnodiging/{invitation.token}/")
    expect(page.get_by_role("heading", name="Extra rol bevestigen")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=f"{SHOTS}/invitation-confirm-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{SHOTS}/invitation-confirm-390.png", full_page=True)
    page.get_by_role("button", name="Rol toevoegen aan mijn account").click()
    expect(page).to_have_url(re.compile(r"/$"))
    partner.__dict__.pop("role_names", None)
    assert partner.is_officeholder and partner.is_partner

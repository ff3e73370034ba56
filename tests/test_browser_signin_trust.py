"""The two-step sign-in, the recovery codes, the trust pages and the contrast of the case
buttons in a real browser (Chromium, CSP on). Set SCREENSHOT_DIR to keep screenshots at 390 and
360 px."""

import os
import time

import pytest
from allauth.mfa.totp.internal.auth import hotp_value
from django.urls import reverse
from playwright.sync_api import expect

from accounts.tests import factories
from incidents.tests import factories as incident_factories
from tests.helpers import browser_login, clear_test_cache

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# WCAG 2.1 relative luminance and contrast ratio of an element's text against the first opaque
# background behind it (its own, or an ancestor's).
CONTRAST_JS = """
(element) => {
  const parse = (value) => value.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  let node = element, background = null;
  while (node && node.nodeType === 1) {
    const rgba = parse(getComputedStyle(node).backgroundColor);
    if (rgba.length < 4 || rgba[3] > 0) { background = rgba; break; }
    node = node.parentElement;
  }
  background = background || [255, 255, 255];
  const text = luminance(parse(getComputedStyle(element).color));
  const back = luminance(background);
  return (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05);
}
"""


def shoot(page, name):
    directory = os.environ.get("SCREENSHOT_DIR")
    for width in (390, 360):
        page.set_viewport_size({"width": width, "height": 800})
        # Nothing scrolls sideways on a phone (WCAG 1.4.10).
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
        if directory:
            page.screenshot(path=f"{directory}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def code_for(secret):
    left = 30 - time.time() % 30
    if left < 3:
        time.sleep(left + 0.1)
    return f"{hotp_value(secret, int(time.time()) // 30):06d}"


@pytest.mark.parametrize("name", ["privacy", "contact", "accessibility"])
def test_the_trust_pages_fit_a_phone(page, name):
    page.goto(reverse(name))
    page.get_by_role("contentinfo").get_by_role("link", name="Privacy").wait_for()
    shoot(page, name)


def test_the_two_step_sign_in_and_the_recovery_codes(page):
    clear_test_cache()
    staff = factories.triage_staff(mfa=False, email="twee-stappen@example.test")
    secret = factories.with_mfa(staff)
    page.goto("/account/login/")
    shoot(page, "login")
    page.get_by_label("E-mail").fill(staff.email)
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/2fa/authenticate/")
    code = page.get_by_label("Verificatiecode")
    # Focused, ready to type: no click needed. Chromium applies autofocus at its next rendering
    # step, which may come after the load event: wait for it rather than read the focus once.
    expect(code).to_be_focused()
    assert code.get_attribute("inputmode") == "numeric"
    assert code.get_attribute("autocomplete") == "one-time-code"
    assert page.get_by_role("banner").get_by_text("Inloggen", exact=True).count() == 0
    shoot(page, "two-step")
    page.keyboard.type(code_for(secret))
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Uitloggen").wait_for()
    # New recovery codes (the password asked again first), then a way on to the start page.
    page.goto(reverse("mfa_generate_recovery_codes"))
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_role("button", name="Nieuwe herstelcodes maken").click()
    page.wait_for_url("**/recovery-codes/")
    shoot(page, "recovery-codes")
    page.get_by_role("link", name="Verder naar de startpagina").click()
    page.wait_for_url(lambda url: url.endswith("/") and "/account/" not in url)


def test_the_case_buttons_have_enough_contrast_in_every_state(page):
    clear_test_cache()
    staff = factories.triage_staff(mfa=False, email="contrast@example.test")
    secret = factories.with_mfa(staff)
    incident = incident_factories.submitted()
    browser_login(page, staff.email, factories.PASSWORD, totp_secret=secret)
    page.get_by_role("button", name="Uitloggen").wait_for()
    checks = [
        (reverse("incidents:detail", args=[incident.pk]), "Markeren als urgent"),
        (reverse("incidents:detail", args=[incident.pk]), "Escaleren naar het Ondersteuningsteam"),
        (reverse("subsidies:list"), "Filteren"),
    ]
    for url, name in checks:
        page.goto(url)
        button = page.get_by_role("button", name=name, exact=True)
        states = {"rest": button.evaluate(CONTRAST_JS)}
        button.hover()
        page.wait_for_timeout(300)  # Bootstrap's colour transition
        states["hover"] = button.evaluate(CONTRAST_JS)
        page.mouse.move(0, 0)
        button.focus()
        page.wait_for_timeout(300)
        states["focus"] = button.evaluate(CONTRAST_JS)
        assert min(states.values()) >= 4.5, (name, states)

"""Site-wide behaviour: pages, headers, demo data, reference data."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.demo import DEMO_ACCOUNTS
from accounts.models import Role, User
from accounts.tests import factories
from government.models import GovernmentBody

pytestmark = pytest.mark.django_db


def test_home_explains_the_portal_to_a_visitor_and_offers_login(client):
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    assert "Voor wie is dit portaal?" in html
    assert 'href="tel:112"' in html
    assert reverse("account_login") in html


def test_home_routes_staff_to_their_work(client):
    client.force_login(factories.triage_staff())
    html = client.get("/").content.decode()
    assert reverse("accounts:invitation_list") in html


def test_home_shows_no_staff_work_to_an_officeholder(client):
    client.force_login(factories.officeholder())
    html = client.get("/").content.decode()
    assert reverse("accounts:invitation_list") not in html
    assert 'href="tel:112"' in html


def test_accessibility_statement_is_published(client):
    response = client.get("/toegankelijkheid", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Toegankelijkheidsverklaring" in html
    assert "WCAG" in html


def test_the_accessibility_statement_is_dated_says_how_it_was_tested_and_lists_problems(client):
    html = client.get(reverse("accessibility")).content.decode()
    assert "3 december 2026" in html
    assert "Hoe wij het hebben getest" in html
    assert "axe-core" in html
    assert "Bekende problemen" in html


@pytest.mark.parametrize("name", ["privacy", "contact", "accessibility"])
def test_the_trust_pages_are_public_and_linked_from_every_footer(client, name):
    url = reverse(name)
    assert client.get(url).status_code == 200  # no login
    footer = client.get("/").content.decode().split("<footer", 1)[1]
    assert f'href="{url}"' in footer


def test_the_privacy_statement_names_the_retention_periods_and_the_rights(client, settings):
    settings.RETENTION_CLOSED_CASE_DAYS = 731
    html = client.get(reverse("privacy")).content.decode()
    assert "731 dagen" in html  # read from the setting the retention task uses
    for right in ["Inzage", "Correctie", "Verwijdering"]:
        assert right in html
    assert "Wie uw gegevens ziet" in html
    assert reverse("contact") in html


def test_every_period_the_privacy_statement_names_is_found():
    import re
    from pathlib import Path

    from django.conf import settings as django_settings

    from weerbaar.pages import retention_periods

    template = Path(django_settings.BASE_DIR, "templates", "privacy.html").read_text()
    named = set(re.findall(r"periods\.(\w+)", template))
    periods = retention_periods()
    assert named <= set(periods), named - set(periods)
    assert all(isinstance(periods[name], int) and periods[name] > 0 for name in named)


def test_the_contact_page_gives_the_support_and_bzk_numbers(client, settings):
    settings.SUPPORT_PHONE = "0800-123 45 67"
    settings.BZK_CONTACT_PHONE = "070-765 43 21"
    html = client.get(reverse("contact")).content.decode()
    assert 'href="tel:08001234567"' in html
    assert 'href="tel:0707654321"' in html
    assert 'href="tel:112"' in html
    assert "Dag en nacht" in html


def test_every_page_carries_the_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "'nonce-" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "geolocation=()" in response["Permissions-Policy"]


def test_script_tags_carry_the_csp_nonce(client):
    response = client.get("/")
    html = response.content.decode()
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert html.count("<script") == html.count(f'nonce="{nonce}"') > 0


def test_pages_of_a_signed_in_person_are_not_cached(client):
    client.force_login(factories.officeholder())
    response = client.get("/")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_the_interface_is_dutch_by_default_and_english_on_request(client):
    assert '<html lang="nl">' in client.get("/").content.decode()
    response = client.get("/", headers={"accept-language": "en"})
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html


def test_seed_demo_makes_one_account_per_role_and_is_idempotent(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", "--password", "demo-wachtwoord-2026", stdout=out)
    expected = {
        "burgemeester@demo.test": Role.OFFICEHOLDER,
        "wethouder@demo.test": Role.OFFICEHOLDER,
        "collega@demo.test": Role.OFFICEHOLDER,
        "raadslid@demo.test": Role.OFFICEHOLDER,
        "griffier@demo.test": Role.GRIFFIER,
        "bzk@demo.test": Role.TRIAGE,
        "ondersteuning@demo.test": Role.SUPPORT_TEAM,
        "partner@demo.test": Role.PARTNER,
    }
    for email, role in expected.items():
        user = User.objects.get(email=email)
        assert user.has_role(role)
        assert user.check_password("demo-wachtwoord-2026")
    assert "bzk@demo.test:" in out.getvalue()  # its TOTP secret, shown once
    count = User.objects.count()
    again = io.StringIO()
    call_command("seed_demo", stdout=again)
    assert User.objects.count() == count
    assert "nothing changed" in again.getvalue()
    assert "bzk@demo.test:" not in again.getvalue()


def test_seed_demo_prints_a_generated_password_once(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    password = out.getvalue().split("(shown only now): ")[1].split()[0]
    assert User.objects.get(email="raadslid@demo.test").check_password(password)


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        call_command("seed_demo", "--password", "x" * 16)
    assert not User.objects.filter(email__endswith="@demo.test").exists()
    call_command("seed_demo", "--password", "x" * 16, "--force", stdout=io.StringIO())
    assert User.objects.filter(email__endswith="@demo.test").count() == len(DEMO_ACCOUNTS)


def test_loading_reference_data_again_changes_nothing():
    before = GovernmentBody.objects.count()
    out = io.StringIO()
    call_command("load_government_bodies", stdout=out)
    assert GovernmentBody.objects.count() == before == 342 + 12 + 21
    assert "342 municipalities" in out.getvalue()


def test_an_unknown_page_is_a_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()

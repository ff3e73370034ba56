""" "Mijn account": what each role sees and may follow from it, and the name change."""

import html
import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from accounts.tests import factories
from audit.models import AccessEntry
from homescan.tests import factories as homescan_factories
from incidents.tests import factories as incident_factories

pytestmark = pytest.mark.django_db

ACCOUNT = "/account/mijn/"


def links_on(response) -> list[str]:
    """Every link and form action on the page that stays on the portal, without fragments."""
    content = response.content.decode()
    targets = re.findall(r'<a [^>]*href="([^"]+)"', content)
    urls = []
    for target in targets:
        target = html.unescape(target)
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path:
            continue  # tel: links, the skip link "#inhoud"
        urls.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return sorted(set(urls))


def assert_every_link_is_open_to(client, response):
    """Each link on the page answers this person: a page (200) or a step on to one, such as
    the password asked again (302, never to the login page); never 403 or 404."""
    refused = []
    for url in links_on(response):
        answer = client.get(url)
        if answer.status_code == 200:
            continue
        if answer.status_code == 302 and not answer["Location"].startswith(
            reverse("account_login")
        ):
            continue
        refused.append(f"{url}: {answer.status_code} {answer.get('Location', '')}")
    assert not refused, refused


def test_the_address_is_the_one_the_menu_and_the_tab_bar_use(client):
    assert reverse("accounts:account") == ACCOUNT
    client.force_login(factories.officeholder())
    page = client.get(reverse("account_email")).content.decode()
    assert f'href="{ACCOUNT}">Mijn account</a>' in page  # the main menu
    assert f'href="{ACCOUNT}">Overzicht</a>' in page  # the tab bar of the account pages
    own = client.get(ACCOUNT).content.decode()
    assert f'aria-current="page" href="{ACCOUNT}">Overzicht</a>' in own


def test_someone_signed_out_is_sent_to_the_login_page(client):
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_officeholder_sees_their_account_and_every_way_on(client):
    reporter = incident_factories.reporter(full_name="Olga Ambtsdrager")
    incident = incident_factories.submitted(reporter)
    draft = incident_factories.draft(reporter)
    scan = homescan_factories.scan(owner=reporter)
    someone_elses = incident_factories.submitted()
    client.force_login(reporter)

    response = client.get(ACCOUNT)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Olga Ambtsdrager" in page and reporter.email in page
    links = links_on(response)
    for expected in (
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("incidents:detail", args=[incident.pk]),
        reverse("incidents:case_readers", args=[incident.pk]),
        reverse("homescan:readers", args=[scan.pk]),
        reverse("audit:erasure"),
    ):
        assert expected in links, expected
    assert reverse("incidents:case_readers", args=[draft.pk]) not in links  # nobody reads drafts
    assert someone_elses.reference not in page
    assert reverse("incidents:case_readers", args=[someone_elses.pk]) not in links
    assert "Staat uit." in page and "niet verplicht" in page  # offered, not required
    assert 'action="/i18n/setlang/"' in page
    assert incident.get_notify_by_display() in page
    assert_every_link_is_open_to(client, response)


def test_triage_staff_see_their_notice_choice_and_no_erasure_of_reports(client):
    staff = factories.triage_staff()
    client.force_login(staff)

    response = client.get(ACCOUNT)

    assert response.status_code == 200
    page = response.content.decode()
    links = links_on(response)
    assert reverse("audit:erasure") not in links
    assert reverse("contact") in links
    assert reverse("incidents:rota") in links
    assert "Staat aan." in page and "verplicht" in page
    assert "Melding " not in page  # no reports of their own
    assert_every_link_is_open_to(client, response)


@pytest.mark.parametrize(
    "make_user", [factories.griffier, factories.partner, factories.support_team_member]
)
def test_every_other_role_gets_a_page_whose_links_all_open(client, make_user):
    client.force_login(make_user())
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    assert reverse("audit:erasure") not in links_on(response)
    assert_every_link_is_open_to(client, response)


def test_staff_without_a_second_factor_set_it_up_first(client):
    client.force_login(factories.triage_staff(mfa=False))
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_an_address_change_waiting_for_its_link_is_shown(client):
    from allauth.account.models import EmailAddress

    user = factories.officeholder()
    EmailAddress.objects.create(user=user, email="nieuw@example.test", verified=False)
    client.force_login(user)
    page = client.get(ACCOUNT).content.decode()
    assert "U wijzigt dit in nieuw@example.test" in page


def test_a_person_changes_their_name_and_the_change_is_on_the_audit_trail(client):
    user = factories.officeholder(full_name="Oude Naam")
    client.force_login(user)

    response = client.post(ACCOUNT, {"full_name": "  Nieuwe   Naam "})

    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    user.refresh_from_db()
    assert user.full_name == "Nieuwe Naam"
    [entry] = AccessEntry.objects.filter(object_type="accounts.user", object_id=str(user.pk))
    assert (entry.actor_id, entry.action, entry.what) == (user.pk, "change", "name_changed")
    assert "Naam" not in entry.what  # the trail holds no names
    assert "Uw naam is gewijzigd." in client.get(ACCOUNT).content.decode()


def test_the_same_name_again_changes_and_records_nothing(client):
    user = factories.officeholder(full_name="Zelfde Naam")
    client.force_login(user)
    assert client.post(ACCOUNT, {"full_name": "Zelfde Naam"}).status_code == 302
    assert not AccessEntry.objects.filter(object_type="accounts.user").exists()


def test_an_empty_name_is_refused_with_a_message_at_the_field(client):
    user = factories.officeholder(full_name="Blijft Staan")
    client.force_login(user)

    response = client.post(ACCOUNT, {"full_name": "   "})

    assert response.status_code == 200
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    user.refresh_from_db()
    assert user.full_name == "Blijft Staan"
    assert not AccessEntry.objects.filter(object_type="accounts.user").exists()


def test_the_name_form_changes_only_the_name(client):
    user = factories.officeholder(full_name="Olga")
    client.force_login(user)
    client.post(
        ACCOUNT,
        {"full_name": "Olga B", "email": "ander@example.test", "is_staff": "on", "language": "en"},
    )
    user.refresh_from_db()
    assert (user.full_name, user.email, user.is_staff, user.language) == (
        "Olga B",
        user.email,
        False,
        "nl",
    )
    assert user.email != "ander@example.test"


def test_the_language_form_stores_the_choice_on_the_account_and_returns_here(client):
    user = factories.officeholder()
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "en", "next": ACCOUNT})
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    user.refresh_from_db()
    assert user.language == "en"


def test_the_page_costs_the_same_queries_however_many_reports_and_scans(
    client, django_assert_num_queries
):
    few = incident_factories.reporter()
    incident_factories.submitted(few)
    homescan_factories.scan(owner=few)
    many = incident_factories.reporter()
    for _ in range(4):
        incident_factories.submitted(many)
        homescan_factories.scan(owner=many)

    client.force_login(few)
    client.get(ACCOUNT)
    with django_assert_num_queries(QUERY_BUDGET):
        assert client.get(ACCOUNT).status_code == 200
    client.force_login(many)
    client.get(ACCOUNT)
    with django_assert_num_queries(QUERY_BUDGET):
        assert client.get(ACCOUNT).status_code == 200


# Session, user and role names; the page: roles with their bodies, an address change under way,
# the second factor, the reports, the scans, the erasure request; the main menu: partner
# membership and starterspakket (2).
QUERY_BUDGET = 11

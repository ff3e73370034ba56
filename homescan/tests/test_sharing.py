"""Need-to-know: the owner sees their scan; staff only a shared one, and each staff read is
logged; everyone else gets a 404 on every page of the scan."""

import pytest
from django.urls import reverse

from accounts.tests import factories as people
from audit.models import AccessEntry
from homescan import actions
from homescan.tests import factories

pytestmark = pytest.mark.django_db

PAGES = ["homescan:result", "homescan:pdf"]


def people_around(scan):
    return {
        "owner": scan.owner,
        "colleague": people.officeholder(body=people.municipality()),
        "griffier": people.griffier(),
        "staff": people.triage_staff(),
        "support_team": people.support_team_member(),
        "partner": people.partner(),
    }


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 200),
        ("colleague", 404),
        ("griffier", 404),
        ("staff", 404),
        ("support_team", 404),
        ("partner", 404),
    ],
)
def test_an_unshared_scan_is_for_the_owner_only(client, page, who, status):
    scan = factories.scan()
    client.force_login(people_around(scan)[who])
    assert client.get(reverse(page, args=[scan.pk])).status_code == status
    assert not AccessEntry.objects.filter(action="read").exists()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 200),
        ("colleague", 404),
        ("griffier", 404),
        ("staff", 200),
        ("support_team", 404),
        ("partner", 404),
    ],
)
def test_a_shared_scan_is_for_the_owner_and_staff(client, page, who, status):
    scan = factories.scan()
    actions.scan_share(actor=scan.owner, scan=scan)
    client.force_login(people_around(scan)[who])
    assert client.get(reverse(page, args=[scan.pk])).status_code == status


def test_a_staff_read_is_logged_without_content_and_an_owner_read_is_not(client):
    scan = factories.scan()
    actions.scan_share(actor=scan.owner, scan=scan)
    staff = people.triage_staff()
    client.force_login(scan.owner)
    client.get(reverse("homescan:result", args=[scan.pk]))
    assert not AccessEntry.objects.filter(action="read").exists()
    client.force_login(staff)
    client.get(reverse("homescan:result", args=[scan.pk]))
    client.get(reverse("homescan:pdf", args=[scan.pk]))
    reads = AccessEntry.objects.filter(action="read").order_by("at", "pk")
    assert list(reads.values_list("actor", "what", "object_type", "object_id")) == [
        (staff.pk, "detail", "homescan.scanresult", str(scan.pk)),
        (staff.pk, "pdf", "homescan.scanresult", str(scan.pk)),
    ]


def test_withdrawing_the_share_ends_staff_access(client):
    scan = factories.scan()
    actions.scan_share(actor=scan.owner, scan=scan)
    client.force_login(scan.owner)
    client.post(reverse("homescan:share", args=[scan.pk]), {"withdraw": "1"})
    scan.refresh_from_db()
    assert not scan.is_shared
    client.force_login(people.triage_staff())
    assert client.get(reverse("homescan:result", args=[scan.pk])).status_code == 404


def test_only_the_owner_shares_or_withdraws(client):
    scan = factories.scan()
    staff = people.triage_staff()
    client.force_login(staff)
    assert client.post(reverse("homescan:share", args=[scan.pk])).status_code == 404
    client.force_login(scan.owner)
    response = client.post(reverse("homescan:share", args=[scan.pk]))
    assert response["Location"] == reverse("homescan:result", args=[scan.pk])
    scan.refresh_from_db()
    assert scan.is_shared
    client.force_login(staff)
    assert (
        client.post(reverse("homescan:share", args=[scan.pk]), {"withdraw": "1"}).status_code == 404
    )
    scan.refresh_from_db()
    assert scan.is_shared


def test_staff_list_shows_only_shared_scans_within_a_query_budget(
    client, django_assert_max_num_queries
):
    shared = [factories.scan(owner=people.officeholder(full_name=f"Gedeeld {i}")) for i in range(3)]
    for scan in shared:
        actions.scan_share(actor=scan.owner, scan=scan)
    factories.scan(owner=people.officeholder(full_name="Niet Gedeeld"))
    client.force_login(people.triage_staff())
    with django_assert_max_num_queries(12):
        response = client.get(reverse("homescan:shared"))
    page = response.content.decode()
    assert page.count("Gedeeld ") >= 3
    assert "Niet Gedeeld" not in page
    # Listing does not count as reading a scan.
    assert not AccessEntry.objects.filter(action="read").exists()


def test_the_shared_list_is_for_staff_only(client):
    for user in (people.officeholder(), people.griffier(), people.partner()):
        client.force_login(user)
        assert client.get(reverse("homescan:shared")).status_code == 404


def test_the_read_log_outlives_a_deleted_scan(client):
    scan = factories.scan()
    actions.scan_share(actor=scan.owner, scan=scan)
    staff = people.triage_staff()
    client.force_login(staff)
    client.get(reverse("homescan:result", args=[scan.pk]))
    scan_id = scan.pk
    actions.scan_delete(actor=scan.owner, scan=scan)
    reads = AccessEntry.objects.filter(object_type="homescan.scanresult", object_id=str(scan_id))
    assert list(reads.values_list("actor", "action", "what")) == [(staff.pk, "read", "detail")]
    admin = people.administrator()
    client.force_login(admin)
    assert client.get(reverse("admin:audit_accessentry_changelist")).status_code == 200


def test_the_owner_of_a_shared_scan_sees_who_read_it_and_what_in_dutch(
    client, django_assert_num_queries
):
    scan = factories.scan()
    actions.scan_share(actor=scan.owner, scan=scan)
    staff = people.triage_staff(full_name="Bea Behandelaar")
    client.force_login(staff)
    client.get(reverse("homescan:result", args=[scan.pk]))
    client.get(reverse("homescan:pdf", args=[scan.pk]))
    client.force_login(scan.owner)
    url = reverse("homescan:readers", args=[scan.pk])
    assert url in client.get(reverse("homescan:result", args=[scan.pk])).content.decode()
    # session, user, roles, the scan, the reads with the names in one, the menu (two)
    with django_assert_num_queries(7):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("Bea Behandelaar") == 1
    assert "de gegevens, de pdf" in body
    assert staff.email not in body
    assert ">detail<" not in body and ">pdf<" not in body


def test_an_unread_scan_says_nobody_opened_it(client):
    scan = factories.scan()
    client.force_login(scan.owner)
    assert (
        "Nog niemand heeft uw scan geopend."
        in client.get(reverse("homescan:readers", args=[scan.pk])).content.decode()
    )


@pytest.mark.parametrize("who", ["colleague", "griffier", "staff", "support_team", "partner"])
def test_who_read_a_scan_is_for_its_owner_only(client, who):
    scan = factories.scan()
    actions.scan_share(actor=scan.owner, scan=scan)
    actions.scan_record_read(reader=people.triage_staff(), scan=scan, what="detail")
    client.force_login(people_around(scan)[who])
    assert client.get(reverse("homescan:readers", args=[scan.pk])).status_code == 404

"""The pages: what each person sees, what they may not (a 404), and the query budgets."""

import pytest
from django.urls import reverse

from accounts.tests import factories as people
from network import actions
from network.models import Audience, JoinRequest, KnowledgeItem, Membership, Theme
from network.tests.factories import contact_person, item, member, organisation
from network.workflow import ItemStatus

pytestmark = pytest.mark.django_db


def test_the_public_directory_lists_the_partners_without_personal_data(client):
    contact = contact_person(full_name="Carla Contact", email="carla@nvvr.example")
    response = client.get(reverse("network:directory"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nederlandse Vereniging voor Raadsleden" in html
    assert "Arq Psychotrauma Expert Groep" in html
    assert contact.email not in html and "Carla Contact" not in html
    page = client.get(reverse("network:organisation", args=["nvvr"])).content.decode()
    assert contact.email not in page and "Carla Contact" not in page


def test_members_and_staff_see_the_contact_persons_outsiders_get_a_404(client):
    contact = contact_person(full_name="Carla Contact", email="carla@nvvr.example")
    url = reverse("network:members_directory")
    for outsider in (people.partner(), people.griffier()):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    for insider in (member(organisation("vng")), people.triage_staff()):
        client.force_login(insider)
        response = client.get(url)
        assert response.status_code == 200
        assert contact.email in response.content.decode()


def test_the_members_directory_costs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    client.force_login(member())
    contact_person()
    with django_assert_max_num_queries(12) as first:
        client.get(reverse("network:members_directory"))
    for slug in ("vng", "ipo", "uvw", "ccv"):
        contact_person(organisation(slug))
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("network:members_directory"))


def test_a_person_asks_to_join_and_the_contact_person_approves_on_the_page(client):
    contact = contact_person()
    applicant = people.UserFactory(full_name="Nieuw Lid")
    client.force_login(applicant)
    page = reverse("network:organisation", args=["nvvr"])
    response = client.post(
        reverse("network:join", args=["nvvr"]), {"motivation": "Beleidsmedewerker"}
    )
    assert response.status_code == 302
    request = JoinRequest.objects.get(user=applicant)
    # A colleague of the applicant cannot decide; the contact person can.
    client.force_login(member())
    url = reverse("network:join_decide", args=[request.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 404
    client.force_login(contact)
    assert "Nieuw Lid" in client.get(page).content.decode()
    client.post(url, {"decision": "approve"})
    assert Membership.objects.active().filter(user=applicant).exists()


def test_deciding_a_request_twice_says_so_on_the_page(client):
    contact = contact_person()
    request = actions.join_request_create(actor=people.UserFactory(), organisation=organisation())
    client.force_login(contact)
    url = reverse("network:join_decide", args=[request.pk])
    client.post(url, {"decision": "approve"})
    response = client.post(url, {"decision": "reject"}, follow=True)
    assert response.status_code == 200
    assert "Over deze aanmelding is al besloten." in response.content.decode()
    request.refresh_from_db()
    assert request.status == "approved"


def test_a_member_leaves_from_the_page_and_loses_partner_items_at_once(client):
    colleague = member()
    secret = item(audience=Audience.PARTNERS, title="Alleen voor partners")
    client.force_login(colleague)
    assert client.get(reverse("network:item", args=[secret.pk])).status_code == 200
    membership = Membership.objects.active().get(user=colleague)
    client.post(reverse("network:membership_end", args=[membership.pk]))
    assert client.get(reverse("network:item", args=[secret.pk])).status_code == 404
    assert client.get(reverse("network:item_pdf", args=[secret.pk])).status_code == 404


def test_only_a_contact_person_invites_from_the_page(
    client, eager_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("network:invite", args=["nvvr"])
    client.force_login(member())
    assert client.post(url, {"full_name": "A", "email": "a@example.test"}).status_code == 404
    client.force_login(contact_person())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"full_name": "A", "email": "a@example.test"})
    assert [m.to for m in mailoutbox] == [["a@example.test"]]


@pytest.mark.parametrize("view", ["network:item", "network:item_pdf"])
def test_an_item_you_may_not_read_is_a_404(client, view):
    partners_only = item(audience=Audience.PARTNERS)
    draft = item(status=ItemStatus.DRAFT, author=member())
    for target in (partners_only, draft):
        assert client.get(reverse(view, args=[target.pk])).status_code == 404
        client.force_login(people.griffier())
        assert client.get(reverse(view, args=[target.pk])).status_code == 404
        client.logout()


def test_the_item_page_shows_sanitised_html_a_table_of_contents_and_related_items(client):
    theme = Theme.objects.filter(slug="nazorg")
    body = "## Eerst\n\ntekst <script>alert(1)</script>\n\n## Dan\n\nmeer\n\n## Tot slot\n\neinde"
    shown = item(title="Nazorg voor het gezin", body=body, themes=theme)
    item(title="Nazorg na bedreiging", themes=theme)
    response = client.get(reverse("network:item", args=[shown.pk]))
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert 'href="#sectie-eerst"' in html
    assert "Nazorg na bedreiging" in html  # related


def test_the_knowledge_list_costs_a_fixed_number_of_queries(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    for n in range(3):
        item(title=f"Handreiking {n}", themes=Theme.objects.all()[:2])
    client.force_login(member())
    client.get(reverse("network:knowledge"))  # warm the session and caches
    # 9, and on PostgreSQL 3 more for a search: the planner setting of the page query in a
    # savepoint of its own (in production a transaction: 1 more).
    with django_assert_max_num_queries(12) as first:
        client.get(reverse("network:knowledge"), {"q": "handreiking", "theme": ""})
    for n in range(15):
        item(title=f"Handreiking extra {n}", themes=Theme.objects.all()[:3])
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(reverse("network:knowledge"), {"q": "handreiking"})
    assert "Handreiking extra 14" in response.content.decode()


def test_a_partner_writes_submits_and_staff_publish_through_the_pages(client):
    author = member()
    client.force_login(author)
    response = client.post(
        reverse("network:item_create"),
        {
            "kind": "protocol",
            "title": "Protocol tribune",
            "summary": "Wat te doen als het onrustig wordt op de tribune.",
            "body": "## Stappen\n\n1. Schors de vergadering.",
            "audience": "signed_in",
            "tags": "tribune, schorsen",
            "status": "published",  # not a form field: ignored
        },
    )
    created = KnowledgeItem.objects.get(title="Protocol tribune")
    assert response.status_code == 302
    assert created.status == ItemStatus.DRAFT
    assert created.organisation == organisation()
    transition = reverse("network:item_transition", args=[created.pk])
    client.post(transition, {"to": "in_review"})
    client.post(transition, {"to": "published"})  # refused to the author
    created.refresh_from_db()
    assert created.status == ItemStatus.IN_REVIEW
    client.force_login(people.triage_staff())
    client.post(transition, {"to": "published"})
    created.refresh_from_db()
    assert created.status == ItemStatus.PUBLISHED


def test_an_outsider_cannot_open_the_editor(client):
    client.force_login(people.partner())
    assert client.get(reverse("network:item_create")).status_code == 404
    target = item(author=member(), status=ItemStatus.DRAFT)
    client.force_login(member())
    assert client.get(reverse("network:item_edit", args=[target.pk])).status_code == 404


def test_feedback_needs_a_login_and_is_stored_once(client):
    published = item()
    url = reverse("network:feedback", args=[published.pk])
    assert client.post(url, {"useful": "yes"}).status_code == 302
    assert not published.feedback.exists()
    reader = people.griffier()
    client.force_login(reader)
    client.post(url, {"useful": "yes"})
    client.post(url, {"useful": "no"})
    assert list(published.feedback.values_list("useful", flat=True)) == [False]


def test_attachments_are_checked_and_served_only_to_readers(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from subsidies.tests.factories import PDF_BYTES

    staff = people.triage_staff()
    target = item(audience=Audience.PARTNERS, staff=staff)
    client.force_login(staff)
    url = reverse("network:attachment_add", args=[target.pk])
    client.post(url, {"title": "Script", "file": SimpleUploadedFile("x.pdf", b"<script>")})
    assert not target.attachments.exists()
    client.post(url, {"title": "Draaiboek", "file": SimpleUploadedFile("d.pdf", PDF_BYTES)})
    attachment = target.attachments.get()
    download = reverse("network:attachment", args=[target.pk, attachment.pk])
    response = client.get(download)
    assert response["Content-Disposition"].startswith('attachment; filename="draaiboek.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(people.griffier())
    assert client.get(download).status_code == 404


def test_the_pdf_of_a_guide_is_a_pdf_with_its_text(client):
    from io import BytesIO

    from pypdf import PdfReader

    guide = item(
        title="Handreiking veilig vergaderen",
        body="## Voorbereiding\n\nMaak een draaiboek. <script>x</script>\n\n[bron](file:///etc/passwd)",
    )
    response = client.get(reverse("network:item_pdf", args=[guide.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Handreiking veilig vergaderen" in text
    assert "Maak een draaiboek." in text
    assert "root:" not in text


def test_staff_see_the_review_queue_a_partner_their_drafts(client):
    author = member()
    waiting = item(author=author, status=ItemStatus.IN_REVIEW, title="Wacht op redactie")
    mine = item(author=author, status=ItemStatus.DRAFT, title="Mijn concept")
    client.force_login(people.triage_staff())
    assert waiting.title in client.get(reverse("network:review_queue")).content.decode()
    client.force_login(author)
    html = client.get(reverse("network:review_queue")).content.decode()
    assert mine.title in html
    actions.knowledge_item_transition(
        actor=people.triage_staff(), item=waiting, to_status=ItemStatus.PUBLISHED
    )


def test_staff_appoint_a_contact_person_on_the_page_a_contact_person_may_not(client):
    colleague = member()
    membership = Membership.objects.active().get(user=colleague)
    url = reverse("network:membership_role", args=[membership.pk])
    client.force_login(contact_person())
    assert client.post(url, {"role": "contact"}).status_code == 404
    staff = people.triage_staff()
    client.force_login(staff)
    assert (
        "Maak contactpersoon"
        in client.get(reverse("network:organisation", args=["nvvr"])).content.decode()
    )
    client.post(url, {"role": "contact"})
    membership.refresh_from_db()
    assert membership.role == "contact"


def test_the_public_directory_costs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        response = client.get(reverse("network:directory"))
    assert response.status_code == 200
    assert "Ministeries" in response.content.decode()

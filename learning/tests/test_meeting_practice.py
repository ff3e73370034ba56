"""A meeting's report becomes a draft practice example of the knowledge base, as a thread
does: with the consent of the report's writer, once, and without the names of the people who
registered. BZK (the host), a participant and an outsider."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.tests import factories as people
from audit.models import AccessEntry
from learning import actions
from learning.tests import factories
from network.models import Audience, KnowledgeKind
from network.workflow import ItemStatus

pytestmark = pytest.mark.django_db

REPORT = (
    "## Wat we leerden\n\nGerda Griffier vertelde hoe de tribune ontruimd werd. "
    "Volgens gerda griffier hielp een tweede uitgang; Bea BZK vatte samen."
)


@pytest.fixture
def host():
    return people.triage_staff(full_name="Bea BZK")


@pytest.fixture
def griffier():
    """A griffier of a participating body, named in the report."""
    body = factories.participant().role_assignments.get().body
    return people.griffier(body=body, full_name="Gerda Griffier")


@pytest.fixture
def reported(host, griffier):
    """A meeting that began, the griffier registered and attended, with the host's report."""
    meeting = factories.meeting(actor=host)
    registration = actions.meeting_register(actor=griffier, meeting=meeting)
    factories.begin(meeting)
    actions.meeting_attendance_record(actor=host, meeting=meeting, attended=[registration.pk])
    return actions.meeting_report_save(actor=host, meeting=meeting, report=REPORT)


def test_the_report_names_its_writer(reported, host):
    assert reported.report_by == host


def test_bzk_needs_the_report_writers_consent_for_a_practice(reported, host, griffier):
    other_host = people.triage_staff()
    with pytest.raises(actions.NoConsent):
        actions.meeting_report_to_practice(
            actor=other_host, meeting=reported, audience=Audience.PUBLIC
        )
    for not_the_writer in (other_host, griffier):
        with pytest.raises(PermissionDenied):
            actions.meeting_report_practice_consent(
                actor=not_the_writer, meeting=reported, consent=True
            )


def test_a_consented_report_becomes_a_draft_practice_without_names(reported, host, griffier):
    actions.meeting_report_practice_consent(actor=host, meeting=reported, consent=True)
    assert AccessEntry.objects.filter(actor=host, what="practice_consent").exists()
    with pytest.raises(PermissionDenied):
        actions.meeting_report_to_practice(
            actor=griffier, meeting=reported, audience=Audience.PUBLIC
        )
    with pytest.raises(ValueError):
        actions.meeting_report_to_practice(actor=host, meeting=reported, audience="signed_in")
    other_host = people.triage_staff()
    item = actions.meeting_report_to_practice(
        actor=other_host, meeting=reported, audience=Audience.PARTNERS
    )
    assert (item.kind, item.status, item.audience) == (
        KnowledgeKind.PRACTICE,
        ItemStatus.DRAFT,
        Audience.PARTNERS,
    )
    assert [theme.slug for theme in item.themes.all()] == ["veilig-vergaderen"]
    assert item.title == reported.title
    assert "hoe de tribune ontruimd werd" in item.body and "tweede uitgang" in item.body
    text = (item.title + item.summary + item.body).lower()
    for name in ("gerda griffier", "bea bzk", griffier.email.lower()):
        assert name not in text
    assert item.body.count("[naam]") == 3
    assert item.author == other_host and item.government_body is None
    reported.refresh_from_db()
    assert reported.practice == item
    assert AccessEntry.objects.filter(actor=other_host, what="practice").exists()
    with pytest.raises(actions.AlreadyPractice):
        actions.meeting_report_to_practice(actor=host, meeting=reported, audience=Audience.PUBLIC)
    with pytest.raises(actions.AlreadyPractice):
        actions.meeting_report_practice_consent(actor=host, meeting=reported, consent=False)


def test_a_changed_report_takes_the_consent_back(reported, host):
    actions.meeting_report_practice_consent(actor=host, meeting=reported, consent=True)
    actions.meeting_report_save(actor=host, meeting=reported, report=REPORT)  # unchanged
    reported.refresh_from_db()
    assert reported.practice_consent_at is not None
    corrector = people.triage_staff()
    actions.meeting_report_save(actor=corrector, meeting=reported, report=REPORT + " Einde.")
    reported.refresh_from_db()
    assert reported.practice_consent_at is None and reported.report_by == corrector
    with pytest.raises(actions.NoConsent):
        actions.meeting_report_to_practice(actor=host, meeting=reported, audience=Audience.PUBLIC)


def test_the_writer_consents_and_bzk_makes_the_draft_on_the_pages(client, reported, host):
    client.force_login(host)
    page = client.get(reported.get_absolute_url()).content.decode()
    assert "Ja, BZK mag dit verslag gebruiken" in page
    practice = reverse("learning:report_practice", args=[reported.pk])
    assert practice not in page
    client.post(reverse("learning:report_consent", args=[reported.pk]), {"consent": "1"})
    page = client.get(reported.get_absolute_url()).content.decode()
    assert "Toestemming intrekken" in page and practice in page
    assert client.get(practice).status_code == 200
    assert client.post(practice, {"audience": "nobody"}).status_code == 400
    response = client.post(practice, {"audience": "public"})
    reported.refresh_from_db()
    assert response["Location"] == reported.practice.get_absolute_url()
    assert reported.practice.audience == Audience.PUBLIC
    assert "Naar het praktijkvoorbeeld" in client.get(reported.get_absolute_url()).content.decode()


def test_the_report_practice_urls_are_a_404_to_participants_and_outsiders(
    client, reported, host, griffier
):
    actions.meeting_report_practice_consent(actor=host, meeting=reported, consent=True)
    consent = reverse("learning:report_consent", args=[reported.pk])
    practice = reverse("learning:report_practice", args=[reported.pk])
    for person in (griffier, people.griffier(body=people.municipality("GM0363"))):
        client.force_login(person)
        assert client.get(practice).status_code == 404
        assert client.post(practice, {"audience": "public"}).status_code == 404
        assert client.post(consent, {"consent": "0"}).status_code == 404
    # Another host may make the draft but not give or take back the writer's consent.
    client.force_login(people.triage_staff())
    assert client.post(consent, {"consent": "0"}).status_code == 404
    reported.refresh_from_db()
    assert reported.practice_consent_at is not None and reported.practice is None

"""learning/privacy.py: an erasure cancels the person's coming places (the waiting list moves
up) and deletes their registrations and memberships; their questions, experiences and
answers stay as "Verwijderde deelnemer" without their text; other people's stay."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests import factories as people
from audit.models import ErasureRequest
from audit.retention import apply_retention
from learning import actions, selectors
from learning.models import (
    MeetingRegistration,
    MeetingRegistrationStatus,
    NetworkMember,
    ThreadKind,
)
from learning.tests import factories
from network.models import Theme

pytestmark = pytest.mark.django_db


def test_an_erasure_gives_the_place_to_the_waiting_list_and_deletes_the_person_s_rows():
    meeting = factories.meeting(capacity=1)
    griffier = factories.participant()
    body = griffier.role_assignments.get().body
    person = people.officeholder(body=body)
    actions.network_member_add(actor=griffier, body=body, user=person)
    actions.meeting_register(actor=person, meeting=meeting)
    waiting = actions.meeting_register(actor=griffier, meeting=meeting)
    ErasureRequest.objects.create(
        user=person,
        confirmed_at=timezone.now() - timedelta(days=60),
        reminder_sent_at=timezone.now() - timedelta(days=50),
    )
    assert apply_retention()["erasures"] == 1
    waiting.refresh_from_db()
    assert waiting.status == MeetingRegistrationStatus.CONFIRMED
    assert not MeetingRegistration.objects.filter(user=person).exists()
    assert not NetworkMember.objects.filter(user=person).exists()


def _erase(person):
    ErasureRequest.objects.create(
        user=person,
        confirmed_at=timezone.now() - timedelta(days=60),
        reminder_sent_at=timezone.now() - timedelta(days=50),
    )
    assert apply_retention()["erasures"] == 1


def test_an_erasure_removes_the_persons_posts_text_and_name_and_keeps_the_others(client):
    griffier = factories.cohort_griffier()
    colleague = factories.approved_griffier(people.municipality("GM0363"))
    theme = Theme.objects.get(slug="veilig-vergaderen")

    def post(author, title, text):
        return actions.thread_create(
            actor=author,
            theme=theme,
            kind=ThreadKind.QUESTION,
            title=title,
            text=text,
            voice=selectors.voices_of(author)[0],
        )

    def answer(author, thread, text):
        return actions.answer_create(
            actor=author, thread=thread, text=text, voice=selectors.voices_of(author)[0]
        )

    own = post(griffier, "Bedreigd na de raadsvergadering", "Mijn buurman Karel zag het.")
    actions.thread_practice_consent(actor=griffier, thread=own, consent=True)
    reply_on_own = answer(colleague, own, "Bel de politie.")
    others = post(colleague, "Camera's op de tribune", "Wie heeft ervaring?")
    own_reply = answer(griffier, others, "Wij filmen alleen de sprekers, zegt Karel.")
    actions.answer_mark_helpful(actor=colleague, answer=own_reply)

    _erase(griffier)

    own.refresh_from_db()
    own_reply.refresh_from_db()
    for post_ in (own, own_reply):
        assert post_.erased_at is not None and post_.author is None
        assert (post_.text, post_.text_html) == ("", "")
    assert own.title == "" and own.practice_consent_at is None
    assert own_reply.helpful_at is not None  # the thread's author's mark stays theirs
    # Other people's posts stay as they were.
    for kept in (reply_on_own, others):
        kept.refresh_from_db()
        assert kept.erased_at is None and kept.author == colleague and kept.text

    client.force_login(colleague)
    page = client.get(own.get_absolute_url()).content.decode()
    assert "Verwijderde deelnemer" in page and "Verwijderde bijdrage" in page
    assert "Karel" not in page and "Bedreigd" not in page and "Bel de politie." in page
    page = client.get(others.get_absolute_url()).content.decode()
    assert "Karel" not in page and "Verwijderde deelnemer" in page
    listing = client.get(reverse("learning:threads")).content.decode()
    assert "Bedreigd" not in listing and "Verwijderde bijdrage" in listing
    assert (
        "Bedreigd"
        not in client.get(reverse("learning:threads"), {"q": "bedreigd"}).content.decode()
    )


def test_an_erasure_empties_the_motivation_of_the_persons_requests_and_keeps_the_decision():
    body = people.municipality("GM0599")
    griffier = people.griffier(body=body)
    request = actions.participation_request_submit(
        actor=griffier, body=body, motivation="Onze burgemeester Jan werd bedreigd."
    )
    _erase(griffier)
    request.refresh_from_db()
    assert request.motivation == "" and request.body == body and request.status == "pending"

"""The grant schemes in English: the measure types and the description are data staff maintain,
with English next to the Dutch; the wizard shows the reader's language, Dutch where there is no
translation. The decision letter stays Dutch, and so do the snapshots of what was sent in."""

import io

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from accounts.tests import factories as people
from subsidies import actions
from subsidies.models import ApplicationRevision, GrantScheme
from subsidies.pdf import render_letter_body
from subsidies.tests import factories

pytestmark = pytest.mark.django_db

ROOM_NL = "Andere indeling van de vergaderzaal"
ROOM_EN = "A different layout of the meeting room"
TRAINING_NL = "Training van voorzitters en griffiers"
TRAINING_EN = "Training for chairs and clerks (griffiers)"


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def step2(client, application):
    return client.get(reverse("subsidies:step", args=[application.pk, 2])).content.decode()


def test_every_seeded_measure_type_has_english():
    for scheme in GrantScheme.objects.all():
        assert scheme.description_en
        assert set(scheme.measure_kinds_en) == {code for code, _label in scheme.measure_kinds}


def test_the_wizard_in_english_offers_english_measure_types(client):
    application = factories.draft(costs=())
    client.force_login(application.created_by)
    page = step2(in_english(client), application)
    assert ROOM_EN in page and TRAINING_EN in page
    assert ROOM_NL not in page


def test_the_wizard_in_dutch_is_unchanged(client):
    application = factories.draft(costs=())
    client.force_login(application.created_by)
    page = step2(client, application)
    assert ROOM_NL in page and TRAINING_NL in page
    assert ROOM_EN not in page


def test_a_measure_type_without_english_is_shown_in_dutch(client):
    scheme = factories.veilig_vergaderen()
    scheme.measure_kinds_en = {**scheme.measure_kinds_en, "training": "  "}
    del scheme.measure_kinds_en["room_layout"]
    scheme.save()
    application = factories.draft(costs=())
    client.force_login(application.created_by)
    page = step2(in_english(client), application)
    assert ROOM_NL in page and TRAINING_NL in page
    assert "Escape routes and exits" in page


def test_the_start_page_shows_the_english_description(client):
    griffier = people.griffier()
    client.force_login(griffier)
    page = in_english(client).get(reverse("subsidies:start")).content.decode()
    assert "A contribution towards measures that keep meetings" in page
    assert "Veilig Vergaderen" in page  # a proper name, not translated


def test_the_decision_letter_stays_dutch_whatever_the_staff_language(client):
    decision = factories.decided()
    application = decision.application
    dutch_labels = [
        application.scheme.measure_label(line.kind, "nl") for line in application.lines.all()
    ]
    with translation.override("en"):
        body = render_letter_body(decision, {})
        actions.decision_send(actor=people.triage_staff(), decision=decision)
    decision.refresh_from_db()
    decision.letter.open("rb")
    try:
        text = " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(decision.letter.read())).pages
        )
    finally:
        decision.letter.close()
    for label in dutch_labels:
        assert label in body
        assert label in " ".join(text.split())
    assert ROOM_EN not in body and TRAINING_EN not in body
    assert ROOM_EN not in " ".join(text.split())


def test_what_was_sent_in_is_kept_in_dutch_when_sent_in_english(client):
    application = factories.draft()
    client.force_login(application.created_by)
    in_english(client).post(reverse("subsidies:step", args=[application.pk, 6]))
    revision = ApplicationRevision.objects.get(application=application)
    lines = " ".join(revision.snapshot["lines"])
    assert ROOM_NL in lines and ROOM_EN not in lines


def test_staff_can_only_translate_measure_types_the_scheme_lists():
    scheme = factories.veilig_vergaderen()
    scheme.measure_kinds_en = {"no_such_kind": "Something"}
    with pytest.raises(ValidationError) as error:
        scheme.clean()
    assert "no_such_kind" in str(error.value)
    scheme.measure_kinds_en = ["training", "Training"]
    with pytest.raises(ValidationError):
        scheme.clean()

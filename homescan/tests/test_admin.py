"""Staff maintain the questionnaire in the admin, where versioning is enforced: a published
version is read only (but for its English, see test_english.py); a new version is a copy made
by an action; publishing is an action."""

import pytest
from django.urls import reverse

from accounts.tests import factories as people
from homescan.models import AnswerOption, QuestionnaireVersion, VersionStatus
from homescan.selectors import current_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(people.administrator())
    return client


def test_a_published_version_and_its_questions_are_read_only_but_their_english(admin_client):
    version = current_version()
    question = version.questions.first()
    url = reverse("admin:homescan_questionnaireversion_change", args=[version.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="high_from"' not in page.content.decode()
    assert 'name="introduction_en"' in page.content.decode()
    admin_client.post(url, {"high_from": 99, "introduction": "Anders"})
    question_url = reverse("admin:homescan_question_change", args=[question.pk])
    admin_client.post(question_url, {"text": "Anders"})
    version.refresh_from_db()
    question.refresh_from_db()
    assert version.high_from == 20
    assert not version.introduction.startswith("Anders")
    assert question.text != "Anders"


def test_new_version_and_publish_through_the_admin_actions(admin_client):
    version = current_version()
    response = admin_client.post(
        reverse("admin:homescan_questionnaire_changelist"),
        {"action": "new_version", "_selected_action": [version.questionnaire_id]},
    )
    assert response.status_code == 302
    draft = QuestionnaireVersion.objects.get(status=VersionStatus.DRAFT)
    assert draft.number == 2
    # The draft is editable in the admin.
    option = AnswerOption.objects.filter(question__version=draft).order_by("pk").first()
    option_url = reverse("admin:homescan_question_change", args=[option.question_id])
    assert admin_client.get(option_url).status_code == 200
    response = admin_client.post(
        reverse("admin:homescan_questionnaireversion_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    assert current_version().pk == draft.pk
    version.refresh_from_db()
    assert version.status == VersionStatus.RETIRED


def test_scans_are_not_in_the_admin(admin_client):
    from django.contrib import admin

    from homescan.models import ScanResult

    assert ScanResult not in admin.site._registry

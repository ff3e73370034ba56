"""Versioning of the questionnaire: copy-on-write drafts, publishing, immutable published
versions, and old results that keep the version they were made with."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests import factories as people
from homescan import actions, scoring
from homescan.models import AnswerOption, Question, VersionLocked, VersionStatus
from homescan.selectors import current_version
from homescan.tests import factories
from homescan.workflow import TRANSITIONS, TransitionNotAllowed

pytestmark = pytest.mark.django_db


def test_a_new_draft_is_a_full_copy_of_the_newest_version():
    staff = people.triage_staff()
    published = current_version()
    draft = actions.version_new_draft(actor=staff, questionnaire=published.questionnaire)
    assert (draft.number, draft.status) == (published.number + 1, VersionStatus.DRAFT)
    assert (draft.elevated_from, draft.high_from) == (published.elevated_from, published.high_from)
    original = [
        (q.text, [(o.label, o.weight, o.advice, o.measure_kind) for o in q.options.all()])
        for q in published.questions.prefetch_related("options")
    ]
    copy = [
        (q.text, [(o.label, o.weight, o.advice, o.measure_kind) for o in q.options.all()])
        for q in draft.questions.prefetch_related("options")
    ]
    assert copy == original
    assert not set(draft.questions.values_list("pk", flat=True)) & set(
        published.questions.values_list("pk", flat=True)
    )
    # A second request returns the same draft instead of a second one.
    again = actions.version_new_draft(actor=staff, questionnaire=published.questionnaire)
    assert again.pk == draft.pk


def test_only_staff_maintain_the_questionnaire():
    questionnaire = current_version().questionnaire
    for outsider in (factories.mayor(), people.griffier(), people.partner()):
        with pytest.raises(PermissionDenied):
            actions.version_new_draft(actor=outsider, questionnaire=questionnaire)


def test_a_published_version_cannot_be_edited():
    version = current_version()
    question = version.questions.first()
    option = question.options.first()
    question.text = "Gewijzigd"
    with pytest.raises(VersionLocked):
        question.save()
    option.weight = 99
    with pytest.raises(VersionLocked):
        option.save()
    with pytest.raises(VersionLocked):
        option.delete()
    with pytest.raises(VersionLocked):
        Question.objects.create(version=version, theme="home", text="Nieuw")
    version.high_from = 99
    with pytest.raises(VersionLocked):
        version.save()
    question.refresh_from_db()
    assert question.text != "Gewijzigd"


def test_publishing_retires_the_old_version_and_old_results_keep_theirs():
    staff = people.triage_staff()
    old = current_version()
    owner = factories.mayor()
    old_scan = factories.scan(owner=owner, answers=factories.highest_answers(old))
    assert old_scan.score == 38

    draft = actions.version_new_draft(
        actor=staff, questionnaire=old.questionnaire, change_note="Camera zwaarder"
    )
    # Staff change a weight in the draft and add a question.
    heaviest = AnswerOption.objects.filter(question__version=draft).order_by("-weight").first()
    heaviest.weight = 10
    heaviest.save()
    extra = Question.objects.create(version=draft, position=99, theme="home", text="Hond?")
    AnswerOption.objects.create(question=extra, label="ja", weight=0)
    AnswerOption.objects.create(question=extra, label="nee", weight=1)
    actions.version_publish(actor=staff, version=draft)

    old.refresh_from_db()
    assert old.status == VersionStatus.RETIRED
    assert current_version().pk == draft.pk
    new_scan = factories.scan(owner=owner, answers=factories.highest_answers(draft))
    assert new_scan.version_id == draft.pk
    assert new_scan.score == 38 - 6 + 10 + 1

    # The old result still shows the old version, with its own questions and score.
    old_scan.refresh_from_db()
    assert old_scan.version_id == old.pk
    outcome = scoring.evaluate(old_scan.version, old_scan.answers)
    assert outcome.score == old_scan.score == 38
    assert old.questions.count() == 11


def test_a_retired_version_takes_no_new_scans():
    staff = people.triage_staff()
    old = current_version()
    draft = actions.version_new_draft(actor=staff, questionnaire=old.questionnaire)
    actions.version_publish(actor=staff, version=draft)
    old.refresh_from_db()
    with pytest.raises(ValidationError):
        actions.scan_submit(
            actor=factories.mayor(), version=old, answers=factories.lowest_answers(old)
        )


def test_publishing_refuses_an_incomplete_draft_and_unknown_measure_kinds():
    staff = people.triage_staff()
    draft = actions.version_new_draft(actor=staff, questionnaire=current_version().questionnaire)
    lonely = Question.objects.create(version=draft, position=50, theme="home", text="Eén antwoord")
    AnswerOption.objects.create(question=lonely, label="ja", weight=1)
    option = AnswerOption.objects.filter(question__version=draft).exclude(measure_kind="").first()
    option.measure_kind = "helicopter"
    option.save()
    with pytest.raises(ValidationError) as refused:
        actions.version_publish(actor=staff, version=draft)
    text = " ".join(refused.value.messages)
    assert "minstens twee antwoorden" in text
    assert "helicopter" in text
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_a_published_version_cannot_be_published_again():
    with pytest.raises(TransitionNotAllowed, match="Alleen een conceptversie"):
        actions.version_publish(actor=people.triage_staff(), version=current_version())


def test_a_retired_version_is_never_published_again():
    staff = people.triage_staff()
    old = current_version()
    draft = actions.version_new_draft(actor=staff, questionnaire=old.questionnaire)
    actions.version_publish(actor=staff, version=draft)
    old.refresh_from_db()
    assert old.status == VersionStatus.RETIRED
    with pytest.raises(TransitionNotAllowed):
        actions.version_publish(actor=staff, version=old)
    old.refresh_from_db()
    assert old.status == VersionStatus.RETIRED
    assert current_version().pk == draft.pk


def test_the_version_table_only_goes_forward():
    assert TRANSITIONS.allowed_targets(VersionStatus.DRAFT, "maintainer") == ["published"]
    assert TRANSITIONS.allowed_targets(VersionStatus.PUBLISHED, "maintainer") == ["retired"]
    assert TRANSITIONS.allowed_targets(VersionStatus.RETIRED, "maintainer") == []
    assert TRANSITIONS.who_may(VersionStatus.PUBLISHED, VersionStatus.DRAFT) == frozenset()

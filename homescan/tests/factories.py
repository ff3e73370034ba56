"""Test data for the home scan, built through the actions where it matters."""

from accounts.models import OfficeType
from accounts.tests import factories as people
from homescan import actions
from homescan.models import (
    AnswerOption,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    VersionStatus,
)
from homescan.selectors import BASISSCAN, current_version


def basisscan():
    return Questionnaire.objects.get(slug=BASISSCAN)


def mayor(**kwargs):
    return people.officeholder(office_type=OfficeType.BURGEMEESTER, **kwargs)


def small_version(elevated_from=5, high_from=9, slug="test-scan"):
    """A published two-question version with hand-picked weights:

    Q1 deuren:  A1 goed (0) | A2 matig (3, advice prio 2, home_security) | A3 slecht (5, prio 1)
    Q2 incident: B1 nee (0) | B2 ja, bij de woning (2, raises to high, prio 1, personal_security)
    """
    questionnaire = Questionnaire.objects.create(name="Test", slug=slug)
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=1, elevated_from=elevated_from, high_from=high_from
    )
    q1 = Question.objects.create(version=version, position=0, theme="home", text="Deuren?")
    q2 = Question.objects.create(version=version, position=1, theme="history", text="Incident?")
    options = {
        "A1": AnswerOption.objects.create(question=q1, position=0, label="goed", weight=0),
        "A2": AnswerOption.objects.create(
            question=q1,
            position=1,
            label="matig",
            weight=3,
            advice="Sloten verbeteren.",
            priority=2,
            measure_kind="home_security",
            measure_description="Inbraakwerend hang- en sluitwerk",
        ),
        "A3": AnswerOption.objects.create(
            question=q1,
            position=2,
            label="slecht",
            weight=5,
            advice="Sloten direct vervangen.",
            priority=1,
            measure_kind="home_security",
            measure_description="Inbraakwerend hang- en sluitwerk",
        ),
        "B1": AnswerOption.objects.create(question=q2, position=0, label="nee", weight=0),
        "B2": AnswerOption.objects.create(
            question=q2,
            position=1,
            label="ja, bij de woning",
            weight=2,
            raises_to="high",
            advice="Bel de politie.",
            priority=1,
            measure_kind="personal_security",
            measure_description="Beveiligingsadvies op maat",
        ),
    }
    QuestionnaireVersion.objects.filter(pk=version.pk).update(status=VersionStatus.PUBLISHED)
    version.refresh_from_db()
    return version, q1, q2, options


def answers_for(version, pick):
    """Answers choosing, per question, the option at index `pick(question_index)`."""
    questions = list(version.questions.prefetch_related("options"))
    return {
        question.pk: list(question.options.all())[pick(index)].pk
        for index, question in enumerate(questions)
    }


def lowest_answers(version):
    return answers_for(version, lambda _index: 0)


def highest_answers(version):
    questions = list(version.questions.prefetch_related("options"))
    return {
        question.pk: max(question.options.all(), key=lambda option: option.weight).pk
        for question in questions
    }


def scan(owner=None, answers=None):
    owner = owner or mayor()
    version = current_version()
    return actions.scan_submit(
        actor=owner, version=version, answers=answers or highest_answers(version)
    )

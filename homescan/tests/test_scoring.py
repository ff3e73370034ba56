"""Scoring against hand-computed cases: the sum of weights, the thresholds of the version, the
options that lift the level, and the order of the advice."""

import pytest

from homescan import scoring
from homescan.models import RiskLevel
from homescan.selectors import current_version
from homescan.tests import factories

pytestmark = pytest.mark.django_db


def evaluate(version, q1, q2, options, first, second):
    return scoring.evaluate(version, {q1.pk: options[first].pk, q2.pk: options[second].pk})


@pytest.mark.parametrize(
    ("first", "second", "score", "level"),
    [
        ("A1", "B1", 0, RiskLevel.LOW),  # 0 + 0
        ("A2", "B1", 3, RiskLevel.LOW),  # 3 + 0, below 5
        ("A3", "B1", 5, RiskLevel.ELEVATED),  # 5 + 0, exactly the elevated threshold
        ("A1", "B2", 2, RiskLevel.HIGH),  # 0 + 2, but B2 lifts the level to high
        ("A3", "B2", 7, RiskLevel.HIGH),  # 5 + 2, lifted to high
    ],
)
def test_score_and_level_match_the_hand_computed_cases(first, second, score, level):
    version, q1, q2, options = factories.small_version()
    outcome = evaluate(version, q1, q2, options, first, second)
    assert (outcome.score, outcome.risk_level) == (score, level)


def test_the_high_threshold_is_inclusive():
    version, q1, q2, options = factories.small_version(elevated_from=2, high_from=5)
    assert evaluate(version, q1, q2, options, "A3", "B1").risk_level == RiskLevel.HIGH
    assert evaluate(version, q1, q2, options, "A2", "B1").risk_level == RiskLevel.ELEVATED


def test_advice_comes_most_urgent_first_then_heaviest_then_question_order():
    version, q1, q2, options = factories.small_version()
    outcome = evaluate(version, q1, q2, options, "A3", "B2")
    # Both are priority 1; A3 weighs 5 and B2 weighs 2.
    assert [item.advice for item in outcome.advice] == [
        "Sloten direct vervangen.",
        "Bel de politie.",
    ]
    outcome = evaluate(version, q1, q2, options, "A2", "B2")
    # B2 (priority 1) before A2 (priority 2), although A2 weighs more and comes first.
    assert [item.advice for item in outcome.advice] == ["Bel de politie.", "Sloten verbeteren."]


def test_answers_without_advice_give_no_advice_items():
    version, q1, q2, options = factories.small_version()
    assert evaluate(version, q1, q2, options, "A1", "B1").advice == []


def test_suggested_measures_are_the_distinct_fund_measures_in_advice_order():
    version, q1, q2, options = factories.small_version()
    outcome = evaluate(version, q1, q2, options, "A3", "B2")
    assert outcome.suggested_measures == [
        ("home_security", "Inbraakwerend hang- en sluitwerk"),
        ("personal_security", "Beveiligingsadvies op maat"),
    ]


def test_a_missing_or_foreign_answer_is_refused():
    version, q1, q2, options = factories.small_version()
    with pytest.raises(scoring.IncompleteAnswers) as missing:
        scoring.evaluate(version, {q1.pk: options["A1"].pk})
    assert missing.value.missing == {q2.pk}
    # An option of another question does not count as an answer.
    with pytest.raises(scoring.IncompleteAnswers):
        scoring.evaluate(version, {q1.pk: options["B1"].pk, q2.pk: options["B1"].pk})


def test_seeded_basisscan_best_and_worst_case():
    version = current_version()
    assert version.questions.count() == 11
    best = scoring.evaluate(version, factories.lowest_answers(version))
    assert (best.score, best.risk_level, best.advice) == (0, RiskLevel.LOW, [])
    worst = scoring.evaluate(version, factories.highest_answers(version))
    # 4 + 3 + 3 + 3 + 2 + 3 + 3 + 4 + 5 + 6 + 2: the heaviest answer of each question.
    assert worst.score == 38
    assert worst.risk_level == RiskLevel.HIGH
    assert [item.priority for item in worst.advice] == sorted(
        item.priority for item in worst.advice
    )
    assert {kind for kind, _description in worst.suggested_measures} == {
        "home_security",
        "alarm",
        "personal_security",
    }


def test_seeded_basisscan_doxing_alone_lifts_to_elevated():
    version = current_version()
    questions = list(version.questions.prefetch_related("options"))
    answers = factories.lowest_answers(version)
    doxing = next(q for q in questions if "zonder toestemming online" in q.text)
    answers[doxing.pk] = list(doxing.options.all())[1].pk
    outcome = scoring.evaluate(version, answers, questions)
    assert (outcome.score, outcome.risk_level) == (5, RiskLevel.ELEVATED)

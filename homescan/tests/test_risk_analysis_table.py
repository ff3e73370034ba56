"""The starterspakket's risk analysis as a table: risk_analysis.assess is pure, so each row of
its table is checked without a database."""

import pytest

from homescan import risk_analysis
from homescan.models import RiskLevel, SecurityLevel
from homescan.risk_analysis import ELEVATED_FROM, HIGH_FROM, QUESTIONS, assess, package

CALM = {"size": "small", "undermining": "none", "tensions": "no", "incidents": "none",
        "public_order": "rarely", "media": "local", "police": "none"}  # fmt: skip


def with_answers(**changes):
    return {**CALM, **changes}


def test_every_question_has_a_zero_point_answer_and_unique_codes():
    assert len({question.code for question in QUESTIONS}) == len(QUESTIONS)
    for question in QUESTIONS:
        assert len({option.code for option in question.options}) == len(question.options)
        assert min(option.points for option in question.options) == 0
        assert set(CALM) == set(risk_analysis.BY_CODE)


def test_the_thresholds_can_be_reached():
    most = max(risk_analysis.HOME_POINTS.values()) + sum(
        max(option.points for option in question.options) for question in QUESTIONS
    )
    assert 0 < ELEVATED_FROM < HIGH_FROM <= most


@pytest.mark.parametrize(
    ("home", "answers", "points", "level"),
    [
        # Nothing special anywhere: basic.
        (RiskLevel.LOW, CALM, 0, SecurityLevel.BASIC),
        # 3 (home elevated) + 2 (large) = 5: just under ELEVATED_FROM.
        (RiskLevel.ELEVATED, with_answers(size="large"), 5, SecurityLevel.BASIC),
        # 3 + 2 + 1 = 6: elevated from 6 points.
        (
            RiskLevel.ELEVATED,
            with_answers(size="large", media="regional"),
            6,
            SecurityLevel.ELEVATED,
        ),
        # 3 + 2 + 3 + 3 + 1 = 12: still elevated.
        (
            RiskLevel.ELEVATED,
            with_answers(size="large", tensions="frequent", public_order="often", media="regional"),
            12,
            SecurityLevel.ELEVATED,
        ),
        # 3 + 2 + 3 + 3 + 2 = 13: high from 13 points.
        (
            RiskLevel.ELEVATED,
            with_answers(size="large", tensions="frequent", public_order="often", media="national"),
            13,
            SecurityLevel.HIGH,
        ),
        # A high risk at home (6 points) gives at least elevated on its own.
        (RiskLevel.HIGH, CALM, 6, SecurityLevel.ELEVATED),
        # Serious undermining: 4 points, but at least elevated.
        (RiskLevel.LOW, with_answers(undermining="serious"), 4, SecurityLevel.ELEVATED),
        # Incidents against the predecessor: 3 points, at least elevated.
        (RiskLevel.LOW, with_answers(incidents="predecessor"), 3, SecurityLevel.ELEVATED),
        # The police advising attention: 2 points, at least elevated.
        (RiskLevel.LOW, with_answers(police="attention"), 2, SecurityLevel.ELEVATED),
        # The police advising measures: 4 points, always high.
        (RiskLevel.LOW, with_answers(police="measures"), 4, SecurityLevel.HIGH),
        # Everything at its worst.
        (
            RiskLevel.HIGH,
            {q.code: max(q.options, key=lambda o: o.points).code for q in QUESTIONS},
            27,
            SecurityLevel.HIGH,
        ),
    ],
)
def test_the_level_of_each_row(home, answers, points, level):
    outcome = assess(home_level=home, answers=answers)
    assert (outcome.points, outcome.level) == (points, level)
    assert outcome.points == sum(reason.points for reason in outcome.reasons)
    assert len(outcome.reasons) == 1 + len(QUESTIONS)  # the home, then every question


def test_no_level_while_a_part_is_missing():
    assert assess(home_level="", answers=CALM) is None
    assert assess(home_level=RiskLevel.LOW, answers={}) is None
    assert assess(home_level=RiskLevel.LOW, answers=with_answers(police="onbekend")) is None
    partial = {code: value for code, value in CALM.items() if code != "media"}
    assert assess(home_level=RiskLevel.LOW, answers=partial) is None
    assert [q.code for q in risk_analysis.missing_answers(partial)] == ["media"]


def test_each_level_adds_to_the_package_below_it():
    basic, elevated, high = (package(level) for level in SecurityLevel)
    assert basic == list(risk_analysis.PACKAGE_OF_LEVEL[SecurityLevel.BASIC])
    assert elevated[: len(basic)] == basic and len(elevated) > len(basic)
    assert high[: len(elevated)] == elevated and len(high) > len(elevated)
    assert any(measure.kind == "personal_security" for measure in high)
    assert not any(measure.kind == "personal_security" for measure in elevated)


def test_the_fund_measures_are_the_package_lines_with_a_fund_kind():
    outcome = assess(home_level=RiskLevel.LOW, answers=CALM)
    assert outcome.measures == package(SecurityLevel.BASIC)
    assert outcome.fund_measures == [m for m in outcome.measures if m.kind]
    assert {m.kind for m in outcome.fund_measures} == {"home_security"}


@pytest.mark.django_db
def test_every_fund_kind_of_the_table_is_a_measure_kind_of_the_fund():
    from homescan.selectors import FUND_SLUG
    from subsidies.selectors import scheme_by_slug

    kinds = {code for code, _label in scheme_by_slug(FUND_SLUG).measure_kinds}
    table = {m.kind for level in SecurityLevel for m in package(level) if m.kind}
    assert table <= kinds

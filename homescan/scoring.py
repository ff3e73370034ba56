"""Scoring a scan: pure functions over a questionnaire version and the chosen options.

score      = the sum of the weights of the chosen options
risk level = high when score >= version.high_from, elevated when >= version.elevated_from,
             else low; an option with `raises_to` lifts the level to at least that level
advice     = the advice texts of the chosen options, most urgent first (priority, then the
             weight of the answer, then the order of the questions)

The texts of the outcome are in the active language (weerbaar.content_language), Dutch where
there is no translation; the scoring never reads a text, so it is the same in every language.
The measure descriptions for the fund stay Dutch as well as shown: the Dutch one is what goes
into the application that BZK staff assess.
"""

from dataclasses import dataclass

from weerbaar.content_language import localized

from .models import RISK_ORDER, Priority, RiskLevel


class IncompleteAnswers(ValueError):
    """Not every question of the version has exactly one valid answer."""

    def __init__(self, missing):
        super().__init__(f"unanswered questions: {sorted(missing)}")
        self.missing = missing


@dataclass(frozen=True)
class AdviceItem:
    question: str
    answer: str
    advice: str
    priority: int
    weight: int
    measure_kind: str
    measure_description: str
    measure_description_shown: str = ""

    @property
    def priority_label(self):
        return Priority(self.priority).label


@dataclass(frozen=True)
class Outcome:
    score: int
    risk_level: str
    advice: list

    @property
    def suggested_measures(self):
        """One line per distinct (kind, description) the advice suggests for the fund."""
        seen, lines = set(), []
        for item in self.advice:
            key = (item.measure_kind, item.measure_description)
            if item.measure_kind and key not in seen:
                seen.add(key)
                lines.append(key)
        return lines

    @property
    def suggested_measures_shown(self):
        """The same lines as `suggested_measures`, in the same order, described in the active
        language: [(kind, Dutch description, description shown)]."""
        shown = {
            (item.measure_kind, item.measure_description): item.measure_description_shown
            for item in self.advice
        }
        return [
            (kind, dutch, shown.get((kind, dutch)) or dutch)
            for kind, dutch in self.suggested_measures
        ]


def questions_of(version):
    """The questions of a version with their options, in two queries."""
    return list(version.questions.prefetch_related("options"))


def risk_level_for(version, score, floors=()):
    if score >= version.high_from:
        level = RiskLevel.HIGH
    elif score >= version.elevated_from:
        level = RiskLevel.ELEVATED
    else:
        level = RiskLevel.LOW
    for floor in floors:
        if RISK_ORDER[RiskLevel(floor)] > RISK_ORDER[level]:
            level = RiskLevel(floor)
    return level


def evaluate(version, answers, questions=None):
    """The outcome of `answers` ({question id: option id}) on `version`. Every question must be
    answered with one of its own options, or IncompleteAnswers is raised."""
    questions = questions if questions is not None else questions_of(version)
    missing, chosen = set(), []
    for question in questions:
        options = {option.pk: option for option in question.options.all()}
        option = options.get(answers.get(question.pk))
        if option is None:
            missing.add(question.pk)
        else:
            chosen.append((question, option))
    if missing:
        raise IncompleteAnswers(missing)
    score = sum(option.weight for _question, option in chosen)
    level = risk_level_for(
        version, score, [option.raises_to for _question, option in chosen if option.raises_to]
    )
    ranked = [
        (
            (option.priority, -option.weight, index),
            AdviceItem(
                question=localized(question, "text"),
                answer=localized(option, "label"),
                advice=localized(option, "advice"),
                priority=option.priority,
                weight=option.weight,
                measure_kind=option.measure_kind,
                measure_description=option.measure_description,
                measure_description_shown=localized(option, "measure_description"),
            ),
        )
        for index, (question, option) in enumerate(chosen)
        if option.advice.strip()
    ]
    advice = [item for _key, item in sorted(ranked, key=lambda pair: pair[0])]
    return Outcome(score=score, risk_level=level, advice=advice)

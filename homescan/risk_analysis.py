"""The risk analysis of a new mayor's starterspakket: the whole table and its one pure function.

"Een risicoanalyse van de woonomgeving en een bijpassend beveiligingsniveau" (the 2018 monitor
letter). Three parts go in:

- the home: the risk level of the mayor's own Basisscan veilige woning (only the level, never
  the answers), which the mayor chooses to include;
- the municipality and the role: the questions below, answered by BZK staff;
- the police's advice: its conclusion is one of the questions below; staff record the advice
  itself as (encrypted) free text on the analysis.

points = HOME_POINTS[home level] + the points of each chosen answer
level  = high from HIGH_FROM points, elevated from ELEVATED_FROM, else basic; a home level or an
         answer with a floor lifts the level to at least that floor (the police advising
         measures: at least high).

Each level comes with its package of measures (PACKAGES, cumulative: "verhoogd" holds the basic
package too). A measure with a `kind` (a measure kind of the Fonds beveiligingsmaatregelen) can
go into the mayor's own fund application; the others the mayor arranges without the fund.
Everything that decides a level is in this module, so staff and the mayor can be shown exactly
why (`Assessment.reasons`) and the table is tested as a table (tests/test_risk_analysis_table.py).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import RiskLevel, SecurityLevel

LEVEL_ORDER = {SecurityLevel.BASIC: 0, SecurityLevel.ELEVATED: 1, SecurityLevel.HIGH: 2}

ELEVATED_FROM = 6
HIGH_FROM = 13

MUNICIPALITY = "municipality"
ROLE = "role"
POLICE = "police"
PARTS = {
    MUNICIPALITY: _("De gemeente"),
    ROLE: _("De rol van de burgemeester"),
    POLICE: _("Het advies van de politie"),
}


@dataclass(frozen=True)
class Option:
    code: str
    label: str | Promise
    points: int
    floor: str = ""  # a SecurityLevel this answer gives at least, whatever the points


@dataclass(frozen=True)
class ContextQuestion:
    code: str
    part: str
    text: str | Promise
    options: tuple[Option, ...]

    def option(self, code):
        return next((option for option in self.options if option.code == code), None)


QUESTIONS: tuple[ContextQuestion, ...] = (
    ContextQuestion(
        "size",
        MUNICIPALITY,
        _("Hoeveel inwoners heeft de gemeente?"),
        (
            Option("small", _("Minder dan 50.000"), 0),
            Option("medium", _("50.000 tot 150.000"), 1),
            Option("large", _("Meer dan 150.000"), 2),
        ),
    ),
    ContextQuestion(
        "undermining",
        MUNICIPALITY,
        _("Zijn er signalen van ondermijning in de gemeente (beeld van het RIEC)?"),
        (
            Option("none", _("Geen bijzondere signalen"), 0),
            Option("some", _("Enkele signalen"), 2),
            Option("serious", _("Ernstige signalen of lopende zaken"), 4, SecurityLevel.ELEVATED),
        ),
    ),
    ContextQuestion(
        "tensions",
        MUNICIPALITY,
        _("Zijn er maatschappelijke spanningen, zoals felle debatten of demonstraties?"),
        (
            Option("no", _("Nee"), 0),
            Option("occasional", _("Soms"), 1),
            Option("frequent", _("Vaak of op dit moment"), 3),
        ),
    ),
    ContextQuestion(
        "incidents",
        MUNICIPALITY,
        _("Waren er de afgelopen twee jaar incidenten tegen bestuurders van deze gemeente?"),
        (
            Option("none", _("Nee"), 0),
            Option("some", _("Ja, tegen andere bestuurders"), 2),
            Option(
                "predecessor",
                _("Ja, tegen de vorige burgemeester"),
                3,
                SecurityLevel.ELEVATED,
            ),
        ),
    ),
    ContextQuestion(
        "public_order",
        ROLE,
        _(
            "Hoe vaak neemt de burgemeester ingrijpende besluiten over openbare orde, zoals "
            "het sluiten van panden of een noodbevel?"
        ),
        (
            Option("rarely", _("Zelden"), 0),
            Option("regularly", _("Geregeld"), 1),
            Option("often", _("Vaak"), 3),
        ),
    ),
    ContextQuestion(
        "media",
        ROLE,
        _("Hoe zichtbaar is de burgemeester in de media?"),
        (
            Option("local", _("Vooral lokaal"), 0),
            Option("regional", _("Regionaal"), 1),
            Option("national", _("Landelijk"), 2),
        ),
    ),
    ContextQuestion(
        "police",
        POLICE,
        _("Wat is de conclusie van het advies van de politie?"),
        (
            Option("none", _("Geen bijzonderheden, of (nog) geen advies"), 0),
            Option("attention", _("Extra aandacht nodig"), 2, SecurityLevel.ELEVATED),
            Option("measures", _("Beveiligingsmaatregelen nodig"), 4, SecurityLevel.HIGH),
        ),
    ),
)
BY_CODE = {question.code: question for question in QUESTIONS}

# The home scan's own level: its points, and the floor a high risk at home gives.
HOME_POINTS = {RiskLevel.LOW: 0, RiskLevel.ELEVATED: 3, RiskLevel.HIGH: 6}
HOME_FLOORS = {RiskLevel.HIGH: SecurityLevel.ELEVATED}


@dataclass(frozen=True)
class Measure:
    description: str | Promise  # Dutch in the fund application (BZK assesses it); shown translated
    kind: str = ""  # a measure kind of the Fonds beveiligingsmaatregelen, or "" (no fund)


PACKAGE_OF_LEVEL = {
    SecurityLevel.BASIC: (
        Measure(_("Afscherming van uw adres in de BRP en het Handelsregister (KVK)")),
        Measure(
            _("Inbraakwerend hang- en sluitwerk volgens het Politiekeurmerk Veilig Wonen"),
            "home_security",
        ),
        Measure(_("Buitenverlichting met bewegingsmelder rond de woning"), "home_security"),
        Measure(_("Afspraken met uw gezin en het kabinet over wat te doen bij een incident")),
    ),
    SecurityLevel.ELEVATED: (
        Measure(_("Videodeurbel of camera bij de voordeur"), "home_security"),
        Measure(_("Inbraakalarm met doormelding naar een alarmcentrale"), "alarm"),
        Measure(_("Training persoonlijke weerbaarheid voor u en uw partner"), "other_security"),
    ),
    SecurityLevel.HIGH: (
        Measure(_("Doormelding van het alarm naar de meldkamer van de politie"), "alarm"),
        Measure(
            _("Persoonsbeveiligingsadvies en zo nodig beveiliging bij openbare optredens"),
            "personal_security",
        ),
        Measure(_("Inbraakwerende ramen en deuren (veiligheidsglas en -beslag)"), "home_security"),
    ),
}


def package(level):
    """The measures advised at `level`: those of every level up to and including it."""
    rank = LEVEL_ORDER[SecurityLevel(level)]
    return [
        measure
        for each, measures in PACKAGE_OF_LEVEL.items()
        if LEVEL_ORDER[each] <= rank
        for measure in measures
    ]


@dataclass(frozen=True)
class Reason:
    """One line of the explanation: what counted, and how much."""

    part: str | Promise
    text: str | Promise
    answer: str | Promise
    points: int
    floor: str = ""


@dataclass(frozen=True)
class Assessment:
    points: int
    level: str
    reasons: tuple[Reason, ...]

    @property
    def measures(self):
        return package(self.level)

    @property
    def fund_measures(self):
        """The measures of the package the Fonds beveiligingsmaatregelen can pay for."""
        return [measure for measure in self.measures if measure.kind]


def missing_answers(answers: Mapping[str, str]):
    """The questions without a valid answer, in table order."""
    return [q for q in QUESTIONS if q.option(answers.get(q.code)) is None]


def assess(*, home_level: str, answers: Mapping[str, str]) -> Assessment | None:
    """The security level of a mayor, or None while a part is missing (no home level, or a
    question of the table without a valid answer). Pure: reads nothing but its arguments."""
    if home_level not in HOME_POINTS or missing_answers(answers):
        return None
    home = RiskLevel(home_level)
    reasons = [
        Reason(
            _("De woning"),
            _("Risico volgens de Basisscan veilige woning"),
            home.label,
            HOME_POINTS[home],
            HOME_FLOORS.get(home, ""),
        )
    ]
    for question in QUESTIONS:
        option = question.option(answers[question.code])
        reasons.append(
            Reason(PARTS[question.part], question.text, option.label, option.points, option.floor)
        )
    points = sum(reason.points for reason in reasons)
    if points >= HIGH_FROM:
        level = SecurityLevel.HIGH
    elif points >= ELEVATED_FROM:
        level = SecurityLevel.ELEVATED
    else:
        level = SecurityLevel.BASIC
    for reason in reasons:
        if reason.floor and LEVEL_ORDER[SecurityLevel(reason.floor)] > LEVEL_ORDER[level]:
            level = SecurityLevel(reason.floor)
    return Assessment(points=points, level=level, reasons=tuple(reasons))

"""The states of an incident report and the moves allowed between them.

One table (a weerbaar.workflow.Transitions) says who may make which move; actions.py moves
through weerbaar.workflow.move() and everything else is refused with `TransitionNotAllowed`.
A closed case can be reopened by staff, or by the reporter writing a message on it (only
through that path: the party REPORTER_MESSAGE, see actions.message_send). The stappenplan (the
per-case checklist) and its deadlines live here too, because triage follows them.
"""

from datetime import date, datetime, timedelta
from functools import cache

import holidays
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# TransitionNotAllowed is the shared refusal, importable from here as before.
from weerbaar.workflow import TransitionNotAllowed as TransitionNotAllowed
from weerbaar.workflow import Transitions


class Status(models.TextChoices):
    DRAFT = "draft", _("Concept")
    NEW = "new", _("Nieuw")
    ACKNOWLEDGED = "acknowledged", _("Ontvangst bevestigd")
    IN_PROGRESS = "in_progress", _("In behandeling")
    WAITING = "waiting", _("Wacht op melder")
    CLOSED = "closed", _("Afgesloten")


# Who makes a move: the person who reported, or BZK staff (triage). REPORTER_MESSAGE is the
# reporter too, but only as the effect of sending a message ("het gebeurt weer"): the standard
# closing text promises that a message reopens the case, yet a reporter cannot reopen it by
# any other means.
REPORTER = "reporter"
REPORTER_MESSAGE = "reporter_message"
STAFF = "staff"

TRANSITIONS = Transitions(
    {
        (Status.DRAFT, Status.NEW): frozenset({REPORTER}),
        (Status.NEW, Status.ACKNOWLEDGED): frozenset({STAFF}),
        (Status.NEW, Status.IN_PROGRESS): frozenset({STAFF}),
        (Status.ACKNOWLEDGED, Status.IN_PROGRESS): frozenset({STAFF}),
        (Status.IN_PROGRESS, Status.WAITING): frozenset({STAFF}),
        # A reply of the reporter puts a waiting case back in progress.
        (Status.WAITING, Status.IN_PROGRESS): frozenset({STAFF, REPORTER}),
        (Status.ACKNOWLEDGED, Status.CLOSED): frozenset({STAFF}),
        (Status.IN_PROGRESS, Status.CLOSED): frozenset({STAFF}),
        (Status.WAITING, Status.CLOSED): frozenset({STAFF}),
        (Status.CLOSED, Status.IN_PROGRESS): frozenset({STAFF, REPORTER_MESSAGE}),  # reopen
    },
    states=Status,
)

# States in which staff still owe the reporter something; deadlines count only here.
OPEN_STATES = frozenset({Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.WAITING})

who_may = TRANSITIONS.who_may
allowed_targets = TRANSITIONS.allowed_targets


class Step(models.TextChoices):
    """The stappenplan agreed with the Ministry of Justice and Security, in order."""

    ACKNOWLEDGE = "acknowledge", _("Ontvangst bevestigen")
    ASSESS_DANGER = "assess_danger", _("Gevaar en urgentie inschatten")
    CONTACT_REPORTER = "contact_reporter", _("Contact opnemen met de melder")
    SUPPORT_AANGIFTE = "support_aangifte", _("Aangifte ondersteunen (VPT-code)")
    INVOLVE_SUPPORT_TEAM = "involve_support_team", _("Ondersteuningsteam inschakelen")
    AFTERCARE = "aftercare", _("Nazorg regelen")
    SECURITY_MEASURES = "security_measures", _("Beveiligingsmaatregelen overwegen")
    EVALUATION = "evaluation", _("Evalueren en afsluiten")


# Deadlines from the stappenplan: first contact within one working day, within an hour when
# the case is urgent.
URGENT_RESPONSE = timedelta(hours=1)


def is_public_holiday(day: date) -> bool:
    """A Dutch public holiday, as the maintained `holidays` library knows them (Easter and
    Ascension move every year; a hand-written list goes stale)."""
    return day in _dutch_holidays(day.year)


@cache
def _dutch_holidays(year: int):
    return holidays.country_holidays("NL", years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_public_holiday(day)


def add_working_day(moment: datetime) -> datetime:
    """The same time on the next working day: Monday to Friday, Dutch public holidays skipped
    (a report sent on Christmas Eve is due after Boxing Day, not on Christmas Day). The day is
    counted in local time, so a moment just after midnight is not taken for the day before."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    following = local + timedelta(days=1)
    while not is_working_day(following.date()):
        following += timedelta(days=1)
    return following


def is_office_hours(moment: datetime) -> bool:
    """Within BZK's office hours (settings.OFFICE_HOURS_START to _END, local time) on a
    working day."""
    local = timezone.localtime(moment)
    return (
        is_working_day(local.date())
        and settings.OFFICE_HOURS_START <= local.hour < settings.OFFICE_HOURS_END
    )


def response_deadline(submitted_at: datetime, *, urgent: bool) -> datetime:
    if urgent:
        return submitted_at + URGENT_RESPONSE
    return add_working_day(submitted_at)

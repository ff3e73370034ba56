"""The states of a version of the home-scan questionnaire and the moves between them.

BZK staff who maintain the questionnaire publish a draft; publishing retires the version
published before it. A published or retired version never moves back (its results keep pointing
at it). The table is a weerbaar.workflow.Transitions; actions.version_publish moves through
weerbaar.workflow.move(). The version row itself records who published it and when, so these
moves write no separate event row.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# TransitionNotAllowed is the shared refusal, importable from here like in the other apps.
from weerbaar.workflow import TransitionNotAllowed as TransitionNotAllowed
from weerbaar.workflow import Transitions


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    PUBLISHED = "published", _("Gepubliceerd")
    RETIRED = "retired", _("Vervangen")


MAINTAINER = "maintainer"  # BZK staff who maintain the questionnaire

TRANSITIONS = Transitions(
    {
        (VersionStatus.DRAFT, VersionStatus.PUBLISHED): frozenset({MAINTAINER}),
        # Only as the effect of publishing its successor.
        (VersionStatus.PUBLISHED, VersionStatus.RETIRED): frozenset({MAINTAINER}),
    },
    states=VersionStatus,
)

"""What the monitor counts by: the dimensions of its summary table and their labels.

Codes, never free text: every value here is a choice from the incidents app or a size class.
"""

from django.utils.translation import gettext_lazy as _

from accounts.models import OfficeType
from incidents.models import Channel, Kind, PoliceReport

UNKNOWN = ""  # no office type, no province, no channel given: shown as "Onbekend"

ALL = "all"
KIND = "kind"
CHANNEL = "channel"
POLICE = "police"
SIZE = "size"

# Dimensions stored in MonthlyFigure besides ALL. A report can have several kinds, so the kind
# rows of one month add up to more than its total; every other dimension partitions the total.
STORED_DIMENSIONS = (KIND, CHANNEL, POLICE, SIZE)
ADDITIVE = frozenset({CHANNEL, POLICE, SIZE})


class SizeClass:
    """Municipality size classes by inhabitants (CBS-like bands)."""

    SMALL = "lt20k"
    MEDIUM = "20k-50k"
    LARGE = "50k-100k"
    CITY = "ge100k"
    BANDS = ((SMALL, 0, 20_000), (MEDIUM, 20_000, 50_000), (LARGE, 50_000, 100_000))
    choices = [
        (SMALL, _("Minder dan 20.000 inwoners")),
        (MEDIUM, _("20.000 tot 50.000 inwoners")),
        (LARGE, _("50.000 tot 100.000 inwoners")),
        (CITY, _("100.000 inwoners of meer")),
        (UNKNOWN, _("Onbekend of geen gemeente")),
    ]

    @classmethod
    def of(cls, population):
        if population is None:
            return UNKNOWN
        for code, low, high in cls.BANDS:
            if low <= population < high:
                return code
        return cls.CITY


def _incident_choices():
    return {
        KIND: list(Kind.choices),
        CHANNEL: [*Channel.choices, (UNKNOWN, _("Onbekend"))],
        POLICE: [*PoliceReport.choices, (UNKNOWN, _("Onbekend"))],
    }


def choices_for(dimension):
    """The (code, label) pairs of a dimension, in display order."""
    if dimension == SIZE:
        return list(SizeClass.choices)
    if dimension == "office":
        return [*OfficeType.choices, (UNKNOWN, _("Onbekend"))]
    return _incident_choices()[dimension]


TITLES = {
    KIND: _("Soort incident"),
    CHANNEL: _("Hoe het gebeurde"),
    POLICE: _("Politie ingeschakeld"),
    SIZE: _("Grootte van de gemeente"),
    "office": _("Functie van de melder"),
    "province": _("Provincie"),
    "month": _("Maand"),
    "quarter": _("Kwartaal"),
}

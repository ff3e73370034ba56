"""The numbers a reporter can call now: the Ondersteuningsteam (24/7) and BZK, from settings
(SUPPORT_PHONE, BZK_CONTACT_PHONE), each with a tel: link."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Phone:
    label: str
    number: str

    @property
    def href(self):
        """tel: with digits and a leading + only (a display text like "(demo)" drops out)."""
        digits = re.sub(r"[^\d+]", "", self.number)
        return f"tel:{digits[:1]}{digits[1:].replace('+', '')}"


def support_phone():
    return Phone(_("Ondersteuningsteam Weerbaar Bestuur (dag en nacht)"), settings.SUPPORT_PHONE)


def bzk_phone():
    return Phone(_("BZK, Netwerk Weerbaar Bestuur"), settings.BZK_CONTACT_PHONE)


def phones():
    return [support_phone(), bzk_phone()]

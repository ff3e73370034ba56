"""What audit adds to "Mijn account": the way to ask for the erasure of the account."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from weerbaar.navigation import AccountSection, Link

from . import permissions, selectors


def links_for(user):
    return []


def account_sections(user):
    """An officeholder asks here for the erasure of their account and reports (one query, for
    a request already made); anyone else asks BZK (the privacy statement says so)."""
    if not user.is_authenticated:
        return []
    if not permissions.may_request_erasure(user):
        return [
            AccountSection(
                topic="erasure",
                title=_("Account laten verwijderen"),
                text=_(
                    "Wilt u dat wij uw account verwijderen? Neem contact op met het ministerie "
                    "van BZK, Netwerk Weerbaar Bestuur."
                ),
                links=(Link(reverse("contact"), _("Contact")),),
            )
        ]
    erasure = selectors.open_erasure_request(user)
    if erasure is None:
        text = _(
            "U kunt vragen om uw account en de inhoud van uw meldingen te verwijderen. U "
            "bevestigt dat per e-mail en kunt het daarna nog intrekken."
        )
    elif erasure.confirmed_at is None:
        text = _("U heeft gevraagd om verwijdering. Bevestig dat met de link in onze e-mail.")
    else:
        text = _("U heeft uw verzoek bevestigd. Uw account wordt verwijderd op %(date)s.") % {
            "date": date_format(timezone.localtime(erasure.due_at), "j F Y")
        }
    return [
        AccountSection(
            topic="erasure",
            title=_("Account laten verwijderen"),
            text=text,
            links=(
                Link(
                    reverse("audit:erasure"),
                    _("Verzoek bekijken of intrekken")
                    if erasure is not None
                    else _("Account laten verwijderen"),
                ),
            ),
        )
    ]

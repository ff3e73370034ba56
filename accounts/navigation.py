from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.actions import can_invite
from weerbaar.navigation import Link


def links_for(user):
    if not user.is_authenticated:
        return []
    links = []
    if can_invite(user):
        links.append(
            Link(
                reverse("accounts:invitation_list"),
                _("Uitnodigingen"),
                _("Nodig ambtsdragers, griffiers, partners en collega's uit voor een account."),
            )
        )
    if user.is_staff:
        links.append(
            Link(
                reverse("admin:index"), _("Beheer"), _("Gebruikers, rollen en referentiegegevens.")
            )
        )
    links.append(
        Link(
            reverse("accounts:account"),
            _("Mijn account"),
            _(
                "Uw naam, e-mailadres, wachtwoord, tweestapsverificatie, taal, berichten en wie "
                "uw gegevens heeft ingezien."
            ),
            in_menu=False,
        )
    )
    return links

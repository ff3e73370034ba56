from django.urls import reverse
from django.utils.translation import gettext as _

from weerbaar.navigation import Link

from .models import StarterKit


def links_for(user):
    if not user.is_authenticated:
        return []
    links = []
    if user.is_officeholder:
        links.append(
            Link(
                reverse("homescan:index"),
                _("Basisscan veilige woning"),
                _("Breng de risico's rond uw woning in kaart en krijg advies op maat."),
            )
        )
        if StarterKit.objects.filter(mayor=user).exists():
            links.append(
                Link(
                    reverse("homescan:starter_kit"),
                    _("Starterspakket"),
                    _("De eerste stappen voor uw veiligheid als nieuwe burgemeester."),
                )
            )
    if user.is_triage_staff:
        links += [
            Link(
                reverse("homescan:starter_kits"),
                _("Starterspakketten"),
                _("Nieuwe burgemeesters die hun starterspakket nog niet hebben afgerond."),
            ),
            Link(
                reverse("homescan:shared"),
                _("Gedeelde basisscans"),
                _("Basisscans die ambtsdragers met BZK hebben gedeeld voor opvolging."),
                in_menu=False,
            ),
        ]
    return links

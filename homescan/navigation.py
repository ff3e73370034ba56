from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from weerbaar.navigation import AccountItem, AccountSection, Link

from . import selectors
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


def account_sections(user):
    """On "Mijn account": for each of the officeholder's home scans, who at BZK opened it
    (one query). A scan nobody made is not mentioned."""
    if not user.is_authenticated or not user.is_officeholder:
        return []
    scans = list(
        selectors.scans_of(user)
        .select_related(None)
        .only("pk", "created_at", "shared_with_staff_at")
    )
    if not scans:
        return []
    return [
        AccountSection(
            topic="access",
            title=_("Uw basisscans veilige woning"),
            text=_(
                "Alleen als u een scan deelt, kunnen medewerkers van BZK hem openen. Per scan "
                "ziet u wie dat deed en wanneer."
            ),
            items=tuple(
                AccountItem(
                    label=_("Scan van %(date)s")
                    % {"date": date_format(timezone.localtime(scan.created_at), "j F Y, H:i")},
                    note=_("gedeeld met BZK") if scan.is_shared else _("niet gedeeld"),
                    url=reverse("homescan:readers", args=[scan.pk]),
                    link_text=_("Wie heeft de scan van %(date)s ingezien?")
                    % {"date": date_format(timezone.localtime(scan.created_at), "j F Y, H:i")},
                )
                for scan in scans
            ),
        )
    ]

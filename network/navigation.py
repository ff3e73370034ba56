from django.urls import reverse
from django.utils.translation import gettext as _

from weerbaar.navigation import Link

from .models import is_partner_member
from .permissions import may_contribute


def links_for(user):
    links = [
        Link(
            reverse("network:knowledge"),
            _("Kennisbank"),
            _("Handreikingen, protocollen, trainingen en praktijkvoorbeelden van het netwerk."),
        ),
        Link(
            reverse("network:directory"),
            _("Partners"),
            _("De organisaties van het Netwerk Weerbaar Bestuur."),
        ),
    ]
    if not user.is_authenticated:
        return links
    if may_contribute(user):
        links.append(
            Link(
                reverse("network:review_queue"),
                _("Te beoordelen") if user.is_triage_staff else _("Mijn bijdragen"),
                _("Concepten en stukken die op publicatie wachten.")
                if user.is_triage_staff
                else _("Uw concepten en wat u ter beoordeling heeft aangeboden."),
            )
        )
    if user.is_triage_staff or is_partner_member(user):
        links.append(
            Link(
                reverse("network:members_directory"),
                _("Contactpersonen"),
                _("Wie is het aanspreekpunt bij elke partnerorganisatie?"),
                in_menu=False,
            )
        )
    return links

from django.urls import reverse
from django.utils.translation import gettext as _

from network.models import is_partner_member
from weerbaar.navigation import Link

from .selectors.membership import seat_of


def links_for(user):
    # The menu is on every page: decided from the roles read for the request (and the partner
    # membership other apps read too), never with a query of its own. The griffier, a partner
    # member and BZK find the network (or how to join it) here; an officeholder a griffier added
    # finds it on the start page (`start_links_for`).
    if not user.is_authenticated or user.is_officeholder and not user.is_griffier:
        return []
    if not (user.is_triage_staff or user.is_griffier or is_partner_member(user)):
        return []
    return [_network_link()]


def start_links_for(user):
    """On the start page only: an officeholder without a menu link (a griffier added them, or
    their partner organisation takes part) finds the network here. Their seat is read on this
    one page (a fixed number of queries), never on the others."""
    if not user.is_authenticated or not user.is_officeholder or user.is_griffier:
        return []
    if not seat_of(user).takes_part:
        return []
    return [_network_link(in_menu=False)]


def _network_link(*, in_menu=True) -> Link:
    return Link(
        reverse("learning:home"),
        _("Leernetwerk Veilig Vergaderen"),
        _("Gemeenten, provincies en partners delen ervaringen en komen bijeen."),
        in_menu=in_menu,
    )

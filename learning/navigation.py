from django.urls import reverse
from django.utils.translation import gettext as _

from network.models import is_partner_member
from weerbaar.navigation import Link


def links_for(user):
    # The menu is on every page: decided from the roles read for the request (and the partner
    # membership other apps read too), never with a query of its own. The griffier, a partner
    # member and BZK find the network (or how to join it) here; an officeholder a griffier added
    # reaches it through the griffier's invitation and the network's own pages.
    if not user.is_authenticated or user.is_officeholder and not user.is_griffier:
        return []
    if not (user.is_triage_staff or user.is_griffier or is_partner_member(user)):
        return []
    return [
        Link(
            reverse("learning:home"),
            _("Leernetwerk Veilig Vergaderen"),
            _("Gemeenten, provincies en partners delen ervaringen en komen bijeen."),
        )
    ]

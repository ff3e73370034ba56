from django.urls import reverse
from django.utils.translation import gettext as _

from weerbaar.navigation import Link

from .permissions import may_see_shared


def links_for(user):
    links = []
    if user.is_authenticated and user.is_triage_staff:
        links.append(
            Link(
                reverse("monitor:dashboard"),
                _("Monitor"),
                _(
                    "Meldingen in de tijd, naar soort, functie en regio; termijnen van het "
                    "stappenplan."
                ),
            )
        )
    elif may_see_shared(user):
        links.append(
            Link(
                reverse("monitor:shared"),
                _("Monitor"),
                _("Cijfers over agressie en intimidatie tegen politieke ambtsdragers."),
            )
        )
    return links

from django.urls import reverse
from django.utils.translation import gettext as _

from weerbaar.navigation import Link


def links_for(user):
    if not user.is_authenticated:
        return []
    links = []
    if user.is_griffier:
        links += [
            Link(
                reverse("subsidies:start"),
                _("Subsidie aanvragen"),
                _("Vraag een bijdrage aan voor Veilig Vergaderen of beveiligingsmaatregelen."),
            ),
            Link(
                reverse("subsidies:list"),
                _("Mijn aanvragen"),
                _("Concepten, de status van uw aanvragen, besluiten en verantwoording."),
            ),
        ]
    if user.is_triage_staff:
        links += [
            Link(
                reverse("subsidies:list"),
                _("Aanvragen beoordelen"),
                _("Subsidieaanvragen beoordelen en besluiten, met vier ogen."),
            ),
            Link(
                reverse("subsidies:budget"),
                _("Budgetoverzicht"),
                _("Gevraagd, toegekend, uitbetaald en nog beschikbaar per regeling."),
            ),
        ]
    return links

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
                _("Vraag namens uw overheid een bijdrage aan voor Veilig Vergaderen."),
            ),
            Link(
                reverse("subsidies:list"),
                _("Mijn aanvragen"),
                _("Concepten, de status van uw aanvragen, besluiten en verantwoording."),
            ),
        ]
    if user.is_officeholder and not user.is_griffier:
        links.append(
            Link(
                reverse("subsidies:start"),
                _("Beveiligingsmaatregelen aanvragen"),
                _("Vraag zelf, rechtstreeks bij BZK, een bijdrage aan. De griffie ziet dit niet."),
            )
        )
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

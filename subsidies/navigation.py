from django.urls import reverse
from django.utils.translation import gettext as _

from weerbaar.navigation import AccountSection, Link


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


def account_sections(user):
    """On "Mijn account": what a griffier or officeholder hears about their applications."""
    if not user.is_authenticated or not (user.is_griffier or user.is_officeholder):
        return []
    return [
        AccountSection(
            topic="notices",
            title=_("Subsidieaanvragen"),
            text=_(
                "Heeft u een subsidie aangevraagd, dan krijgt u e-mail op het adres van uw "
                "account als er een besluit is, als BZK om een aanvulling vraagt en als een "
                "regeling bijna sluit terwijl uw aanvraag nog een concept is."
            ),
        )
    ]

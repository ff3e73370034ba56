from django.urls import reverse
from django.utils.translation import gettext as _

from weerbaar.navigation import Link


def links_for(user):
    if not user.is_authenticated:
        return []
    links = []
    if user.is_officeholder:
        links += [
            Link(
                reverse("incidents:start"),
                _("Incident melden"),
                _("Meld agressie, bedreiging of intimidatie. Het kost een paar minuten."),
            ),
            Link(
                reverse("incidents:list"),
                _("Mijn meldingen"),
                _("De status, het stappenplan, berichten en het dossier voor de politie."),
            ),
        ]
    if user.is_triage_staff:
        links.append(
            Link(
                reverse("incidents:queue"),
                _("Meldingen behandelen"),
                _("De wachtrij van meldingen, volgens het stappenplan."),
            )
        )
    if user.is_support_team:
        links.append(
            Link(
                reverse("incidents:support"),
                _("Mijn inzetten"),
                _("De meldingen waarop u als Ondersteuningsteam bent ingezet."),
            )
        )
    return links

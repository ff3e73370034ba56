from django.urls import reverse
from django.utils.translation import gettext as _

from weerbaar.navigation import Count, Link

from . import contact, selectors


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
            _phone_link(contact.support_phone(), _("Ondersteuningsteam 24/7")),
            _phone_link(contact.bzk_phone(), _("BZK")),
        ]
    if user.is_triage_staff:
        links.append(
            Link(
                reverse("incidents:queue"),
                _("Meldingen behandelen"),
                _("De wachtrij van meldingen, volgens het stappenplan."),
            )
        )
    if user.is_triage_staff:
        links.append(
            Link(
                reverse("incidents:rota"),
                _("Piketrooster"),
                _("Wie piket heeft voor urgente meldingen, en uw berichten buiten kantoortijd."),
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


def _phone_link(phone, short):
    """A tel: link in the officeholder's menu: the number to call now, not to look up."""
    return Link(
        phone.href,
        _("%(who)s: %(number)s") % {"who": short, "number": phone.number},
        _("%(label)s. In direct gevaar: bel 112.") % {"label": phone.label},
    )


def counts_for(user):
    """The triage staff's start page: what needs them now, each linking to the queue filtered
    to those cases (one query, whatever the number of cases)."""
    if not user.is_authenticated or not user.is_triage_staff:
        return []
    numbers = selectors.staff_start_counts(user)
    queue = reverse("incidents:queue")
    return [
        Count(
            f"{queue}?waiting=true",
            _("Wachten op eerste contact"),
            numbers["waiting"],
            urgent=numbers["waiting"] > 0,
        ),
        Count(f"{queue}?urgent=1", _("Urgent"), numbers["urgent"], urgent=numbers["urgent"] > 0),
        Count(
            f"{queue}?overdue=true",
            _("Deadline verstreken"),
            numbers["overdue"],
            urgent=numbers["overdue"] > 0,
        ),
        Count(f"{queue}?assignee=me", _("Aan mij toegewezen"), numbers["mine"]),
    ]

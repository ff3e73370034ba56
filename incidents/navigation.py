from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from weerbaar.navigation import AccountItem, AccountSection, Count, Link

from . import contact, oncall, selectors
from .models import NotifyBy


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
    return links + deployment_links(user)


def deployment_links(user):
    """The calendar for the team and staff; preparation support for mayors and griffiers."""
    links = []
    if user.is_triage_staff or user.is_support_team:
        links.append(
            Link(
                reverse("deployments:calendar"),
                _("Agenda van inzet en voorbereiding"),
                _("Inzetten van het Ondersteuningsteam en vergaderingen met voorbereiding."),
            )
        )
    # Every officeholder and griffier (the roles alone, no query on every page): the page says
    # that the mayor or the griffier asks, and lets only them.
    if user.is_officeholder or user.is_griffier or user.is_triage_staff:
        links.append(
            Link(
                reverse("deployments:preparations"),
                _("Voorbereiding van een vergadering"),
                _("Hulp van BZK bij een openbare vergadering waar u spanning verwacht."),
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


def account_sections(user):
    """On "Mijn account": how the person hears about cases, and, for a reporter, who opened
    each of their reports. One query for a reporter's reports, one for staff's preference."""
    if not user.is_authenticated:
        return []
    sections = []
    if user.is_officeholder:
        sections += _reporter_sections(selectors.sent_reports_of(user))
    if user.is_triage_staff:
        digest = oncall.wants_digest(user)
        sections.append(
            AccountSection(
                topic="notices",
                title=_("Nieuwe meldingen"),
                text=_(
                    "Als medewerker krijgt u e-mail over elke nieuwe melding en over elke "
                    "urgente melding meteen. Buiten kantoortijd kunt u nieuwe meldingen "
                    "bundelen in één e-mail per uur."
                ),
                items=(
                    AccountItem(
                        label=_("Buiten kantoortijd"),
                        note=_("Eén e-mail per uur") if digest else _("Meteen, per melding"),
                        url=reverse("incidents:rota") + "#voorkeur",
                        link_text=_("Wijzigen op het piketrooster"),
                    ),
                ),
            )
        )
    if user.is_support_team:
        sections.append(
            AccountSection(
                topic="notices",
                title=_("Ondersteuningsteam"),
                text=_(
                    "U krijgt e-mail over nieuwe, urgente en geëscaleerde meldingen, en als u "
                    "wordt ingezet. Deze berichten kunt u niet uitzetten: het team moet snel "
                    "kunnen helpen."
                ),
            )
        )
    return sections


def _reporter_sections(reports):
    if not reports:
        empty = _("U heeft nog geen meldingen verstuurd.")
        return [
            AccountSection(topic="notices", title=_("Berichten over uw meldingen"), text=empty),
            AccountSection(topic="access", title=_("Uw meldingen"), text=empty),
        ]
    notices = AccountSection(
        topic="notices",
        title=_("Berichten over uw meldingen"),
        text=_(
            "Per melding kiest u of u e-mail krijgt als er iets verandert, en op welk adres. "
            "De e-mail noemt alleen het kenmerk van de melding, nooit de inhoud."
        ),
        items=tuple(
            AccountItem(
                label=_("Melding %(reference)s") % {"reference": report.reference},
                note=str(NotifyBy(report.notify_by).label),
                url=reverse("incidents:detail", args=[report.pk]) + "#berichtgeving",
                link_text=_("Wijzigen bij melding %(reference)s") % {"reference": report.reference},
            )
            for report in reports
        ),
    )
    access = AccountSection(
        topic="access",
        title=_("Uw meldingen"),
        text=_(
            "Alleen medewerkers die uw melding behandelen kunnen haar openen. Per melding ziet "
            "u wie dat deed en wanneer."
        ),
        items=tuple(
            AccountItem(
                label=_("Melding %(reference)s") % {"reference": report.reference},
                note=_("verstuurd op %(date)s")
                % {"date": date_format(timezone.localtime(report.submitted_at), "j F Y")}
                if report.submitted_at
                else "",
                url=reverse("incidents:case_readers", args=[report.pk]),
                link_text=_("Wie heeft melding %(reference)s ingezien?")
                % {"reference": report.reference},
            )
            for report in reports
        ),
    )
    return [notices, access]

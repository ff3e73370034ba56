"""What a starterspakket holds: the first steps for a newly appointed mayor.

The list is code, not data: each item has its own page content and, for the scan, its own
automatic completion. `position` is the order on the page.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

SCAN = "scan"
CONTACTS = "contacts"
TRAINING = "training"
STEP_PLAN = "step_plan"


@dataclass(frozen=True)
class KitItem:
    code: str
    title: str
    description: str
    automatic: bool = False
    # A page where the step is taken (a URL name, a query string, the link's text).
    link_name: str = ""
    link_query: str = ""
    link_label: str = ""

    @property
    def link(self) -> str:
        return reverse(self.link_name) + self.link_query if self.link_name else ""


ITEMS = [
    KitItem(
        SCAN,
        _("Vul de Basisscan veilige woning in"),
        _(
            "Een korte risicoanalyse van uw woning en situatie, met advies op maat en de "
            "maatregelen die het Fonds beveiligingsmaatregelen kan vergoeden. Dit onderdeel is "
            "klaar zodra u de scan heeft afgerond."
        ),
        automatic=True,
    ),
    KitItem(
        CONTACTS,
        _("Sla de contactgegevens van het Ondersteuningsteam op"),
        _(
            "Het Ondersteuningsteam Weerbaar Bestuur is dag en nacht bereikbaar. "
            "Vertrouwenspersonen van het NGB, de Wethoudersvereniging, de NVvR en StatenlidNu "
            "denken met u mee en brengen zo nodig collega's en deskundigen op het gebied van "
            "veiligheid, juridische hulp en nazorg in, ook voor uw partner en gezin. Zet de "
            "nummers hieronder in uw telefoon."
        ),
    ),
    KitItem(
        TRAINING,
        _("Volg een weerbaarheidstraining"),
        _(
            "Het Netwerk en zijn partners bieden trainingen over omgaan met agressie, "
            "bedreiging en intimidatie, online en op straat. Plan een training in het eerste "
            "jaar van uw ambtstermijn. Dit onderdeel is klaar zodra de aanbieder heeft "
            "vastgelegd dat u aanwezig was bij een training voor burgemeesters; heeft u "
            "elders een training gevolgd, dan markeert u het zelf als gedaan."
        ),
        # The training catalogue (training/) stands above this app: a URL name, no import.
        link_name="training:catalogue",
        link_query="?voor=burgemeester",
        link_label=_("Trainingen voor burgemeesters"),
    ),
    KitItem(
        STEP_PLAN,
        _("Lees het stappenplan na een incident"),
        _(
            "Met het ministerie van Justitie en Veiligheid is een stappenplan afgesproken om "
            "een melding snel op te volgen: bij direct gevaar eerst 112, dan melden, aangifte "
            "doen met de VPT-code zodat politie en OM de ELA-afspraken toepassen, en steun van "
            "het Ondersteuningsteam en nazorg."
        ),
    ),
]

BY_CODE = {item.code: item for item in ITEMS}

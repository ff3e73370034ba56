from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from audit import labels


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Leernetwerk Veilig Vergaderen")

    def ready(self):
        # The codes under which the learning network's actions write audit rows.
        labels.register(
            {
                "participation_request": _("Deelname aan het leernetwerk aangevraagd"),
                "approved": _("Goedgekeurd"),
                "refused": _("Afgewezen"),
                "participant": _("Deelnemer toegevoegd"),
                "network_member": _("Persoon toegevoegd aan het leernetwerk"),
                "ended": _("Deelname beëindigd"),
                "meeting": _("Bijeenkomst gepland"),
                "meeting_cancelled": _("Bijeenkomst geannuleerd"),
                "attendance": _("Aanwezigheid vastgelegd"),
                "meeting_report": _("Verslag van een bijeenkomst opgeslagen"),
                "meeting_material": _("Materiaal van een bijeenkomst toegevoegd"),
                "participants": _("de lijst van deelnemers"),
                "practice_consent": _("Toestemming voor een praktijkvoorbeeld gegeven"),
                "practice_consent_withdrawn": _(
                    "Toestemming voor een praktijkvoorbeeld ingetrokken"
                ),
                "practice": _("Praktijkvoorbeeld gemaakt"),
            }
        )

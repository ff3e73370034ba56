from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from audit import labels


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = _("Meldingen")

    def ready(self):
        from .models import EventKind  # models load only once the app registry is ready

        # The audit trail records a case's changes under its event kinds; name them in Dutch.
        labels.register(EventKind.choices)
        labels.register(
            {
                "on_call_shift_add": _("Piketdienst toegevoegd"),
                "on_call_shift_remove": _("Piketdienst verwijderd"),
            }
        )

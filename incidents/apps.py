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
        # The deployments and preparations (incidents/deployments/): their audit codes, and
        # their notice kinds registered with the outbox.
        from .deployments import notices  # noqa: F401
        from .deployments.models import AUDIT_LABELS

        labels.register(AUDIT_LABELS)

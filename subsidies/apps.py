from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from audit import labels


class SubsidiesConfig(AppConfig):
    name = "subsidies"
    verbose_name = _("Subsidies")

    def ready(self):
        # The audit trail records a change of an application's status under this code.
        labels.register({"status": _("Status gewijzigd")})
        # The officeholder's answer to a chair's request to apply on their behalf.
        labels.register(
            {
                "consent_given": _("Toestemming gegeven"),
                "consent_withdrawn": _("Toestemming ingetrokken"),
                "consent_declined": _("Geen toestemming gegeven"),
            }
        )

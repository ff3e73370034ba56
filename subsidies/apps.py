from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from audit import labels


class SubsidiesConfig(AppConfig):
    name = "subsidies"
    verbose_name = _("Subsidies")

    def ready(self):
        # The audit trail records a change of an application's status under this code.
        labels.register({"status": _("Status gewijzigd")})

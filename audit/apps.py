from django.apps import AppConfig

from accounts import trail

from . import record


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Inzagelogboek"

    def ready(self):
        # accounts, a layer below, writes its invitation steps to the trail through this hook.
        trail.connect(record)

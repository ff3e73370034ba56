from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Berichten")

    def ready(self) -> None:
        # Each app says in its own notices.py which kinds of notice it sends (kinds.register).
        autodiscover_modules("notices")

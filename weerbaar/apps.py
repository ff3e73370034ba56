from django.apps import AppConfig


class WeerbaarConfig(AppConfig):
    name = "weerbaar"
    verbose_name = "Weerbaar Bestuur"

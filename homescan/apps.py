from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomescanConfig(AppConfig):
    name = "homescan"
    verbose_name = _("Basisscan veilige woning")

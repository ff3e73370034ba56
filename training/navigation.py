from django.urls import reverse
from django.utils.translation import gettext as _

from weerbaar.navigation import Link

from .permissions import may_browse


def links_for(user):
    if not may_browse(user):
        return []
    return [
        Link(
            reverse("training:catalogue"),
            _("Trainingen"),
            _("Trainingen van BZK en de partners: over agressie, geweld en integriteit."),
        )
    ]

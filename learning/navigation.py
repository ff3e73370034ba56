from django.urls import reverse
from django.utils.translation import gettext as _

from weerbaar.navigation import Link

from .permissions import may_request, takes_part


def links_for(user):
    if not user.is_authenticated or not (takes_part(user) or may_request(user)):
        return []
    return [
        Link(
            reverse("learning:home"),
            _("Leernetwerk Veilig Vergaderen"),
            _("Gemeenten, provincies en partners delen ervaringen en komen bijeen."),
        )
    ]

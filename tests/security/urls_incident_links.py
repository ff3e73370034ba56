"""The portal's URLs, plus stand-ins for the incident pages that notices link to, as long as the
incidents app has no views of its own in this branch (the notices cannot be rendered without
them). Once incidents/urls.py names them, its own patterns are used unchanged."""

from django.http import HttpResponse
from django.urls import URLResolver, include, path

import incidents.urls
from weerbaar.urls import urlpatterns as portal_patterns


def _stand_in(request, **kwargs):
    return HttpResponse(status=204)


_names = {pattern.name for pattern in incidents.urls.urlpatterns}
_stand_ins = [
    path(route, _stand_in, name=name)
    for route, name in (("<int:pk>/", "detail"), ("ondersteuning/", "support"))
    if name not in _names
]

urlpatterns = [
    path("meldingen/", include((_stand_ins + list(incidents.urls.urlpatterns), "incidents")))
    if isinstance(entry, URLResolver) and entry.namespace == "incidents"
    else entry
    for entry in portal_patterns
]

"""The server half of "Snel weg": the page sends a beacon here as it leaves for a neutral site.

Kept apart from accounts/views.py: it is one small endpoint with its own security argument.
"""

from django.contrib.auth import logout
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST


@never_cache
@require_POST
def quick_exit(request):
    """End the session at once: whoever picks up the device next finds no open portal.

    POST only and CSRF-checked (the token travels in the beacon's form data), so no link or
    other site can sign anyone out. Answers 204 with or without a session: the page that sent
    the beacon is already gone and reads nothing back.
    """
    logout(request)
    return HttpResponse(status=204)


# Its own URLconf, included by weerbaar/urls.py, so the root URLconf imports no app module.
urlpatterns = [path("", quick_exit, name="quick_exit")]

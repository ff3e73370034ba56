""" "Ingelogd blijven": the idle warning (static/js/session-timeout.js) asks here to keep the
session open, so a person who is reading or typing a long report is not signed out.

POST with the CSRF token, never GET, so no prefetch or image keeps a forgotten session alive.
A session that has already ended is not revived: the answer is 401 and the page sends the
person to sign in again (with `next` back to where they were).
"""

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.middleware import mark_seen


@never_cache
@require_POST
def session_keepalive(request):
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    return JsonResponse({"signed_in": True, "seconds_left": mark_seen(request)})


# Its own URLconf, included by weerbaar/urls.py, so the root URLconf imports no app module.
urlpatterns = [path("", session_keepalive, name="session_keepalive")]

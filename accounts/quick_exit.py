"""The server half of "Snel weg": the page sends a beacon here as it leaves for a neutral site.

Kept apart from accounts/views.py: it is one small endpoint with its own security argument.

The beacon carries a token signed for the signed-in person (`quick_exit_token`) instead of the
CSRF token. Both stop other sites from signing someone out, but a CSRF token goes stale in a tab
that stayed open while the person signed in again in another tab (a new login renews the CSRF
cookie): the way out from that tab would then leave the new session open.
"""

from django.conf import settings
from django.contrib.auth import logout
from django.core import signing
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

SIGNING_SALT = "accounts.quick_exit"


def quick_exit_token(user) -> str:
    """A token that lets a portal page end `user`'s sessions in this browser, and nothing more."""
    return signing.dumps(user.pk, salt=SIGNING_SALT)


def _token_user_pk(token: str):
    try:
        return signing.loads(token, salt=SIGNING_SALT, max_age=settings.SESSION_ABSOLUTE_TIMEOUT)
    except signing.BadSignature:  # also when expired
        return None


@csrf_exempt  # the signed token does CSRF's work (see the module docstring)
@never_cache
@require_POST
def quick_exit(request):
    """End the session at once: whoever picks up the device next finds no open portal.

    POST only, never GET, so no link, image or prefetch ends a session. A missing or forged
    token is refused; a valid one ends the session only of the person it was signed for.
    """
    user_pk = _token_user_pk(request.POST.get("token", ""))
    if user_pk is None:
        return HttpResponse(status=403)
    if request.user.is_authenticated and request.user.pk == user_pk:
        logout(request)
    return HttpResponse(status=204)


# Its own URLconf, included by weerbaar/urls.py, so the root URLconf imports no app module.
urlpatterns = [path("", quick_exit, name="quick_exit")]

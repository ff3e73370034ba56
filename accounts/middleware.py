import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

# What a person who must use MFA, but has not set it up, may still reach.
MFA_SETUP_URL_NAMES = frozenset(
    {
        "mfa_activate_totp",
        "mfa_index",
        "mfa_generate_recovery_codes",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "quick_exit",  # "Snel weg" ends the session (someone both officeholder and staff)
        "healthz",
        "accessibility",
        "set_language",
        "session_keepalive",  # the idle warning's "Ingelogd blijven" on the MFA setup pages
    }
)


def has_second_factor(user) -> bool:
    return (
        Authenticator.objects.filter(user=user)
        .exclude(type=Authenticator.Type.RECOVERY_CODES)
        .exists()
    )


class RequireMFAMiddleware:
    """BZK staff, the Ondersteuningsteam and administrators reach nothing but the MFA setup
    until they have a second factor (allauth has no setting for this)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path_info.startswith(settings.STATIC_URL)
            and user.requires_mfa
            and not self._is_allowed(request)
            and not has_second_factor(user)
        ):
            messages.info(
                request,
                _("Stel eerst tweestapsverificatie in. Daarna kunt u verder met uw werk."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _is_allowed(request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True  # a 404 shows nothing
        return match.url_name in MFA_SETUP_URL_NAMES


class SessionTimeoutMiddleware:
    """Ends a session after SESSION_IDLE_TIMEOUT without activity and, whatever the activity,
    SESSION_ABSOLUTE_TIMEOUT after it began."""

    # Refresh the last-seen mark at most this often, so not every request writes the session.
    TOUCH_INTERVAL = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault("auth_started_at", now)
            last_seen = session.get("last_seen_at", now)
            if (
                now - last_seen > settings.SESSION_IDLE_TIMEOUT
                or now - started > settings.SESSION_ABSOLUTE_TIMEOUT
            ):
                logout(request)
                messages.info(request, _("U bent uitgelogd omdat uw sessie is verlopen."))
            else:
                if now - last_seen >= self.TOUCH_INTERVAL or "last_seen_at" not in session:
                    session["last_seen_at"] = last_seen = now
                # For the idle warning (templates/includes/session_timeout.html): the page
                # counts down from what the server will allow, not from when it was loaded.
                request.session_seconds_left = idle_seconds_left(last_seen, now)
                # ... and the fixed end, which no activity puts off.
                request.session_final_seconds_left = max(
                    0, settings.SESSION_ABSOLUTE_TIMEOUT - (now - started)
                )
        return self.get_response(request)


def idle_seconds_left(last_seen: int, now: int) -> int:
    """Seconds until an idle session ends, counted from its last-seen mark."""
    return max(0, settings.SESSION_IDLE_TIMEOUT - (now - last_seen))


def mark_seen(request) -> int:
    """Refresh the session's last-seen mark now (a keep-alive, an autosave: the person is
    there); returns the seconds the session now has left."""
    now = int(time.time())
    request.session["last_seen_at"] = now
    request.session_seconds_left = idle_seconds_left(now, now)
    return request.session_seconds_left

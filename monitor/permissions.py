"""Who may see which monitor (read by the views and the start page's links)."""

from django.conf import settings


def may_see_shared(user) -> bool:
    """The shared monitor: everyone when MONITOR_SHARED_AUDIENCE is "public", else BZK staff,
    partners and the Ondersteuningsteam."""
    if settings.MONITOR_SHARED_AUDIENCE == "public":
        return True
    return user.is_authenticated and (
        user.is_triage_staff or user.is_partner or user.is_support_team
    )

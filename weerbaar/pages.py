"""Site-wide pages: the start page and the public trust pages (privacy statement, contact,
accessibility statement). The trust pages need no login."""

from django.conf import settings
from django.shortcuts import render

from weerbaar.discovery import app_modules
from weerbaar.navigation import counts_for, start_links_for


def home(request):
    return render(
        request,
        "home.html",
        {"work_links": start_links_for(request.user), "counts": counts_for(request.user)},
    )


def accessibility(request):
    return render(request, "accessibility.html")


def contact(request, *, support_phone, bzk_phone):
    """The numbers come from incidents.contact (SUPPORT_PHONE, BZK_CONTACT_PHONE), handed in by
    weerbaar.urls as callables: weerbaar stands below incidents and does not import it."""
    return render(
        request, "contact.html", {"support_phone": support_phone(), "bzk_phone": bzk_phone()}
    )


def retention_periods():
    """The periods the privacy statement names, read from where the retention task reads them:
    the settings of incidents, and each app's `*_KEEP_DAYS` constants in its privacy.py (found
    by name, as the retention task finds them; docs/privacy.md has the full table)."""
    periods = {
        name.lower(): value
        for module in app_modules("privacy")
        for name, value in vars(module).items()
        if name.endswith("_KEEP_DAYS")
    }
    periods.update(
        closed_case_days=settings.RETENTION_CLOSED_CASE_DAYS,
        draft_case_days=settings.RETENTION_DRAFT_CASE_DAYS,
        session_hours=settings.SESSION_ABSOLUTE_TIMEOUT // 3600,
        erasure_grace_days=settings.ERASURE_GRACE_DAYS,
    )
    return periods


def privacy(request):
    return render(request, "privacy.html", {"periods": retention_periods()})

"""Site-wide pages: the start page and the public trust pages (privacy statement, contact,
accessibility statement). The trust pages need no login."""

from django.conf import settings
from django.shortcuts import render

from weerbaar.navigation import links_for


def home(request):
    return render(request, "home.html", {"work_links": links_for(request.user)})


def accessibility(request):
    return render(request, "accessibility.html")


def contact(request):
    from incidents.contact import bzk_phone, support_phone

    return render(
        request, "contact.html", {"support_phone": support_phone(), "bzk_phone": bzk_phone()}
    )


def retention_periods():
    """The periods the privacy statement names, read from where the retention task reads
    them (settings and each app's privacy.py; docs/privacy.md has the full table)."""
    from accounts.privacy import INVITATION_KEEP_DAYS
    from audit.privacy import ERASURE_REQUEST_KEEP_DAYS
    from homescan.privacy import HOME_SCAN_KEEP_DAYS
    from network.privacy import JOIN_REQUEST_KEEP_DAYS
    from notifications.privacy import NOTIFICATION_ADDRESS_KEEP_DAYS
    from subsidies.privacy import GRANT_APPLICATION_KEEP_DAYS

    return {
        "closed_case_days": settings.RETENTION_CLOSED_CASE_DAYS,
        "draft_case_days": settings.RETENTION_DRAFT_CASE_DAYS,
        "session_hours": settings.SESSION_ABSOLUTE_TIMEOUT // 3600,
        "invitation_days": INVITATION_KEEP_DAYS,
        "grant_application_days": GRANT_APPLICATION_KEEP_DAYS,
        "home_scan_days": HOME_SCAN_KEEP_DAYS,
        "join_request_days": JOIN_REQUEST_KEEP_DAYS,
        "notification_address_days": NOTIFICATION_ADDRESS_KEEP_DAYS,
        "erasure_request_days": ERASURE_REQUEST_KEEP_DAYS,
        "erasure_grace_days": settings.ERASURE_GRACE_DAYS,
    }


def privacy(request):
    return render(request, "privacy.html", {"periods": retention_periods()})

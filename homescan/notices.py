"""Which change notifies whom in the home scan and the starterspakket, through the portal's one
outbox (notifications/). No name, municipality, address, measure or answer is ever in a mail:
a link to a page the recipient may open, nothing more."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.selectors import active_users_with
from notifications import outbox
from notifications.kinds import Kind, register
from notifications.models import Notification
from subsidies.models import GrantApplication

from . import selectors
from .models import StarterKit


def _may_open_application(row):
    """The old fund-request notice is no longer written (the fund goes from the officeholder
    straight to BZK). One left unsent from before is sent only if its recipient may open the
    application, so no griffier is ever told about an officeholder's request to the fund."""
    return (
        row.recipient is not None
        and GrantApplication.objects.visible_to(row.recipient).filter(pk=row.object_id).exists()
    )


# Kept for the rows copied from the old FundRequestNotice table (homescan migration 0005).
FUND_REQUEST = register(
    Kind(
        code="homescan.fund_request",
        label=_("Maatregelen klaargezet voor het fonds"),
        subject_template="homescan/email/fund_request_subject.txt",
        body_template="homescan/email/fund_request_body.txt",
        link=lambda row: reverse("subsidies:detail", args=[row.object_id]),
        still_wanted=_may_open_application,
    )
)


def staff_following_up_kits():
    """Who follows up starterspakketten: BZK staff (triage), who see the overview."""
    return active_users_with(Role.TRIAGE)


def _kit_still_overdue(row):
    return (
        row.recipient is not None
        and row.recipient.is_active
        and row.recipient.is_triage_staff
        and selectors.starter_kits(overdue_only=True).filter(pk=row.object_id).exists()
    )


STARTER_KIT_OVERDUE = register(
    Kind(
        code="homescan.starter_kit_overdue",
        label=_("Starterspakket over tijd"),
        subject_template="homescan/email/starter_kit_overdue_subject.txt",
        body_template="homescan/email/starter_kit_overdue_body.txt",
        link=lambda row: reverse("homescan:starter_kits"),
        still_wanted=_kit_still_overdue,
    )
)


def overdue_kits_not_yet_notified():
    already = Notification.objects.filter(
        kind=STARTER_KIT_OVERDUE.code,
        content_type=ContentType.objects.get_for_model(StarterKit),
    ).values("object_id")
    return selectors.starter_kits(overdue_only=True).exclude(pk__in=already)


def record_overdue_starter_kits():
    """Staff hear once of each overdue starterspakket (a colleague who joins later is not told
    of old ones: the overview lists them). Returns the ids of the rows written."""
    written = []
    staff = list(staff_following_up_kits())
    for kit in overdue_kits_not_yet_notified():
        with transaction.atomic():
            written += outbox.record(kind=STARTER_KIT_OVERDUE, subject=kit, recipients=staff)
    return written

"""Which change in the partner network notifies whom, through the portal's one outbox
(notifications/). A mail holds a link to the organisation's page, never who asked to join or
their motivation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications import outbox
from notifications.kinds import Kind, register

from .models import JoinRequest, JoinRequestStatus, Membership, MembershipRole


def contact_persons(organisation):
    """The organisation's active contact persons: they decide on requests to join."""
    return [
        membership.user
        for membership in Membership.objects.active()
        .filter(organisation=organisation, role=MembershipRole.CONTACT, user__is_active=True)
        .select_related("user")
    ]


def _organisation_link(row):
    join_request = JoinRequest.objects.select_related("organisation").get(pk=row.object_id)
    return reverse("network:organisation", args=[join_request.organisation.slug])


def _still_waiting_for_this_contact(row):
    join_request = JoinRequest.objects.filter(pk=row.object_id).first()
    return (
        join_request is not None
        and join_request.status == JoinRequestStatus.PENDING
        and Membership.objects.active()
        .filter(
            organisation_id=join_request.organisation_id,
            user_id=row.recipient_id,
            role=MembershipRole.CONTACT,
        )
        .exists()
    )


JOIN_REQUEST = register(
    Kind(
        code="network.join_request",
        label=_("Aanmelding bij de organisatie"),
        subject_template="network/email/join_request_subject.txt",
        body_template="network/email/join_request_body.txt",
        link=_organisation_link,
        still_wanted=_still_waiting_for_this_contact,
    )
)


def record_join_request(join_request):
    """The organisation's contact persons hear of a new request to join (not the person who
    asks, should they be one). Inside the transaction that writes the request."""
    recipients = [
        user
        for user in contact_persons(join_request.organisation)
        if user.pk != join_request.user_id
    ]
    return outbox.record(kind=JOIN_REQUEST, subject=join_request, recipients=recipients)

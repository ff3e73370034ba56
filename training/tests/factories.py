"""Test data for the training catalogue, built through the actions."""

from datetime import timedelta

from django.utils import timezone

from accounts.tests import factories as people
from network.tests import factories as network_factories
from training import actions
from training.models import Session


def training(*, provider=None, actor=None, **fields):
    """A training of `provider` (NVvR by default), offered by one of its members."""
    provider = provider or network_factories.organisation()
    actor = actor or network_factories.member(provider)
    values = {
        "title": "Omgaan met agressie in de raadszaal",
        "topic": "Agressie en geweld",
        "description": "Een middag oefenen met een trainingsacteur.",
        "for_raadslid": True,
        "for_wethouder": True,
    } | fields
    return actions.training_create(actor=actor, provider=provider, **values)


def session(training_=None, *, capacity=10, days=14, online=False, actor=None):
    training_ = training_ or training()
    starts_at = timezone.now() + timedelta(days=days)
    return actions.session_add(
        actor=actor or people.triage_staff(mfa=False),
        training=training_,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        online=online,
        place="" if online else "Stadhuis, Utrecht",
        capacity=capacity,
    )


def begin(session):
    """Move a session's start to a moment ago (attendance is recorded once it has begun); its
    sign-ups stay. Test data only: nothing in the portal moves a session."""
    starts_at = timezone.now() - timedelta(minutes=5)
    Session.objects.filter(pk=session.pk).update(
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=3)
    )
    session.refresh_from_db()
    return session


def council_member(**kwargs):
    return people.officeholder(**kwargs)

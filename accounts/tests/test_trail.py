"""accounts writes its privileged steps to the audit trail by announcing them (accounts sits
below audit in the layers); audit/account_hooks.py writes the row, and a step that no app records
is refused."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts import actions, hooks
from accounts.models import Invitation, Role
from accounts.tests import factories
from audit.models import AccessEntry

pytestmark = pytest.mark.django_db


def test_an_invitation_step_lands_on_the_audit_trail():
    inviter = factories.triage_staff()
    invitation = actions.invitation_create(actor=inviter, email="nieuw@bzk.test", role=Role.TRIAGE)
    assert AccessEntry.objects.filter(actor=inviter, object_id=str(invitation.pk)).exists()


def test_an_invitation_step_without_the_audit_trail_is_refused_and_not_saved(monkeypatch):
    monkeypatch.setattr(hooks, "app_modules", lambda name: [])
    inviter = factories.triage_staff()
    with pytest.raises(ImproperlyConfigured):
        actions.invitation_create(actor=inviter, email="nieuw@bzk.test", role=Role.TRIAGE)
    assert not Invitation.objects.filter(email="nieuw@bzk.test").exists()

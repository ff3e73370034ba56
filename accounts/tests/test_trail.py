"""accounts writes its privileged steps to the audit trail through a hook that audit fills
(accounts sits below audit in the layers); a step with no trail to write to is refused."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts import actions, trail
from accounts.models import Invitation, Role
from accounts.tests import factories

pytestmark = pytest.mark.django_db


def test_an_invitation_step_without_the_audit_trail_is_refused_and_not_saved(monkeypatch):
    monkeypatch.setattr(trail, "_recorder", None)
    inviter = factories.triage_staff()
    with pytest.raises(ImproperlyConfigured):
        actions.invitation_create(actor=inviter, email="nieuw@bzk.test", role=Role.TRIAGE)
    assert not Invitation.objects.filter(email="nieuw@bzk.test").exists()

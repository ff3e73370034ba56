"""Who may do what on a case: a table of role × action × expected result, driven through the
actions and the `visible_to` filter. The roles: the reporter, another officeholder, BZK staff,
an Ondersteuningsteam member who is deployed on the case, one who is not, and a partner."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.tests import factories as people
from incidents import actions
from incidents.models import Incident
from incidents.tests import factories
from incidents.workflow import Status, Step, TransitionNotAllowed

pytestmark = pytest.mark.django_db

ROLES = ["reporter", "other_officeholder", "staff", "deployed_member", "support_member", "partner"]


@pytest.fixture
def case():
    incident = factories.submitted()
    staff = people.triage_staff()
    deployed = people.support_team_member()
    actions.incident_deploy(actor=staff, incident=incident, member=deployed)
    incident.refresh_from_db()
    return {
        "incident": incident,
        "reporter": incident.reporter,
        "other_officeholder": factories.reporter(),
        "staff": staff,
        "deployed_member": deployed,
        "support_member": people.support_team_member(),
        "partner": people.partner(),
    }


def _upload():
    return factories.upload("foto.png", factories.png_bytes(), "image/png")


ACTIONS = {
    "see": lambda u, i: Incident.objects.visible_to(u).get(pk=i.pk),
    "acknowledge": lambda u, i: actions.incident_acknowledge(actor=u, incident=i),
    "mark_urgent": lambda u, i: actions.incident_set_urgency(actor=u, incident=i, urgent=True),
    "assign_self": lambda u, i: actions.incident_assign(actor=u, incident=i, assignee=u),
    "escalate": lambda u, i: actions.incident_escalate(actor=u, incident=i),
    "complete_step": lambda u, i: actions.incident_complete_step(
        actor=u, incident=i, step=Step.ASSESS_DANGER
    ),
    "message": lambda u, i: actions.message_send(actor=u, incident=i, body="Hallo"),
    "internal_note": lambda u, i: actions.note_add(actor=u, incident=i, body="Intern"),
    "add_evidence": lambda u, i: actions.evidence_add(actor=u, incident=i, uploaded_file=_upload()),
}

# True: allowed. Everything not listed for a role is refused.
ALLOWED = {
    "reporter": {"see", "message", "add_evidence"},
    "other_officeholder": set(),
    "staff": {
        "see",
        "acknowledge",
        "mark_urgent",
        "assign_self",
        "escalate",
        "complete_step",
        "message",
        "internal_note",
    },
    "deployed_member": {"see", "internal_note", "message"},
    "support_member": set(),
    "partner": set(),
}

TABLE = [(role, action, action in ALLOWED[role]) for role in ROLES for action in sorted(ACTIONS)]


@pytest.mark.parametrize(
    ("role", "action", "allowed"), TABLE, ids=[f"{r}-{a}" for r, a, _ in TABLE]
)
def test_role_action_table(case, role, action, allowed):
    user, incident = case[role], case["incident"]
    if allowed:
        ACTIONS[action](user, incident)
    else:
        with pytest.raises(
            (PermissionDenied, TransitionNotAllowed, Incident.DoesNotExist, ValueError)
        ):
            ACTIONS[action](user, incident)


def test_nobody_but_the_reporter_sees_a_draft():
    incident = factories.draft()
    assert Incident.objects.visible_to(incident.reporter).filter(pk=incident.pk).exists()
    for user in (people.triage_staff(), people.support_team_member(), factories.reporter()):
        assert not Incident.objects.visible_to(user).filter(pk=incident.pk).exists()


def test_an_anonymous_visitor_sees_nothing():
    from django.contrib.auth.models import AnonymousUser

    factories.submitted()
    assert not Incident.objects.visible_to(AnonymousUser()).exists()


def test_only_officeholders_start_a_report():
    for user in (people.triage_staff(), people.griffier(), people.partner()):
        with pytest.raises(PermissionDenied):
            actions.incident_start(actor=user)


def test_only_the_reporter_sends_their_draft():
    incident = factories.draft()
    for user in (people.triage_staff(), factories.reporter()):
        with pytest.raises(PermissionDenied):
            actions.incident_submit(actor=user, incident=incident)
    assert Incident.objects.get(pk=incident.pk).status == Status.DRAFT


def test_a_member_is_deployed_only_by_staff_and_only_once(case):
    incident = case["incident"]
    member = case["support_member"]
    with pytest.raises(PermissionDenied):
        actions.incident_deploy(actor=member, incident=incident, member=member)
    with pytest.raises(TransitionNotAllowed):
        actions.incident_deploy(
            actor=case["staff"], incident=incident, member=case["deployed_member"]
        )

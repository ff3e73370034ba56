"""Who sees which application: the griffier of the body, staff; not a colleague elsewhere."""

import pytest

from accounts.tests import factories as people
from subsidies import actions
from subsidies.models import GrantApplication
from subsidies.tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("owner", True),
        ("staff_on_a_draft", False),
        ("griffier_same_body", True),
        ("griffier_other_body", False),
        ("staff", True),
        ("officeholder_same_body", False),
        ("support_team", False),
        ("partner", False),
    ],
)
def test_visible_to(who, sees):
    application = factories.draft() if who == "staff_on_a_draft" else factories.submitted()
    user = {
        "owner": lambda: application.created_by,
        "griffier_same_body": lambda: people.griffier(body=application.body),
        "griffier_other_body": lambda: people.griffier(body=people.municipality("GM0363")),
        "staff": people.triage_staff,
        "staff_on_a_draft": people.triage_staff,
        "officeholder_same_body": lambda: people.officeholder(body=application.body),
        "support_team": people.support_team_member,
        "partner": people.partner,
    }[who]()
    assert GrantApplication.objects.visible_to(user).filter(pk=application.pk).exists() is sees


def test_anonymous_sees_nothing():
    from django.contrib.auth.models import AnonymousUser

    factories.draft()
    assert not GrantApplication.objects.visible_to(AnonymousUser()).exists()


def test_a_griffier_who_is_also_staff_sees_own_drafts_and_all_sent_in():
    own = factories.draft()
    other = factories.draft(griffier=people.griffier(body=people.municipality("GM0363")))
    user = people.with_role(own.created_by, "triage")
    visible = GrantApplication.objects.visible_to(user)
    assert own in visible and other not in visible
    actions.application_submit(actor=other.created_by, application=other)
    assert other in GrantApplication.objects.visible_to(user)

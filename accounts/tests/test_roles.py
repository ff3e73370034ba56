import pytest
from django.core.exceptions import ValidationError

from accounts import actions
from accounts.models import OfficeType, Role
from accounts.tests import factories
from government.models import GovernmentBody

pytestmark = pytest.mark.django_db


def test_a_person_can_hold_several_roles():
    user = factories.officeholder(office_type=OfficeType.WETHOUDER)
    actions.role_assign(actor=None, user=user, role=Role.PARTNER)
    assert user.role_names == {Role.OFFICEHOLDER, Role.PARTNER}
    assert user.is_officeholder and user.is_partner and not user.is_triage_staff


@pytest.mark.parametrize(
    ("office_type", "body_kind", "body_code"),
    [
        (OfficeType.BURGEMEESTER, "municipality", "GM0344"),
        (OfficeType.STATENLID, "province", "PV26"),
        (OfficeType.CDK, "province", "PV27"),
        (OfficeType.WATERSCHAPSBESTUURDER, "water_board", "WS01"),
    ],
)
def test_an_office_belongs_to_its_kind_of_government(office_type, body_kind, body_code):
    user = factories.UserFactory()
    body = GovernmentBody.objects.get(kind=body_kind, code=body_code)
    assignment = actions.role_assign(
        actor=None, user=user, role=Role.OFFICEHOLDER, office_type=office_type, body=body
    )
    assert assignment.body == body


@pytest.mark.parametrize(
    ("role", "office_type", "body_code", "field"),
    [
        (Role.OFFICEHOLDER, OfficeType.BURGEMEESTER, "PV26", "body"),  # a mayor of a province
        (Role.OFFICEHOLDER, "", "GM0344", "office_type"),
        (Role.OFFICEHOLDER, OfficeType.RAADSLID, None, "body"),
        (Role.GRIFFIER, "", None, "body"),
        (Role.TRIAGE, OfficeType.RAADSLID, None, "office_type"),
        (Role.PARTNER, "", "GM0344", "body"),
    ],
)
def test_a_role_that_does_not_fit_is_refused_in_dutch(role, office_type, body_code, field):
    body = None
    if body_code:
        body = GovernmentBody.objects.get(code=body_code)
    with pytest.raises(ValidationError) as error:
        actions.role_assign(
            actor=None, user=factories.UserFactory(), role=role, office_type=office_type, body=body
        )
    assert field in error.value.message_dict


def test_a_griffier_serves_a_municipality_or_a_province_not_a_water_board():
    with pytest.raises(ValidationError):
        actions.role_assign(
            actor=None,
            user=factories.UserFactory(),
            role=Role.GRIFFIER,
            body=GovernmentBody.objects.get(code="WS01"),
        )


def test_administrator_role_gives_admin_access_and_requires_mfa():
    user = factories.UserFactory()
    assert not user.requires_mfa
    actions.role_assign(actor=None, user=user, role=Role.ADMINISTRATOR)
    user.refresh_from_db()
    assert user.is_staff
    assert user.requires_mfa


@pytest.mark.parametrize(
    ("make", "requires"),
    [
        (factories.officeholder, False),
        (factories.griffier, False),
        (factories.partner, False),
        (lambda: factories.triage_staff(mfa=False), True),
        (lambda: factories.support_team_member(mfa=False), True),
        (lambda: factories.administrator(mfa=False), True),
    ],
)
def test_which_roles_must_use_mfa(make, requires):
    assert make().requires_mfa is requires


def test_revoking_a_role_ends_it():
    user = factories.partner()
    assert actions.role_revoke(actor=None, user=user, role=Role.PARTNER) == 1
    assert not user.is_partner


def test_reference_data_holds_every_municipality_province_and_water_board():
    assert GovernmentBody.objects.municipalities().count() == 342
    assert GovernmentBody.objects.provinces().count() == 12
    assert GovernmentBody.objects.water_boards().count() == 21
    utrecht = GovernmentBody.objects.get(kind="municipality", code="GM0344")
    assert (utrecht.name, utrecht.province.code) == ("Utrecht", "PV26")
    assert not GovernmentBody.objects.municipalities().filter(province__isnull=True).exists()

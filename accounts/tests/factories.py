"""Test data for people and roles. Other apps' tests build their users with these."""

import factory
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from accounts.models import OfficeType, Role, RoleAssignment, User
from government.models import GovernmentBody

PASSWORD = "een-lang-testwachtwoord"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.test")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


def municipality(code="GM0344"):
    return GovernmentBody.objects.get(kind="municipality", code=code)


def province(code="PV26"):
    return GovernmentBody.objects.get(kind="province", code=code)


def with_role(user, role, office_type="", body=None):
    RoleAssignment.objects.create(user=user, role=role, office_type=office_type, body=body)
    user.__dict__.pop("role_names", None)
    return user


def with_mfa(user):
    """Give a user a TOTP authenticator; returns the secret (to compute codes)."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def officeholder(office_type=OfficeType.RAADSLID, body=None, **kwargs):
    return with_role(UserFactory(**kwargs), Role.OFFICEHOLDER, office_type, body or municipality())


def griffier(body=None, **kwargs):
    return with_role(UserFactory(**kwargs), Role.GRIFFIER, "", body or municipality())


def triage_staff(mfa=True, **kwargs):
    user = with_role(UserFactory(**kwargs), Role.TRIAGE)
    if mfa:
        with_mfa(user)
    return user


def support_team_member(mfa=True, **kwargs):
    user = with_role(UserFactory(**kwargs), Role.SUPPORT_TEAM)
    if mfa:
        with_mfa(user)
    return user


def partner(**kwargs):
    return with_role(UserFactory(**kwargs), Role.PARTNER)


def administrator(mfa=True, **kwargs):
    user = UserFactory(is_staff=True, is_superuser=True, **kwargs)
    with_role(user, Role.ADMINISTRATOR)
    if mfa:
        with_mfa(user)
    return user


def has_mfa(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

"""Demo accounts, one per role, for `manage.py seed_demo`."""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from accounts import actions
from accounts.models import OfficeType, Role, User
from government.models import GovernmentBody

DEMO_ACCOUNTS = [
    # e-mail, name, role, office type, body (kind, code)
    (
        "burgemeester@demo.test",
        "Anna de Vries",
        Role.OFFICEHOLDER,
        OfficeType.BURGEMEESTER,
        ("municipality", "GM0344"),
    ),
    (
        "wethouder@demo.test",
        "Karim Bouzid",
        Role.OFFICEHOLDER,
        OfficeType.WETHOUDER,
        ("municipality", "GM0344"),
    ),
    (
        "raadslid@demo.test",
        "Sem Jansen",
        Role.OFFICEHOLDER,
        OfficeType.RAADSLID,
        ("municipality", "GM0363"),
    ),
    # A colleague of the mayor in Utrecht: the demo's witness and on-behalf reports (incidents).
    (
        "collega@demo.test",
        "Youssef Haddou",
        Role.OFFICEHOLDER,
        OfficeType.WETHOUDER,
        ("municipality", "GM0344"),
    ),
    ("griffier@demo.test", "Fatima El Amrani", Role.GRIFFIER, "", ("municipality", "GM0344")),
    ("bzk@demo.test", "Pieter Bakker", Role.TRIAGE, "", None),
    ("ondersteuning@demo.test", "Marieke Visser", Role.SUPPORT_TEAM, "", None),
    ("partner@demo.test", "Joost Smit", Role.PARTNER, "", None),
]


def seed_accounts(*, password):
    """Create the demo accounts that do not exist yet. Returns (created users, TOTP secrets).

    Existing accounts are left as they are, so a second run changes nothing and prints no
    secret again.
    """
    created, secrets = [], {}
    for email, name, role, office_type, body_key in DEMO_ACCOUNTS:
        if User.objects.filter(email=email).exists():
            continue
        body = GovernmentBody.objects.get(kind=body_key[0], code=body_key[1]) if body_key else None
        user = User.objects.create_user(email=email, password=password, full_name=name)
        actions.role_assign(actor=None, user=user, role=role, office_type=office_type, body=body)
        created.append(user)
        if user.requires_mfa and not Authenticator.objects.filter(user=user).exists():
            secret = generate_totp_secret()
            TOTP.activate(user, secret)
            secrets[email] = secret
    return created, secrets

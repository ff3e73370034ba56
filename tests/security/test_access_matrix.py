"""Every URL of the portal x every role x own / someone else's object.

The routes come from the URL conf itself (tests/security/matrix.py), so a URL added without an
entry in EXPECTED fails this test. Codes in the table, per role in the order of ROLES:

  200, 403, 404, 405   that status
  L                    302 to the login page (anonymous)
  R                    302 somewhere else (e.g. a signed-in person sent on from the login page)

Every response is also checked for the security headers (test_headers.py has the rules), and
an object someone may not see must not show up in the body.
"""

import pytest
from django.conf import settings as django_settings

from .headers import header_problems
from .matrix import ROLES, World, all_routes, path_of

#        anonymous officeholder griffier triage support partner admin
OPEN = "200 200 200 200 200 200 200"
SIGNED_IN = "L 200 200 200 200 200 200"
POST_ONLY = "L 405 405 405 405 405 405"
TRIAGE_ONLY = "L 404 404 200 404 404 404"
REPORTER_ONLY = "L 200 404 404 404 404 404"
NOBODY = "L 404 404 404 404 404 404"
PARTNERS_AND_STAFF = "L 404 404 200 404 200 404"
BROWSE_TRAININGS = "L 200 200 200 404 200 404"
LEARNING_PARTICIPANTS = "L 404 200 200 404 404 404"  # the griffier's body takes part; BZK hosts

EXPECTED = {
    # --- the site itself
    "home": OPEN,
    "accessibility": OPEN,
    "privacy": OPEN,
    "contact": OPEN,
    "healthz": OPEN,
    "quick_exit": "405 405 405 405 405 405 405",  # POST only: the "Snel weg" beacon
    "set_language": "R R R R R R R",  # POST only in use; a GET returns to the page
    "session_keepalive": "405 405 405 405 405 405 405",  # POST only: "Ingelogd blijven"
    # --- allauth (login, password, MFA); a signed-in person is sent on from the login pages
    "account_login": "200 R R R R R R",
    "account_logout": "R 200 200 200 200 200 200",
    "account_signup": "200 R R R R R R",  # closed: the page says so; accounts come by invitation
    "account_inactive": OPEN,
    "account_reauthenticate": SIGNED_IN,
    "account_email": SIGNED_IN,
    "account_email_verification_sent": OPEN,
    "account_confirm_email": OPEN,  # with an unknown key: "link expired" page
    "account_change_password": SIGNED_IN,
    "account_set_password": "L R R R R R R",
    "account_reset_password": OPEN,
    "account_reset_password_done": OPEN,
    "account_reset_password_from_key": OPEN,  # unknown key: "bad token" page
    "account_reset_password_from_key_done": OPEN,
    "account_confirm_login_code": "R R R R R R R",  # not in a login flow: sent back
    "mfa_index": SIGNED_IN,
    "mfa_authenticate": "R R R R R R R",  # not in a login flow: sent back
    "mfa_reauthenticate": "L R R 200 200 R 200",  # only who has a second factor
    "mfa_activate_totp": "L R R R R R R",  # already active (staff) or optional: to the index
    "mfa_deactivate_totp": "L 404 404 R R 404 R",  # nothing to deactivate, or re-authenticate
    "mfa_generate_recovery_codes": "L R R R R R R",  # re-authenticate first
    "mfa_view_recovery_codes": "L 404 404 404 404 404 404",  # none generated yet
    "mfa_download_recovery_codes": "L 404 404 404 404 404 404",
    # --- accounts
    "accounts:account": SIGNED_IN,  # "Mijn account": each person their own
    "accounts:invitation_list": "L 404 404 200 404 404 200",
    "accounts:invitation_revoke": POST_ONLY,
    "accounts:invitation_approve": POST_ONLY,
    "accounts:invitation_decline": POST_ONLY,
    "accounts:invitation_accept": "404 404 404 404 404 404 404",  # unknown token
    # --- the admin (representatives; see matrix.SKIPPED_NAMESPACES)
    "admin:index": "R R R R R R 200",
    "admin:login": "L 403 403 403 403 403 R",
    "admin:audit_accessentry_changelist": "R R R R R R 200",
    # --- audit: the trail of a case (staff) and who opened it (reporter)
    "incidents:case_trail": {"own": TRIAGE_ONLY, "other": TRIAGE_ONLY},
    "incidents:case_readers": {
        "own": "L 200 404 404 404 404 404",
        "other": "L 404 404 404 404 404 404",
    },
    "audit:erasure": "L 200 404 404 404 404 404",
    # --- incidents: "own" is the officeholder's sent report, "other" a stranger's; staff see
    # every sent report, the support team only cases they are deployed on (none here)
    "incidents:list": "L 200 404 404 404 404 404",
    "incidents:start": "L 200 404 404 404 404 404",
    "incidents:queue": TRIAGE_ONLY,
    "incidents:support": "L 404 404 404 200 404 404",
    # The on-call rota and its forms: case handlers only. The acknowledge page of an urgent
    # case: case handlers, and only where a page to the person on call exists ("other").
    "incidents:rota": TRIAGE_ONLY,
    "incidents:rota_add": POST_ONLY,
    "incidents:rota_remove": POST_ONLY,
    "incidents:notice_preference": POST_ONLY,
    "incidents:urgent_ack": {"own": NOBODY, "other": TRIAGE_ONLY},
    "incidents:save_filter": POST_ONLY,
    "incidents:queue_bulk": POST_ONLY,
    "incidents:queue_export": TRIAGE_ONLY,
    "incidents:delete_filter": POST_ONLY,
    "incidents:detail": {"own": "L 200 404 200 404 404 404", "other": TRIAGE_ONLY},
    "incidents:dossier": {"own": "L 200 404 200 404 404 404", "other": TRIAGE_ONLY},
    "incidents:evidence_file": {"own": "L 200 404 200 404 404 404", "other": TRIAGE_ONLY},
    "incidents:danger": {"own": REPORTER_ONLY, "other": NOBODY},
    "incidents:evidence": {"own": REPORTER_ONLY, "other": NOBODY},
    "incidents:sent": {"own": REPORTER_ONLY, "other": NOBODY},
    "incidents:edit": {"own": "L R 404 404 404 404 404", "other": NOBODY},  # sent: to the case
    "incidents:submit": {"own": "L R 404 404 404 404 404", "other": NOBODY},
    # POST only (the form's script); a sent report ("own") is no draft to delete.
    "incidents:autosave": {
        "own": "405 405 405 405 405 405 405",
        "other": "405 405 405 405 405 405 405",
    },
    "incidents:draft_delete": {"own": NOBODY, "other": NOBODY},
    **{
        f"incidents:{name}": {"own": POST_ONLY, "other": POST_ONLY}
        for name in (
            "message",
            "note",
            "notify_choice",
            "consent",  # the colleague a report is about answers (incidents/concerned.py)
            "transition",
            "urgency",
            "assign",
            "escalate",
            "deploy",
            "step",
        )
    },
    # --- deployments of the Ondersteuningsteam and preparation support: "own" is a record on
    # the officeholder's case and the griffier's preparation request, "other" of strangers.
    # The support role here is deployed on nothing: a 404 for every record and request.
    "deployments:calendar": "L 404 404 200 200 404 404",
    "deployments:case_records": {"own": TRIAGE_ONLY, "other": TRIAGE_ONLY},
    "deployments:create_for_case": {"own": TRIAGE_ONLY, "other": TRIAGE_ONLY},
    "deployments:detail": {"own": TRIAGE_ONLY, "other": TRIAGE_ONLY},
    "deployments:edit": {"own": TRIAGE_ONLY, "other": TRIAGE_ONLY},
    # Officeholders see the list (only the mayor, as here, may ask); griffiers ask.
    "deployments:preparations": "L 200 200 200 200 404 404",
    "deployments:preparation_start": "L 200 200 404 404 404 404",
    "deployments:preparation": {"own": "L 404 200 200 404 404 404", "other": TRIAGE_ONLY},
    "deployments:preparation_plan": {"own": TRIAGE_ONLY, "other": TRIAGE_ONLY},
    "deployments:create_for_preparation": {"own": TRIAGE_ONLY, "other": TRIAGE_ONLY},
    "deployments:preparation_outcome": {"own": TRIAGE_ONLY, "other": TRIAGE_ONLY},
    # staff take a member off a record (the record on each case has a member)
    "deployments:member_remove": {"own": TRIAGE_ONLY, "other": TRIAGE_ONLY},
    # the requester's answer on a practice example (POST only; others 404 on POST)
    "deployments:practice_consent": {"own": POST_ONLY, "other": POST_ONLY},
    # --- network: "own" is the partner's organisation, membership and draft contribution,
    # "other" those of a member of another organisation
    "network:directory": OPEN,
    "network:knowledge": OPEN,
    "network:organisation": {"own": OPEN, "other": OPEN},  # the public directory
    "network:members_directory": PARTNERS_AND_STAFF,
    "network:item_create": PARTNERS_AND_STAFF,
    "network:review_queue": PARTNERS_AND_STAFF,
    "network:item": {"own": "404 404 404 200 404 200 404", "other": "404 404 404 200 404 404 404"},
    "network:item_pdf": {
        "own": "404 404 404 200 404 200 404",
        "other": "404 404 404 200 404 404 404",
    },
    "network:attachment": {
        "own": "404 404 404 200 404 200 404",
        "other": "404 404 404 200 404 404 404",
    },
    "network:item_edit": {"own": PARTNERS_AND_STAFF, "other": TRIAGE_ONLY},
    # staff draft a practice from a preparation ("own" the griffier's request, "other" another
    # body's); the page says why not while the outcome and the requester's consent are missing
    "network:practice_from_preparation": {"own": TRIAGE_ONLY, "other": TRIAGE_ONLY},
    **{
        f"network:{name}": {"own": POST_ONLY, "other": POST_ONLY}
        for name in (
            "join",
            "invite",
            "join_decide",
            "membership_end",
            "membership_role",
            "item_transition",
            "feedback",
            "attachment_add",
            "attachment_remove",
            "practice_from_application",
        )
    },
    # --- homescan: "own" is the officeholder's scan shared with BZK, "other" a stranger's
    "homescan:index": "L 200 404 404 404 404 404",
    "homescan:scan": "L 200 404 404 404 404 404",
    "homescan:result": {"own": "L 200 404 200 404 404 404", "other": "L 404 404 404 404 404 404"},
    "homescan:pdf": {"own": "L 200 404 200 404 404 404", "other": "L 404 404 404 404 404 404"},
    "homescan:share": {"own": POST_ONLY, "other": POST_ONLY},
    "homescan:readers": {"own": REPORTER_ONLY, "other": NOBODY},  # who read it: owner only
    "homescan:delete": {"own": POST_ONLY, "other": POST_ONLY},
    "homescan:fund_request": {
        "own": "L 200 404 404 404 404 404",
        "other": "L 404 404 404 404 404 404",
    },
    "homescan:shared": TRIAGE_ONLY,
    "homescan:starter_kit": REPORTER_ONLY,  # the officeholder is a mayor with a kit
    "homescan:starter_kits": TRIAGE_ONLY,
    # the kit's risk analysis: the mayor their own, BZK staff every one (own = the officeholder's
    # kit, other = a stranger's); never the griffie of the same body, partners or the admin
    "homescan:risk_analysis": REPORTER_ONLY,
    "homescan:risk_analysis_scan": POST_ONLY,
    "homescan:risk_analysis_fund": POST_ONLY,
    "homescan:kit_risk_analysis": {"own": TRIAGE_ONLY, "other": TRIAGE_ONLY},
    # --- training: "own" is a training of the partner's organisation whose session the
    # officeholder attended (their sign-up and certificate), "other" another organisation's
    # training attended by a stranger. Officeholders, griffiers, partners and BZK staff browse.
    "training:catalogue": BROWSE_TRAININGS,
    "training:create": PARTNERS_AND_STAFF,
    "training:detail": {"own": BROWSE_TRAININGS, "other": BROWSE_TRAININGS},
    **{
        f"training:{name}": {"own": PARTNERS_AND_STAFF, "other": TRIAGE_ONLY}
        for name in ("edit", "session_add", "attendance")
    },
    "training:sign_up": {"own": POST_ONLY, "other": POST_ONLY},
    # a griffier signs up officeholders of their own body, for any training meant for them
    "training:sign_up_member": {
        "own": "L 404 200 404 404 404 404",
        "other": "L 404 200 404 404 404 404",
    },
    "training:cancel": {"own": POST_ONLY, "other": POST_ONLY},
    "training:certificate": {"own": REPORTER_ONLY, "other": NOBODY},
    # --- learning network: the griffier's body takes part, BZK hosts; the officeholder, the
    # partner (their organisation does not take part), support team and admin take no part and
    # get a 404 everywhere. "own" is the griffier's body, its person and a meeting the griffier
    # attended; "other" another participant, its person and a meeting of others (both begun).
    "learning:home": LEARNING_PARTICIPANTS,
    "learning:join": "L 404 200 404 404 404 404",  # who may ask: a griffier or contact person
    "learning:requests": TRIAGE_ONLY,
    "learning:decide": {"own": TRIAGE_ONLY, "other": TRIAGE_ONLY},
    "learning:withdraw": {"own": POST_ONLY, "other": POST_ONLY},
    "learning:participants": LEARNING_PARTICIPANTS,
    "learning:participant_end": {"own": POST_ONLY, "other": POST_ONLY},
    "learning:body_people": {"own": "L 404 200 404 404 404 404", "other": NOBODY},
    "learning:member_end": {"own": POST_ONLY, "other": POST_ONLY},
    "learning:meetings": LEARNING_PARTICIPANTS,
    "learning:meeting_create": TRIAGE_ONLY,
    **{
        f"learning:{name}": {"own": LEARNING_PARTICIPANTS, "other": LEARNING_PARTICIPANTS}
        for name in ("meeting", "material")
    },
    **{
        f"learning:{name}": {"own": POST_ONLY, "other": POST_ONLY}
        for name in ("register", "unregister", "meeting_cancel", "report_consent")
    },
    **{
        f"learning:{name}": {"own": TRIAGE_ONLY, "other": TRIAGE_ONLY}
        for name in ("attendance", "report", "report_practice")
    },
    # --- learning, the exchange: "own" is the griffier's question, "other" one of a griffier of
    # another participating body. Every participant reads every thread; nothing is public.
    "learning:threads": LEARNING_PARTICIPANTS,
    "learning:thread_create": LEARNING_PARTICIPANTS,
    "learning:thread": {"own": LEARNING_PARTICIPANTS, "other": LEARNING_PARTICIPANTS},
    "learning:thread_practice": {"own": TRIAGE_ONLY, "other": TRIAGE_ONLY},
    **{
        f"learning:{name}": {"own": POST_ONLY, "other": POST_ONLY}
        for name in (
            "thread_answer",
            "thread_hide",
            "thread_lock",
            "thread_consent",
            "answer_helpful",
            "answer_hide",
        )
    },
    # --- monitor
    "monitor:dashboard": TRIAGE_ONLY,
    "monitor:shared": "404 404 404 200 200 200 404",  # audience "partners"
    "monitor:annual_report": "404 404 404 404 404 404 404",  # no published year in the test
    # --- subsidies: "own" is an application of the griffier's body, "other" of another body
    # An officeholder lists and starts their own applications to the security measures fund.
    "subsidies:list": "L 200 200 200 404 404 404",
    "subsidies:start": "L 200 200 404 404 404 404",
    # the officeholder is a mayor (chairs the municipality); nobody else chairs a body
    "subsidies:on_behalf": REPORTER_ONLY,
    "subsidies:consent": {"own": POST_ONLY, "other": POST_ONLY},
    "subsidies:detail": {"own": "L 404 200 200 404 404 404", "other": TRIAGE_ONLY},
    "subsidies:step": {"own": "L 404 R 404 404 404 404", "other": "L 404 404 404 404 404 404"},
    "subsidies:attachment": {"own": "L 404 200 200 404 404 404", "other": TRIAGE_ONLY},
    "subsidies:letter": {"own": "L 404 404 404 404 404 404", "other": "L 404 404 404 404 404 404"},
    "subsidies:transition": {"own": POST_ONLY, "other": POST_ONLY},
    "subsidies:assess": {"own": POST_ONLY, "other": POST_ONLY},
    "subsidies:decide": {"own": TRIAGE_ONLY, "other": TRIAGE_ONLY},
    "subsidies:pay": {"own": POST_ONLY, "other": POST_ONLY},
    "subsidies:account": {"own": POST_ONLY, "other": POST_ONLY},
    "subsidies:invoice": {"own": POST_ONLY, "other": POST_ONLY},  # the applicant, after a grant
    "subsidies:account_approve": {"own": POST_ONLY, "other": POST_ONLY},
    "subsidies:account_due_date": {"own": POST_ONLY, "other": POST_ONLY},
    "subsidies:account_return": {"own": POST_ONLY, "other": POST_ONLY},
    "subsidies:budget": TRIAGE_ONLY,
    "subsidies:export": TRIAGE_ONLY,
}

# Who may act on someone else's object (a POST to "other"): everyone else must get a 404 (or
# 403/405, or the login page) and the object must not change. None: that role may, skip.
POST_OTHER_ALLOWED = {"triage"}
# Any partner may ask to join any organisation; the directory pages are public. Any
# officeholder or griffier may sign up for any training's session meant for them, and a
# griffier may sign up members of their own body for it (whom: test_griffie.py). Any
# participant of the learning network may register for any of its meetings and answer any
# thread.
POST_OTHER_SKIPPED = {
    "network:join",
    "network:organisation",
    "training:sign_up",
    "learning:register",
    "learning:thread_answer",
    "training:sign_up_member",
}


def _variants(route):
    expected = EXPECTED[route.name]
    if isinstance(expected, dict):
        return list(expected.items())
    return [(None, expected)]


def _matches(code, response):
    status = response.status_code
    if code == "L":
        return status == 302 and response["Location"].startswith(
            ("/account/login/", django_settings.LOGIN_URL)
        )
    if code == "R":
        return status == 302 and not response["Location"].startswith("/account/login/?next=")
    return str(status) == code


@pytest.fixture
def production_headers(settings):
    """The header settings of production (SECURE_HTTPS=1), requests made over https."""
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_SSL_REDIRECT = False  # the client asks over https already
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True


def test_every_url_pattern_has_an_entry_and_every_entry_a_url():
    routes = all_routes()
    missing = sorted(set(routes) - set(EXPECTED))
    stale = sorted(set(EXPECTED) - set(routes))
    assert not missing, f"URL patterns without an entry in the access matrix: {missing}"
    assert not stale, f"entries in the access matrix without a URL pattern: {stale}"


@pytest.mark.django_db
def test_every_url_answers_every_role_as_the_matrix_says(client, production_headers):
    world = World()
    routes = all_routes()
    mismatches, header_failures, leaks, checked = [], [], [], 0
    for name in sorted(routes):
        route = routes[name]
        for variant, row in _variants(route):
            codes = row.split()
            assert len(codes) == len(ROLES), f"{name}: {len(codes)} codes for {len(ROLES)} roles"
            url = path_of(route, world.kwargs(route, variant or "own"))
            other = variant == "other" and name != "network:organisation"
            for role, code in zip(ROLES, codes, strict=True):
                client.logout()
                if world.users[role] is not None:
                    client.force_login(world.users[role])
                response = client.get(url, secure=True)
                checked += 1
                if not _matches(code, response):
                    location = response.get("Location", "")
                    mismatches.append(
                        f"{name} [{variant}] as {role}: expected {code}, "
                        f"got {response.status_code} {location}"
                    )
                problems = header_problems(response, signed_in=role != "anonymous")
                if problems:
                    header_failures.append(f"{name} as {role}: {problems}")
                if other and response.status_code == 200 and code != "200":
                    leaks.append(f"{name} [other] as {role}")
    print(f"access matrix: {checked} requests over {len(routes)} URL patterns")
    assert not mismatches, "\n".join(mismatches)
    assert not header_failures, "\n".join(header_failures)
    assert not leaks, "\n".join(leaks)


def _snapshot(obj):
    obj.refresh_from_db()
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.mark.django_db
def test_no_role_can_act_on_someone_elses_object(client):
    """A POST to every URL with an object, on an object of someone else: 404 (or 401/403/405,
    or the login page) and the object is unchanged."""
    world = World()
    routes = all_routes()
    failures, checked = [], 0
    for name in sorted(routes):
        route = routes[name]
        app = name.split(":")[0]
        with_object = {"pk", "slug", "application_pk", "deployment_pk", "preparation_pk"}
        if name in POST_OTHER_SKIPPED or not with_object & set(route.converters):
            continue
        obj = world.object_for(route, "other")
        before = _snapshot(obj)
        url = path_of(route, world.kwargs(route, "other"))
        for role in ROLES:
            # Invitations belong to their inviter: staff may not act on a colleague's either.
            if role in POST_OTHER_ALLOWED and app != "accounts":
                continue
            client.logout()
            if world.users[role] is not None:
                client.force_login(world.users[role])
            response = client.post(url, {"withdraw": "1", "to_status": "closed"})
            checked += 1
            # 401: the JSON endpoints' answer to a signed-out person (autosave, keep-alive).
            refused = response.status_code in (401, 403, 404, 405) or (
                role == "anonymous" and _matches("L", response)
            )
            if not refused:
                failures.append(f"POST {name} [other] as {role}: {response.status_code}")
        if _snapshot(obj) != before:
            failures.append(f"POST {name}: someone else's object changed")
    print(f"POST matrix: {checked} requests")
    assert not failures, "\n".join(failures)


# --- Allowed POSTs with side effects on others: invitations --------------------------------
# Every invitation path as every role (and a partner organisation's contact person): invite the
# addresses that other people invited (offering the same role, another role, the administrator
# role, and through the partner page), invite an address that has an account, revoke, approve,
# decline and take up other people's invitations. Nothing may change another inviter's
# invitation, anyone's roles or accounts; only a second privileged person's approval may touch
# a waiting invitation, and only its approval fields.

INVITERS = (*ROLES, "contact")
# Who may approve or decline which waiting invitation (never its inviter; see selectors).
MAY_DECIDE = {"triage_waiting": {"triage", "admin"}, "admin_waiting": {"admin"}}
PASSWORD = "Lang-en-uniek-2026!"


def _people_and_roles():
    from accounts.models import RoleAssignment, User

    return (
        sorted(RoleAssignment.objects.values_list("user_id", "role", "office_type", "body_id")),
        sorted(User.objects.values_list("pk", "email", "is_active", "is_staff", "is_superuser")),
    )


def _refused(role, response):
    return response.status_code in (403, 404, 405) or (
        role == "anonymous" and _matches("L", response)
    )


@pytest.mark.django_db
def test_invitation_paths_as_every_role_leave_others_invitations_and_roles_alone(client, settings):
    from django.urls import reverse

    from accounts.models import Invitation, Role

    settings.INVITATION_RATE_LIMIT = 10_000  # the limit has its own tests
    world = World()
    others = world.others_invitations
    existing_account = world.users["officeholder"].email
    failures, checked = [], 0

    def post(role, url, data=None):
        nonlocal checked
        checked += 1
        client.logout()
        user = world.contact if role == "contact" else world.users[role]
        if user is not None:
            client.force_login(user)
        return client.post(url, data or {})

    def state():
        return {key: _snapshot(inv) for key, inv in others.items()}, _people_and_roles()

    before = state()
    for role in INVITERS:
        targets = [(inv.email, inv.role, inv) for inv in others.values()]
        targets.append((existing_account, Role.PARTNER, None))
        for email, offered, invitation in targets:
            for offer in {Role.PARTNER, Role.ADMINISTRATOR, Role.TRIAGE, offered}:
                data = {"email": email.upper(), "full_name": "Iemand", "role": offer}
                if offer == Role.OFFICEHOLDER:
                    data |= {"office_type": invitation.office_type, "body": invitation.body_id}
                post(role, reverse("accounts:invitation_list"), data)
            post(role, reverse("network:invite", args=["nvvr"]), {"full_name": "X", "email": email})
            if invitation is None:
                continue
            key = next(k for k, v in others.items() if v.pk == invitation.pk)
            for name in (
                "accounts:invitation_revoke",
                "accounts:invitation_approve",
                "accounts:invitation_decline",
            ):
                if name != "accounts:invitation_revoke" and role in MAY_DECIDE.get(key, ()):
                    continue  # an allowed approver: checked below
                response = post(role, reverse(name, args=[invitation.pk]))
                if not _refused(role, response):
                    failures.append(f"POST {name} [{key}] as {role}: {response.status_code}")
            accept = reverse("accounts:invitation_accept", args=[invitation.token])
            form = {"confirm": "1", "full_name": "X", "password1": PASSWORD, "password2": PASSWORD}
            if role != "anonymous":
                post(role, accept, form)  # signed in with another address: nothing to take up
            elif invitation.needs_approval:
                # (Signed out, whoever holds the link of an open invitation is its invitee.)
                response = post(role, accept, form)
                if response.status_code != 410:
                    failures.append(f"accepting [{key}] before approval: {response.status_code}")
        if state() != before:
            failures.append(
                f"as {role}: another inviter's invitation, a role or an account changed"
            )
            before = state()

    # An allowed approver changes the approval fields of a waiting invitation, nothing else.
    for key, approver in (("triage_waiting", "triage"), ("admin_waiting", "admin")):
        invitation = others[key]
        response = post(approver, reverse("accounts:invitation_approve", args=[invitation.pk]))
        after = _snapshot(invitation)
        changed = {f for f in after if after[f] != before[0][key][f]}
        if response.status_code != 302 or changed != {
            "approved_at",
            "approved_by_id",
            "expires_at",
        }:
            failures.append(f"approving [{key}] as {approver}: {response.status_code} {changed}")
    if _people_and_roles() != before[1]:
        failures.append("an approval changed a role or an account")
    # Nobody's own invitations reached an address with another inviter's offer as a sign-up:
    # each of the others' invitations is still the only one by its inviter for its address.
    for invitation in others.values():
        mine = Invitation.objects.filter(
            email__iexact=invitation.email, invited_by=invitation.invited_by
        )
        if mine.count() != 1:
            failures.append(f"{invitation.email}: its inviter's invitations changed")
    print(f"invitation side-effect matrix: {checked} requests")
    assert not failures, "\n".join(failures)

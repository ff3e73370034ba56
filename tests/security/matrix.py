"""The portal's URL conf walked into concrete URLs, the people who request them, and the objects
they own or do not own. Used by the access matrix and the security-header tests."""

from dataclasses import dataclass
from datetime import timedelta

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from accounts.actions import invitation_create
from accounts.models import Role
from accounts.tests import factories as people
from homescan import actions as homescan_actions
from homescan import risk_analysis as homescan_risk_analysis
from homescan.tests import factories as homescan_factories
from incidents import actions as incident_actions
from incidents.models import OnCallShift, UrgentAlert
from incidents.tests import factories as incident_factories
from learning import actions as learning_actions
from learning.tests import factories as learning_factories
from network.actions import join_request_create, knowledge_attachment_add
from network.models import Membership, PartnerOrganisation
from network.tests import factories as network_factories
from network.workflow import ItemStatus
from subsidies.tests import factories as subsidy_factories
from training import actions as training_actions
from training.tests import factories as training_factories

ROLES = ("anonymous", "officeholder", "griffier", "triage", "support", "partner", "admin")

# Not in the matrix, on purpose. Each entry says why.
SKIPPED_NAMESPACES = {
    # The Django admin's model pages (hundreds of generated URLs): they require is_staff, go
    # through the same login (allauth's secure_admin_login) and the MFA middleware. The admin
    # index, login and the audit log's changelist are in the matrix as representatives.
    "admin",
}
ADMIN_REPRESENTATIVES = {"admin:index", "admin:login", "admin:audit_accessentry_changelist"}


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    pattern: str  # the full pattern, for messages
    converters: tuple  # the names of the captured arguments


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            else:
                inner = namespace
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
            pattern = prefix + str(entry.pattern)
            names = tuple(entry.pattern.regex.groupindex)
            yield Route(name or f"<unnamed {pattern}>", pattern, names)


def all_routes():
    """Every URL pattern of the portal, bar the skipped namespaces (see above)."""
    routes = {}
    for route in _walk(get_resolver()):
        top = route.name.split(":", 1)[0] if ":" in route.name else ""
        if top in SKIPPED_NAMESPACES and route.name not in ADMIN_REPRESENTATIVES:
            continue
        routes.setdefault(route.name, route)
    return routes


class World:
    """One person per role and, for each kind of object, one the officeholder or griffier owns
    and one of someone else."""

    def __init__(self):
        self.users = {
            "anonymous": None,
            "officeholder": incident_factories.reporter(full_name="Olga Ambtsdrager"),
            "griffier": people.griffier(),
            "triage": people.triage_staff(),
            "support": people.support_team_member(),
            "partner": network_factories.member(),  # a member of the NVvR
            "admin": people.administrator(),
        }
        officeholder, griffier = self.users["officeholder"], self.users["griffier"]
        stranger = incident_factories.reporter(full_name="Sam Vreemde")
        self.incident = {
            "own": incident_factories.submitted(officeholder),
            "other": incident_factories.submitted(stranger),
        }
        own_scan = homescan_factories.scan(owner=officeholder)
        homescan_actions.scan_share(actor=officeholder, scan=own_scan)
        self.scan = {"own": own_scan, "other": homescan_factories.scan(owner=stranger)}
        # Both are mayors with a starterspakket; the officeholder's has a finished risk analysis.
        self.kit = {
            who: homescan_actions.starter_kit_create(
                mayor=person, body=person.role_assignments.get().body
            )
            for who, person in (("own", officeholder), ("other", stranger))
        }
        homescan_actions.risk_analysis_include_scan(
            actor=officeholder, kit=self.kit["own"], scan=own_scan
        )
        homescan_actions.risk_analysis_answer(
            actor=self.users["triage"],
            kit=self.kit["own"],
            answers={q.code: q.options[-1].code for q in homescan_risk_analysis.QUESTIONS},
            police_advice="Advies van de politie: camera bij de voordeur.",
        )
        other_body = people.municipality("GM0363")
        self.application = {
            "own": subsidy_factories.submitted(griffier=griffier),
            "other": subsidy_factories.submitted(griffier=people.griffier(body=other_body)),
        }
        for incident in self.incident.values():
            incident_actions.evidence_add(
                actor=incident.reporter,
                incident=incident,
                uploaded_file=incident_factories.upload("foto.png", incident_factories.png_bytes()),
            )
        # An urgent page to the person on call exists for the stranger's case only.
        UrgentAlert.objects.create(incident=self.incident["other"])
        self.shift = OnCallShift.objects.create(
            person=self.users["triage"],
            starts_at=timezone.now(),
            ends_at=timezone.now() + timedelta(hours=8),
            created_by=self.users["triage"],
        )
        self.saved_filter = incident_actions.saved_filter_save(
            actor=self.users["triage"], name="Urgent", query="urgent=1"
        )
        partner = self.users["partner"]
        other_org = PartnerOrganisation.objects.exclude(slug="nvvr").order_by("pk").first()
        self.organisation = {"own": network_factories.organisation(), "other": other_org}
        outsider = network_factories.member(other_org)
        self.membership = {
            "own": Membership.objects.get(user=partner),
            "other": Membership.objects.get(user=outsider),
        }
        self.item = {
            "own": network_factories.item(author=partner, status=ItemStatus.DRAFT),
            "other": network_factories.item(author=outsider, status=ItemStatus.DRAFT),
        }
        for item in self.item.values():
            knowledge_attachment_add(
                actor=item.author,
                item=item,
                title="Bijlage",
                uploaded_file=subsidy_factories.pdf_upload(),
            )
        # training: "own" is a training of the partner's organisation (NVvR) whose session the
        # officeholder attended, "other" one of another organisation that a stranger attended
        # (both mayors, so both trainings are for mayors too).
        self.training = {
            "own": training_factories.training(
                provider=self.organisation["own"], actor=partner, for_burgemeester=True
            ),
            "other": training_factories.training(
                provider=other_org, actor=outsider, for_burgemeester=True
            ),
        }
        self.session = {
            who: training_factories.session(training, actor=self.users["triage"])
            for who, training in self.training.items()
        }
        self.registration = {
            who: training_actions.registration_sign_up(actor=person, session=self.session[who])
            for who, person in (("own", officeholder), ("other", stranger))
        }
        for who, registration in self.registration.items():
            training_factories.begin(self.session[who])
            training_actions.session_attendance_record(
                actor=self.users["triage"], session=self.session[who], attended=[registration.pk]
            )
        join = join_request_create(actor=people.UserFactory(), organisation=other_org)
        self.join_request = {"own": join, "other": join}
        # "own" is the triage member's invitation, "other" a BZK colleague's: an invitation
        # belongs to its inviter, so nobody else revokes, approves or changes it.
        colleague = people.triage_staff(full_name="Cor Collega")
        self.invitation = {
            "own": invitation_create(
                actor=self.users["triage"], email="nieuw@example.test", role=Role.PARTNER
            ),
            "other": invitation_create(
                actor=colleague, email="ander@example.test", role=Role.PARTNER
            ),
        }
        self.contact = network_factories.contact_person(full_name="Cas Contact")  # of the NVvR
        self._deployments(griffier, other_body)
        self._learning(griffier, other_body, other_org)
        self._learning_threads(griffier, other_body)
        self.others_invitations = self._others_invitations(colleague, other_org)

    def _deployments(self, griffier, other_body):
        """A deployment record on each case (of a team member other than the support role
        here, who stays deployed on nothing), and a preparation request of the griffier
        ("own") and of a griffier of another body ("other")."""
        from incidents.deployments import actions as deployment_actions

        staff, member = self.users["triage"], people.support_team_member(full_name="Tom Team")
        self.deployment = {
            variant: deployment_actions.deployment_create(
                actor=staff, incident=incident, data={"kind": "aftercare"}, members=[member]
            )
            for variant, incident in self.incident.items()
        }
        data = {
            "meeting_starts_at": timezone.now() + timedelta(days=7),
            "place": "Raadzaal",
            "subject": "Windmolens",
            "expected_attendance": 120,
            "earlier_incidents": "",
        }
        self.preparation = {
            "own": deployment_actions.preparation_request(actor=griffier, data=data),
            "other": deployment_actions.preparation_request(
                actor=people.griffier(body=other_body), data=data
            ),
        }

    def _learning(self, griffier, other_body, other_org):
        """The learning network: the griffier's body takes part (BZK added it) and so does
        another body; "own" is the griffier's body, its added person and a meeting the
        griffier attended, "other" the other body, its person and a meeting of others. Both
        meetings have begun and have material. A request waits from a third body."""
        staff = self.users["triage"]
        own_body = griffier.role_assignments.get().body
        self.learning_participant = {
            "own": learning_actions.participant_add(actor=staff, body=own_body),
            "other": learning_actions.participant_add(actor=staff, organisation=other_org),
        }
        learning_actions.participant_add(actor=staff, body=other_body)
        other_griffier = people.griffier(body=other_body)
        griffier.forget_cached_roles()
        self.learning_body = {"own": own_body, "other": other_body}
        self.learning_member = {
            "own": learning_actions.network_member_add(
                actor=griffier, body=own_body, user=people.officeholder(body=own_body)
            ),
            "other": learning_actions.network_member_add(
                actor=other_griffier, body=other_body, user=people.officeholder(body=other_body)
            ),
        }
        third = people.municipality("GM0599")
        request = learning_actions.participation_request_submit(
            actor=people.griffier(body=third), body=third, motivation="Wij doen graag mee."
        )
        self.learning_request = {"own": request, "other": request}
        self.meeting = {}
        for variant, person in (("own", griffier), ("other", other_griffier)):
            meeting = learning_factories.meeting(actor=staff)
            registration = learning_actions.meeting_register(actor=person, meeting=meeting)
            learning_factories.begin(meeting)
            learning_actions.meeting_attendance_record(
                actor=staff, meeting=meeting, attended=[registration.pk]
            )
            learning_actions.meeting_material_add(
                actor=staff,
                meeting=meeting,
                title="Dia's",
                uploaded_file=subsidy_factories.pdf_upload(),
            )
            learning_actions.meeting_report_save(
                actor=staff, meeting=meeting, report="Een goed gesprek over de tribune."
            )
            self.meeting[variant] = meeting

    def _learning_threads(self, griffier, other_body):
        """The griffier's body and another body take part in the learning network (added by
        BZK). "own" is the griffier's question with an answer from the other body's griffier;
        "other" that griffier's question with the griffier's answer. The officeholder, support,
        the partner (whose organisation does not take part) and the administrator do not."""
        from learning.models import ThreadKind
        from learning.selectors import voices_of
        from network.models import Theme

        # Both bodies take part already (`_learning`).
        colleague = people.griffier(body=other_body, full_name="Gijs Griffier")
        griffier.forget_cached_roles()
        theme = Theme.objects.get(slug="veilig-vergaderen")
        self.thread, self.answer = {}, {}
        for variant, author, replier in (
            ("own", griffier, colleague),
            ("other", colleague, griffier),
        ):
            thread = learning_actions.thread_create(
                actor=author,
                theme=theme,
                kind=ThreadKind.QUESTION,
                title=f"Vraag {variant}",
                text="Hoe regelt u de tribune?",
                voice=voices_of(author)[0],
            )
            self.thread[variant] = thread
            self.answer[variant] = learning_actions.answer_create(
                actor=replier, thread=thread, text="Met een bode.", voice=voices_of(replier)[0]
            )
        griffier.forget_cached_roles()

    def _others_invitations(self, colleague, other_org):
        """Invitations of people other than the roles above, each to an address that the
        roles will try to invite, revoke, approve, decline or take up themselves."""
        from accounts.models import OfficeType
        from network.actions import membership_invite

        other_admin = people.administrator(full_name="Bram Beheerder")
        return {
            "mayor": invitation_create(
                actor=colleague,
                email="burgemeester@example.test",
                role=Role.OFFICEHOLDER,
                office_type=OfficeType.BURGEMEESTER,
                body=people.municipality(),
            ),
            "triage_waiting": invitation_create(
                actor=colleague, email="nieuwe-collega@example.test", role=Role.TRIAGE
            ),
            "admin_waiting": invitation_create(
                actor=other_admin, email="nieuwe-beheerder@example.test", role=Role.ADMINISTRATOR
            ),
            "partner": membership_invite(
                actor=network_factories.contact_person(other_org),
                organisation=other_org,
                email="partner-collega@example.test",
            ),
        }

    def object_for(self, route, variant):
        """The object a route with an object is about (for the own/other variants)."""
        name = route.name
        app = name.split(":", 1)[0]
        if "slug" in route.converters:
            return self.organisation[variant]
        if "application_pk" in route.converters:
            return self.application[variant]
        if "filter_pk" in route.converters:
            return self.saved_filter
        if name == "homescan:kit_risk_analysis":
            return self.kit[variant]
        if "deployment_pk" in route.converters:
            return self.deployment[variant]
        if "preparation_pk" in route.converters:
            return self.preparation[variant]
        if app == "training":
            if name in ("training:sign_up", "training:sign_up_member", "training:attendance"):
                return self.session[variant]
            if name in ("training:cancel", "training:certificate"):
                return self.registration[variant]
            return self.training[variant]
        if app == "learning":
            if name.startswith("learning:answer_"):
                return self.answer[variant]
            if name.startswith("learning:thread"):
                return self.thread[variant]
            if name in ("learning:decide", "learning:withdraw"):
                return self.learning_request[variant]
            if name == "learning:participant_end":
                return self.learning_participant[variant]
            if name == "learning:member_end":
                return self.learning_member[variant]
            if name == "learning:body_people":
                return self.learning_body[variant]
            return self.meeting[variant]
        if app == "network":
            if name == "network:join_decide":
                return self.join_request[variant]
            if name.startswith("network:membership"):
                return self.membership[variant]
            return self.item[variant]
        return {
            "subsidies": self.application,
            "homescan": self.scan,
            "audit": self.incident,
            "incidents": self.incident,
            "deployments": self.incident,
            "accounts": self.invitation,
        }[app][variant]

    def kwargs(self, route, variant):
        """Concrete arguments for a route; None if the route takes no object."""
        name = route.name
        app = name.split(":", 1)[0]
        args = {}
        for key in route.converters:
            if key in (
                "pk",
                "slug",
                "application_pk",
                "filter_pk",
                "deployment_pk",
                "preparation_pk",
            ):
                obj = self.object_for(route, variant)
                args[key] = obj.slug if key == "slug" else obj.pk
            elif key == "attachment_pk":
                if app == "network":
                    args[key] = self.item[variant].attachments.first().pk
                else:
                    args[key] = self.application[variant].attachments.first().pk
            elif key == "body_id":
                args[key] = self.learning_body[variant].pk
            elif key == "material_pk":
                args[key] = self.meeting[variant].materials.first().pk
            elif key == "shift_pk":
                args[key] = self.shift.pk
            elif key == "evidence_pk":
                args[key] = self.incident[variant].evidence.first().pk
            elif key == "step":
                args[key] = 1
            elif key == "year":
                args[key] = 2024
            elif key == "token":
                args[key] = "onbekend-token"
            elif key in ("key", "uidb36"):
                args[key] = "0-onbekend" if key == "key" else "0"
            else:
                raise KeyError(f"no object provider for <{key}> in {route.pattern}")
        return args


def path_of(route, kwargs):
    from django.urls import reverse

    return reverse(route.name, kwargs=kwargs or None)

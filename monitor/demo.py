"""Demo history for the monitor: two years of closed and open reports by demo officeholders
who cannot log in, so `make run` shows a monitor with something to see. Codes only, no text."""

import random
from datetime import timedelta

from django.utils import timezone

from accounts.models import OfficeType, Role, RoleAssignment, User
from government.models import BodyKind, GovernmentBody
from incidents.models import Channel, Incident, Kind, PoliceReport, TriageStep, tag_kinds
from incidents.workflow import Status, Step

from . import actions, aggregate

DEMO_DOMAIN = "monitor.demo.test"
REPORTS = 480

# Rough weights after the Monitor Integriteit en Veiligheid: raadsleden report most, then
# wethouders and burgemeesters; verbal aggression and threats lead; online overtakes in person.
OFFICES = [
    (OfficeType.RAADSLID, 45), (OfficeType.WETHOUDER, 22), (OfficeType.BURGEMEESTER, 18),
    (OfficeType.STATENLID, 8), (OfficeType.GEDEPUTEERDE, 3), (OfficeType.WATERSCHAPSBESTUURDER, 4),
]  # fmt: skip
KINDS = [
    (Kind.VERBAL, 40), (Kind.THREAT, 30), (Kind.ONLINE, 35), (Kind.INTIMIDATION, 20),
    (Kind.DOXING, 6), (Kind.STALKING, 4), (Kind.DAMAGE, 5), (Kind.PHYSICAL, 3),
    (Kind.UNDERMINING, 3), (Kind.INTEGRITY, 2),
]  # fmt: skip
CHANNELS = [
    (Channel.ONLINE, 45), (Channel.MEETING, 20), (Channel.MAIL, 14), (Channel.HOME, 10),
    (Channel.PHONE, 8), (Channel.OTHER, 3),
]  # fmt: skip
POLICE = [
    (PoliceReport.NONE, 60), (PoliceReport.PLANNED, 10), (PoliceReport.MELDING, 22),
    (PoliceReport.AANGIFTE, 8),
]  # fmt: skip


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _reporters(rng):
    municipalities = list(GovernmentBody.objects.filter(kind=BodyKind.MUNICIPALITY))
    provinces = list(GovernmentBody.objects.filter(kind=BodyKind.PROVINCE))
    water_boards = list(GovernmentBody.objects.filter(kind=BodyKind.WATER_BOARD))
    reporters = {}
    for index in range(60):
        office = _pick(rng, OFFICES)
        if office in (OfficeType.STATENLID, OfficeType.GEDEPUTEERDE):
            body = rng.choice(provinces)
        elif office == OfficeType.WATERSCHAPSBESTUURDER:
            body = rng.choice(water_boards)
        else:
            body = rng.choice(municipalities)
        user = User.objects.create_user(
            email=f"ambtsdrager{index:02d}@{DEMO_DOMAIN}", full_name="", is_active=False
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        RoleAssignment.objects.create(
            user=user, role=Role.OFFICEHOLDER, office_type=office, body=body
        )
        reporters[user] = (office, body)
    return reporters, municipalities


def seed(stdout):
    if User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").exists():
        aggregate.refresh()
        actions.shared_releases_publish_due()
        return
    rng = random.Random(2018)  # noqa: S311 - demo data, the same every time
    reporters, municipalities = _reporters(rng)
    now = timezone.now()
    people = list(reporters.items())
    incidents = []
    for _ in range(REPORTS):
        user, (office, body) = rng.choice(people)
        submitted = now - timedelta(days=rng.uniform(3, 730), hours=rng.uniform(0, 23))
        urgent = rng.random() < 0.1
        due = submitted + (timedelta(hours=1) if urgent else timedelta(days=1))
        responded = submitted + timedelta(hours=rng.choice([0.5, 2, 5, 20, 30, 50]))
        age = (now - submitted).days
        closed = age > 60 or rng.random() < 0.5
        municipality = body if body.kind == BodyKind.MUNICIPALITY else rng.choice(municipalities)
        incidents.append(
            Incident(
                reporter=user,
                reporter_office_type=office,
                reporter_body=body,
                municipality=None if body.kind == BodyKind.WATER_BOARD else municipality,
                status=Status.CLOSED if closed else Status.IN_PROGRESS,
                urgent=urgent,
                channel=_pick(rng, CHANNELS),
                police_report=_pick(rng, POLICE),
                submitted_at=submitted,
                due_at=due,
                first_response_at=responded,
                closed_at=submitted + timedelta(days=rng.uniform(5, 50)) if closed else None,
            )
        )
    Incident.objects.bulk_create(incidents)
    demo = list(Incident.objects.filter(reporter__email__endswith=f"@{DEMO_DOMAIN}"))
    for incident in demo:
        incident.reference = f"WB-{incident.submitted_at.year}-{incident.pk:06d}"
    Incident.objects.bulk_update(demo, ["reference"])
    tag_kinds(
        {
            incident: {_pick(rng, KINDS) for _ in range(rng.choice([1, 1, 2, 2, 3]))}
            for incident in demo
        }
    )
    # Every sent case has its stappenplan; a closed demo case went through all of it.
    handler = User.objects.filter(email="bzk@demo.test").first()
    steps = [
        TriageStep(
            incident=incident,
            step=step,
            position=position,
            done_by=handler if incident.status == Status.CLOSED and handler else None,
            done_at=incident.closed_at if incident.status == Status.CLOSED and handler else None,
        )
        for incident in demo
        for position, step in enumerate(Step.values)
    ]
    TriageStep.objects.bulk_create(steps)
    aggregate.refresh()
    actions.shared_releases_publish_due()  # the closed years, as the beat task would
    stdout.write(f"Monitor: {REPORTS} demo reports over two years by demo officeholders.")

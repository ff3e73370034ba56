"""Demo deployments for `manage.py seed_demo` (called from incidents.demo.seed): the record of
ondersteuning@demo.test's deployment on the mayor's urgent case filled in, and a planned
preparation of a tense council meeting asked for by griffier@demo.test, with the same member
deployed on location; and a council meeting of burgemeester@demo.test three weeks ago whose
outcome BZK recorded and for which the mayor consented to a practice example (the network's demo
drafts it). Built through the actions; idempotent."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User

from . import actions
from .models import Deployment, DeploymentKind, PreparationRequest


def _past_preparation(stdout, staff, support):
    mayor = User.objects.filter(email="burgemeester@demo.test").first()
    if mayor is None or PreparationRequest.objects.filter(requester=mayor).exists():
        return
    preparation = actions.preparation_request(
        actor=mayor,
        data={
            "meeting_starts_at": timezone.now() + timedelta(hours=1),
            "place": "Raadzaal van het gemeentehuis",
            "subject": "Besluit over de sluiting van een zwembad; een actiegroep kondigde een "
            "protest aan.",
            "expected_attendance": 180,
            "earlier_incidents": "",
        },
    )
    actions.preparation_plan(
        actor=staff,
        preparation=preparation,
        scenario="Verstoring vanaf de tribune: de voorzitter waarschuwt en schorst.",
        agreements="Een bode bij de tribune; de politie weet van de vergadering.",
    )
    actions.deployment_create(
        actor=staff,
        preparation=preparation,
        data={"kind": DeploymentKind.ON_LOCATION},
        members=[support],
    )
    # Demo data only: the meeting is moved into the past so its outcome can be recorded (the
    # request itself refuses a meeting that has begun).
    meeting = (timezone.localtime() - timedelta(days=21)).replace(
        hour=19, minute=30, second=0, microsecond=0
    )
    PreparationRequest.objects.filter(pk=preparation.pk).update(meeting_starts_at=meeting)
    actions.preparation_close(
        actor=staff,
        preparation=preparation,
        what_happened="Het protest bleef buiten; binnen werd één keer geroepen. De voorzitter "
        "waarschuwde en de vergadering liep door. Na afloop sprak het teamlid met de "
        "wethouder over de reacties op sociale media.",
    )
    actions.preparation_practice_consent_set(actor=mayor, preparation=preparation, given=True)
    stdout.write("Incidents: a done demo preparation with consent to a practice example.")


def seed(stdout):
    staff = User.objects.filter(email="bzk@demo.test").first()
    support = User.objects.filter(email="ondersteuning@demo.test").first()
    griffier = User.objects.filter(email="griffier@demo.test").first()
    if staff is None or support is None:
        return
    record = Deployment.objects.filter(
        incident__reporter__email="burgemeester@demo.test", kind=""
    ).first()
    if record is not None:
        start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
        actions.deployment_update(
            actor=staff,
            deployment=record,
            data={
                "kind": DeploymentKind.AFTERCARE,
                "place": "Bij de burgemeester thuis",
                "starts_at": start,
                "ends_at": start + timedelta(hours=1, minutes=30),
                "what_was_done": "Gesprek met de burgemeester en haar partner over de nacht en "
                "de kinderen; uitleg over de woningscan en het fonds voor beveiliging.",
                "outcome": "Het gezin slaapt tijdelijk bij familie. Doorverwezen naar Arq voor "
                "nazorg van de kinderen.",
                "agreements": "Over een week belt het teamlid; BZK vraagt de woningscan aan.",
            },
        )
        stdout.write("Incidents: the demo deployment on the mayor's case is filled in.")
    if griffier is not None and not PreparationRequest.objects.filter(requester=griffier).exists():
        meeting = (timezone.localtime() + timedelta(days=9)).replace(
            hour=19, minute=30, second=0, microsecond=0
        )
        preparation = actions.preparation_request(
            actor=griffier,
            data={
                "meeting_starts_at": meeting,
                "place": "Raadzaal van het stadhuis",
                "subject": "Besluit over een nieuw azc; op sociale media wordt opgeroepen om "
                "massaal naar de raadsvergadering te komen.",
                "expected_attendance": 300,
                "earlier_incidents": "Bij de informatieavond in oktober werd een wethouder "
                "bedreigd en moest de avond worden afgebroken.",
            },
        )
        actions.preparation_plan(
            actor=staff,
            preparation=preparation,
            scenario="1. Verstoring vanaf de publieke tribune: de voorzitter waarschuwt, schorst "
            "en laat de tribune ontruimen.\n2. Dreiging buiten: de politie begeleidt "
            "raadsleden via de achteruitgang.\n3. Livestream met bedreigende reacties: de "
            "griffie zet reacties uit en bewaart schermafbeeldingen.",
            agreements="Politie in de buurt vanaf 18:30; een tweede uitgang blijft vrij; "
            "het Ondersteuningsteam is op locatie en blijft na afloop voor nazorg.",
        )
        actions.deployment_create(
            actor=staff,
            preparation=preparation,
            data={
                "kind": DeploymentKind.ON_LOCATION,
                "place": "Stadhuis, kamer naast de raadzaal",
                "starts_at": meeting - timedelta(hours=1),
                "ends_at": meeting + timedelta(hours=3),
            },
            members=[support],
        )
        stdout.write("Incidents: a planned demo preparation of a council meeting.")
    _past_preparation(stdout, staff, support)

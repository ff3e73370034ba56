"""Demo content for `manage.py seed_demo`: the learning network Veilig Vergaderen.

Utrecht (GM0344) takes part through its paid Veilig Vergaderen grant (subsidies/demo.py), so
griffier@demo.test manages its people and adds wethouder@demo.test; BZK (bzk@demo.test) has
added the partner organisations NGB, VvG, StatenlidNu and NVvR (so partner@demo.test, NVvR,
takes part); the griffier of Amsterdam (a demo person without a login) asks to join and waits
for BZK. One meeting is coming, with the griffier and the partner registered; an earlier one
has its report, whose writer (bzk@demo.test) agreed that BZK makes a practice example of it.
Idempotent: meetings are recognised by their title."""

from datetime import timedelta

from django.utils import timezone

from accounts import actions as account_actions
from accounts.models import Role, User
from government.models import GovernmentBody
from network.models import PartnerOrganisation

from . import actions, demo_threads
from .models import Meeting, NetworkMember, Participant, ParticipationRequest
from .selectors import seat_of

PARTNERS = ("ngb", "vvg", "statenlidnu", "nvvr")
UPCOMING = "Veilig vergaderen: de publieke tribune"
EARLIER = "Aftrap leernetwerk: wat werkt in de raadszaal?"
AGENDA = """# Programma

1. Welkom door BZK
2. Ervaringen uit de cohort: een verbouwde tribune en een nieuw huisreglement
3. In groepjes: wat doet u als de vergadering verstoord wordt?
4. Afspraken voor de volgende bijeenkomst
"""
REPORT = """## Wat we leerden

- Spreek met de voorzitter van tevoren af wie de vergadering schorst, en wanneer.
- Een aparte uitgang voor raadsleden is vaak goedkoper dan gedacht.
- Leg elk incident vast, ook als het klein lijkt: dat helpt bij de opvolging.

## Volgende keer

De publieke tribune: camera's, bodes en het huisreglement.
"""


def seed(stdout):
    _seed_membership_and_meetings(stdout)
    # The exchange's threads need the participants made above.
    demo_threads.seed(stdout)


def _seed_membership_and_meetings(stdout):
    people = {user.email: user for user in User.objects.filter(email__endswith="@demo.test")}
    staff, griffier = people.get("bzk@demo.test"), people.get("griffier@demo.test")
    if staff is None or griffier is None:
        return
    for slug in PARTNERS:
        organisation = PartnerOrganisation.objects.filter(slug=slug).first()
        # Any row (an ended one too) means BZK decided about it already: leave it.
        if organisation and not Participant.objects.filter(organisation=organisation).exists():
            actions.participant_add(actor=staff, organisation=organisation)
    utrecht = GovernmentBody.objects.get(kind="municipality", code="GM0344")
    griffier.forget_cached_roles()
    alderman = people.get("wethouder@demo.test")
    if (
        alderman
        and utrecht.pk in seat_of(griffier).managed_body_ids
        and not NetworkMember.objects.filter(user=alderman, body=utrecht).exists()
    ):
        actions.network_member_add(actor=griffier, body=utrecht, user=alderman)
    _request_of_amsterdam()
    if Meeting.objects.filter(title=UPCOMING).exists():
        return
    day = timezone.localtime() + timedelta(days=24)
    upcoming = actions.meeting_create(
        actor=staff,
        title=UPCOMING,
        starts_at=day.replace(hour=14, minute=0, second=0, microsecond=0),
        ends_at=day.replace(hour=16, minute=30, second=0, microsecond=0),
        online=False,
        place="Ministerie van BZK, Turfmarkt 147, Den Haag",
        agenda=AGENDA,
        capacity=30,
    )
    for email in ("griffier@demo.test", "partner@demo.test"):
        person = people.get(email)
        if person is not None and seat_of(person).takes_part:
            actions.meeting_register(actor=person, meeting=upcoming)
    before = timezone.localtime() - timedelta(days=40)
    earlier = actions.meeting_create(
        actor=staff,
        title=EARLIER,
        starts_at=before.replace(hour=10, minute=0, second=0, microsecond=0),
        ends_at=before.replace(hour=12, minute=0, second=0, microsecond=0),
        online=True,
        online_link="https://vergaderen.example.test/leernetwerk",
        agenda="Kennismaking en de eerste ervaringen van de cohort.",
        capacity=40,
    )
    actions.meeting_report_save(actor=staff, meeting=earlier, report=REPORT)
    # bzk@demo.test wrote the report and agreed to a practice example: BZK can make the draft.
    actions.meeting_report_practice_consent(actor=staff, meeting=earlier, consent=True)
    stdout.write(
        "Learning network: Utrecht and four partners take part, Amsterdam asks to join; "
        "one meeting to come (griffier@demo.test registered), one with its report (its writer "
        "agreed to a practice example)."
    )


def _request_of_amsterdam():
    amsterdam = GovernmentBody.objects.get(kind="municipality", code="GM0363")
    if ParticipationRequest.objects.filter(body=amsterdam).exists():
        return
    asking = User.objects.filter(email="griffie.amsterdam@voorbeeld.invalid").first()
    if asking is None:
        asking = User.objects.create_user(
            email="griffie.amsterdam@voorbeeld.invalid", password=None, full_name="Daan Dekker"
        )
        account_actions.role_assign(actor=None, user=asking, role=Role.GRIFFIER, body=amsterdam)
    actions.participation_request_submit(
        actor=asking,
        body=amsterdam,
        motivation=(
            "Onze raad had dit jaar twee keer onrust op de publieke tribune. Wij willen leren "
            "van gemeenten die hun raadszaal al hebben aangepast."
        ),
    )

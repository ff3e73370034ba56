"""Demo content for `manage.py seed_demo`: two trainings in the catalogue, one of the NVvR
(whose contact person is partner@demo.test, see network/demo.py) and one of BZK, each with a
coming session. raadslid@demo.test has signed up for the NVvR's, and the griffier of Utrecht
(griffier@demo.test) has signed up the alderman wethouder@demo.test for it;
burgemeester@demo.test has signed up for BZK's training for mayors (its item in the
starterspakket is ticked once the provider records that she attended). Idempotent: trainings
are recognised by their title, sign-ups by their person."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from accounts.models import User
from network.models import PartnerOrganisation

from . import actions
from .models import Registration, Training

TRAININGS: list[dict[str, Any]] = [
    {
        "org": "nvvr",
        "by": "partner@demo.test",
        "title": "Omgaan met agressie en intimidatie in de raad",
        "topic": "Agressie en geweld",
        "description": (
            "Een avond oefenen met een trainingsacteur: hoe reageert u als iemand u vanaf de "
            "tribune uitscheldt, u na de vergadering opwacht of u online bedreigt? U leert "
            "grenzen stellen, de-escaleren en weet daarna wie u belt en wat u vastlegt.\n\n"
            "Duur: drie uur. Voorbereiding: geen."
        ),
        "offices": ("raadslid", "wethouder", "griffier"),
        "days": 21,
        "hours": (19, 22),
        "place": "Stadhuis, Utrecht",
        "online": False,
        "capacity": 16,
    },
    {
        "org": "bzk",
        "by": "bzk@demo.test",
        "title": "Integriteit en weerbaarheid voor burgemeesters",
        "topic": "Integriteit",
        "description": (
            "Een online bijeenkomst over de dilemma's van de burgemeester als hoeder van "
            "integriteit en openbare orde, met ervaringen van collega's.\n\nDuur: twee uur."
        ),
        "offices": ("burgemeester",),
        "days": 35,
        "hours": (10, 12),
        "place": "",
        "online": True,
        "capacity": 12,
    },
]


def seed(stdout):
    people = {user.email: user for user in User.objects.filter(email__endswith="@demo.test")}
    if "partner@demo.test" not in people or "bzk@demo.test" not in people:
        return
    created = 0
    for spec in TRAININGS:
        if Training.objects.filter(title=spec["title"]).exists():
            continue
        actor = people[spec["by"]]
        training = actions.training_create(
            actor=actor,
            provider=PartnerOrganisation.objects.get(slug=spec["org"]),
            title=spec["title"],
            topic=spec["topic"],
            description=spec["description"],
            **{f"for_{office}": True for office in spec["offices"]},
        )
        day = timezone.localtime() + timedelta(days=spec["days"])
        start, end = spec["hours"]
        actions.session_add(
            actor=actor,
            training=training,
            starts_at=day.replace(hour=start, minute=0, second=0, microsecond=0),
            ends_at=day.replace(hour=end, minute=0, second=0, microsecond=0),
            online=spec["online"],
            place=spec["place"],
            capacity=spec["capacity"],
        )
        created += 1
    first, second = [Training.objects.filter(title=spec["title"]).first() for spec in TRAININGS]
    signed_up = 0
    for email, by, offered in (
        ("raadslid@demo.test", None, first),
        ("wethouder@demo.test", "griffier@demo.test", first),
        ("burgemeester@demo.test", None, second),
    ):
        person = people.get(email)
        if person is None or offered is None:
            continue
        if Registration.objects.filter(user=person).exists():
            continue
        session = offered.sessions.first()
        if by is None:
            actions.registration_sign_up(actor=person, session=session)
        elif by in people:
            actions.registration_sign_up_member(actor=people[by], session=session, person=person)
        signed_up += 1
    if created or signed_up:
        stdout.write(f"Training: {created} trainings; {signed_up} sign-ups.")

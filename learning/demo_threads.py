"""Demo content of the exchange for `manage.py seed_demo`: the NVvR takes part (added by BZK,
so partner@demo.test takes part beside griffier@demo.test, whose Utrecht grant makes Utrecht a
participant), and three threads: the griffier's question that the partner answered and the
griffier marked helpful, the partner's experience with an answer from BZK, and a question BZK
locked. Idempotent: threads are recognised by their title."""

from typing import Any

from accounts.models import User
from network.models import PartnerOrganisation, Theme

from . import actions
from .models import Participant, Thread, ThreadKind
from .selectors import seat_of, voices_of

THREADS: list[dict[str, Any]] = [
    {
        "by": "griffier@demo.test",
        "theme": "veilig-vergaderen",
        "kind": ThreadKind.QUESTION,
        "title": "Hoe houdt u de publieke tribune rustig bij een beladen debat?",
        "text": (
            "Bij ons debat over de opvang van asielzoekers werd het op de tribune **onrustig**: "
            "spandoeken, geroep en raadsleden die na afloop werden opgewacht.\n\n"
            "Wat hebben andere griffies vooraf geregeld? Denk aan toegang, bodes en afspraken "
            "met de voorzitter."
        ),
        "answers": [
            (
                "partner@demo.test",
                "Wat bij veel raden helpt:\n\n"
                "- een draaiboek met de voorzitter: wanneer schorsen, wanneer de zaal laten "
                "ontruimen;\n"
                "- een bode bij de ingang van de tribune en een aparte uitgang voor raadsleden;\n"
                "- vooraf contact met de politie over de avond.",
                True,
            ),
        ],
    },
    {
        "by": "partner@demo.test",
        "theme": "online-dreiging",
        "kind": ThreadKind.EXPERIENCE,
        "title": "Ervaring: bedreigingen in de reacties op de livestream",
        "text": (
            "Een raad in ons netwerk zette de reacties bij de livestream van de vergadering uit "
            "nadat raadsleden er werden bedreigd. Het scheelde veel, maar er kwamen vragen over "
            "openheid. Wie heeft een andere oplossing gevonden?"
        ),
        "answers": [
            (
                "bzk@demo.test",
                "Goed om te delen. De handreiking over online dreiging in de kennisbank beschrijft "
                "hoe u schermafbeeldingen maakt en aangifte doet.",
                False,
            ),
        ],
    },
    {
        "by": "bzk@demo.test",
        "theme": "veilig-vergaderen",
        "kind": ThreadKind.QUESTION,
        "title": "Welke maatregelen uit de subsidie Veilig Vergaderen werkten het best?",
        "text": "Wij horen graag welke maatregelen u zou aanraden aan andere overheden.",
        "answers": [],
        "lock": True,
    },
]


def seed(stdout):
    people = {user.email: user for user in User.objects.filter(email__endswith="@demo.test")}
    staff = people.get("bzk@demo.test")
    if staff is None or "griffier@demo.test" not in people or "partner@demo.test" not in people:
        return
    nvvr = PartnerOrganisation.objects.get(slug="nvvr")
    if not Participant.objects.filter(organisation=nvvr, ended_at__isnull=True).exists():
        actions.participant_add(actor=staff, organisation=nvvr)
    for person in people.values():
        person.forget_cached_roles()
    created = 0
    for spec in THREADS:
        author = people[spec["by"]]
        if Thread.objects.filter(title=spec["title"]).exists() or not seat_of(author).takes_part:
            continue
        thread = actions.thread_create(
            actor=author,
            theme=Theme.objects.get(slug=spec["theme"]),
            kind=spec["kind"],
            title=spec["title"],
            text=spec["text"],
            voice=voices_of(author)[0],
        )
        for email, text, helpful in spec["answers"]:
            replier = people[email]
            answer = actions.answer_create(
                actor=replier, thread=thread, text=text, voice=voices_of(replier)[0]
            )
            if helpful:
                actions.answer_mark_helpful(actor=author, answer=answer)
        if spec.get("lock"):
            actions.thread_lock(actor=staff, thread=thread, reason="Genoeg reacties verzameld.")
        created += 1
    if created:
        stdout.write(f"Learning network: {created} threads of questions and experiences.")

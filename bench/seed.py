"""Generated data at scale for the benchmark, written with PostgreSQL COPY (psycopg 3).

Deterministic: one `random.Random(SEED)` and a fixed anchor date per day. Encrypted fields are
real Fernet ciphertexts made with the project's `weerbaar.crypto`: a few distinct texts are
encrypted once and their ciphertexts reused, so seeding stays fast and every page can decrypt what
it shows. Evidence rows point at a few real encrypted files under MEDIA_ROOT.

Run through `bench/run.py`, which creates the database first; on its own:
`DJANGO_SETTINGS_MODULE=weerbaar.settings_bench python -m bench.seed --incidents 1000`.
"""

import argparse
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

SEED = 20260101
PASSWORD = "bench-wachtwoord-niet-geheim"  # noqa: S105 - the throwaway bench accounts' password
OFFICEHOLDERS = 5000
GRANT_APPLICATIONS = 2000
KNOWLEDGE_ITEMS = 10000
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
OWN_CASES = 25  # the measured officeholder's own reports, the same at every scale

WORDS = (
    "raadsvergadering bedreiging intimidatie burgemeester wethouder raadslid griffie beveiliging "
    "woning sociale media aangifte politie ondersteuning nazorg weerbaarheid agressie geweld "
    "vergaderzaal tribune camera protocol handreiking training gemeente provincie waterschap "
    "doxing stalking ondermijning veiligheid incident melding zorg gezin online haat e-mail "
    "brief telefoon dreiging risico analyse maatregel toegang bezoekers huisregels ontruiming "
    "communicatie pers bestuurders integriteit netwerk partners kennis praktijk voorbeeld"
).split()


def synthetic_vocabulary(size=4000):
    """Made-up Dutch-looking words, the same every run."""
    rng = random.Random(f"{SEED}-vocabulary")
    syllables = "ver be ont ge wa ter stad raad huis plan zorg recht werk land dijk poort".split()
    endings = "ing heid schap baar lijk te en er".split()
    vocabulary = set()
    while len(vocabulary) < size:
        vocabulary.add(
            "".join(rng.sample(syllables, 2)) + rng.choice(endings) + str(len(vocabulary) % 7)
        )
    return sorted(vocabulary)


# A narrow knowledge-base query: one word of the synthetic vocabulary.
def narrow_query():
    return synthetic_vocabulary()[1234]


@dataclass
class BenchAccounts:
    """The people the benchmark logs in as, by e-mail."""

    staff: str = "bench-triage@bench.test"
    officeholder: str = "bench-raadslid@bench.test"
    griffier: str = "bench-griffier@bench.test"


ACCOUNTS = BenchAccounts()


class Copier:
    """COPY rows into a model's table with explicit primary keys; resets sequences after."""

    def __init__(self, connection):
        self.connection = connection
        self.models = []

    def copy(self, model, fields, rows):
        """COPY `rows` (tuples in the order of `fields`, attribute names); every other column
        gets its field's default, computed once."""
        from django.db import models
        from django.utils import timezone
        from psycopg.types.json import Jsonb

        columns, json_positions = [], []
        for position, name in enumerate(fields):
            field = model._meta.get_field(name)
            columns.append(field.column)
            if field.get_internal_type() == "JSONField":
                json_positions.append(position)
        defaults = []
        for field in model._meta.local_concrete_fields:
            if field.name in fields or field.attname in fields:
                continue
            if isinstance(field, models.GeneratedField) or field.primary_key:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = timezone.now()
            elif field.get_internal_type() == "JSONField":
                value = Jsonb(field.get_default())
            else:
                value = field.get_db_prep_save(field.get_default(), self.connection)
            columns.append(field.column)
            defaults.append(value)
        defaults = tuple(defaults)
        sql = 'COPY "{}" ({}) FROM STDIN'.format(
            model._meta.db_table, ", ".join(f'"{c}"' for c in columns)
        )
        count = 0
        with self.connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                if json_positions:
                    row = list(row)
                    for position in json_positions:
                        row[position] = Jsonb(row[position])
                copy.write_row((*row, *defaults))
                count += 1
        self.models.append(model)
        return count

    def reset_sequences(self):
        from django.core.management.color import no_style

        with self.connection.cursor() as cursor:
            for sql in self.connection.ops.sequence_reset_sql(no_style(), self.models):
                cursor.execute(sql)


def seed(*, incidents, log=print):
    """Fill an empty, migrated database. Returns counts per table."""
    from django.db import connection, transaction

    # One generator per section, so the people, grants and knowledge items are the same rows at
    # every scale: only the incidents differ between 1,000 and 100,000.
    def rng(section):
        return random.Random(f"{SEED}-{section}")

    anchor = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    copier = Copier(connection)
    counts = {}
    started = time.monotonic()

    def step(name, function, *args):
        t0 = time.monotonic()
        result = function(*args)
        counts.update(result)
        log(f"  {name}: {result} in {time.monotonic() - t0:.1f} s")

    with transaction.atomic():
        people = _people(copier, rng("people"), anchor, log)
        counts.update(people.counts)
        step("incidents", _incidents, copier, rng("incidents"), anchor, people, incidents)
        step("grants", _grants, copier, rng("grants"), anchor, people)
        step("knowledge", _knowledge, copier, rng("knowledge"), anchor, people)
        copier.reset_sequences()
    with connection.cursor() as cursor:
        # As autovacuum would soon after a bulk load in production: statistics, and the
        # visibility map that lets a count or a page read an index without visiting each row.
        cursor.execute("VACUUM ANALYZE")
    t0 = time.monotonic()
    from monitor import aggregate

    with transaction.atomic():
        written = aggregate.refresh()
    log(f"  monitor summary: {written} rows in {time.monotonic() - t0:.1f} s")
    log(f"seeded in {time.monotonic() - started:.1f} s")
    return counts


@dataclass
class People:
    officeholders: list  # (user id, office type, body id, body kind)
    staff_id: int
    support_id: int
    officeholder_id: int
    griffier_id: int
    griffier_body_id: int
    municipalities: list
    counts: dict


def _people(copier, rng, anchor, log):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.hashers import make_password

    from accounts.models import OFFICE_BODY_KIND, OfficeType, Role, RoleAssignment, User
    from government.models import GovernmentBody

    bodies = list(GovernmentBody.objects.values_list("pk", "kind"))
    by_kind = {}
    for pk, kind in bodies:
        by_kind.setdefault(kind, []).append(pk)
    password = make_password(PASSWORD)
    users, roles = [], []
    officeholders = []
    office_types = list(OfficeType.values)
    weights = [1 if o in ("burgemeester", "cdk") else 4 for o in office_types]
    weights[office_types.index("raadslid")] = 20
    user_id = 0
    for _i in range(OFFICEHOLDERS):
        user_id += 1
        office = rng.choices(office_types, weights)[0]
        kind = OFFICE_BODY_KIND[office]
        body = rng.choice(by_kind[kind])
        users.append(
            (user_id, f"ambtsdrager{user_id}@bench.test", f"Ambtsdrager {user_id}", password)
        )
        roles.append((user_id, user_id, Role.OFFICEHOLDER, office, body))
        officeholders.append((user_id, office, body, kind))

    def special(email, name):
        nonlocal user_id
        user_id += 1
        users.append((user_id, email, name, password))
        return user_id

    municipality = by_kind["municipality"][0]
    officeholder_id = special(ACCOUNTS.officeholder, "Bench Raadslid")
    roles.append((len(roles) + 1, officeholder_id, Role.OFFICEHOLDER, "raadslid", municipality))
    officeholders_special = (officeholder_id, "raadslid", municipality, "municipality")
    staff_id = special(ACCOUNTS.staff, "Bench Triage")
    roles.append((len(roles) + 1, staff_id, Role.TRIAGE, "", None))
    support_id = special("bench-ondersteuning@bench.test", "Bench Ondersteuning")
    roles.append((len(roles) + 1, support_id, Role.SUPPORT_TEAM, "", None))
    griffier_id = special(ACCOUNTS.griffier, "Bench Griffier")
    roles.append((len(roles) + 1, griffier_id, Role.GRIFFIER, "", municipality))
    moment = anchor - timedelta(days=800)
    copier.copy(
        User,
        ["id", "email", "full_name", "password", "is_staff", "is_active", "date_joined"],
        ((pk, email, name, pw, False, True, moment) for pk, email, name, pw in users),
    )
    copier.copy(
        RoleAssignment,
        ["id", "user", "role", "office_type", "body", "granted_at"],
        ((pk, user, role, office, body, moment) for pk, user, role, office, body in roles),
    )
    copier.reset_sequences()
    for pk in (staff_id, support_id):
        TOTP.activate(User.objects.get(pk=pk), generate_totp_secret())
    return People(
        officeholders=officeholders,
        staff_id=staff_id,
        support_id=support_id,
        officeholder_id=officeholder_id,
        griffier_id=griffier_id,
        griffier_body_id=municipality,
        municipalities=by_kind["municipality"],
        counts={"users": len(users), "role_assignments": len(roles)}
        | {"_special_officeholder": officeholders_special[0]},
    )


def _ciphertexts(texts):
    from weerbaar import crypto

    return [crypto.encrypt(text) for text in texts]


def _evidence_files():
    """A few real small files, encrypted as the portal stores evidence."""
    import io

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from PIL import Image

    from weerbaar import crypto

    out = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(out, "PNG")
    contents = [
        (out.getvalue(), "image/png", 64, 48),
        (b"Screenshot van een bericht: 'we weten waar je woont'.\n", "text/plain", None, None),
        (MINIMAL_PDF, "application/pdf", None, None),
    ]
    files = []
    for index, (data, content_type, width, height) in enumerate(contents):
        name = default_storage.save(
            f"incidents/bench/bewijs-{index}.enc", ContentFile(crypto.fernet().encrypt(data))
        )
        files.append((name, content_type, len(data), width, height))
    return files


def _incidents(copier, rng, anchor, people, total):
    from incidents.models import (
        Evidence,
        Incident,
        IncidentEvent,
        IncidentKindTag,
        InternalNote,
        Kind,
        Message,
        SupportDeployment,
        TriageStep,
        kind_bits,
    )
    from incidents.workflow import Status, Step

    descriptions = _ciphertexts(
        [
            "Na de raadsvergadering werd ik bij mijn auto opgewacht en bedreigd.",
            "Op sociale media verscheen mijn huisadres met de oproep 'even langs te gaan'.",
            "Een anonieme brief in de bus: 'we weten waar je kinderen naar school gaan'.",
            "Tijdens het inloopspreekuur werd ik uitgescholden en geduwd.",
            "Al weken belt iemand 's nachts met verborgen nummer en hangt dan op.",
        ]
    )
    details = _ciphertexts(["Een man uit de buurt, Jan K.", "Onbekend account op X.", ""])
    impacts = _ciphertexts(["Ik slaap slecht.", "Mijn gezin voelt zich onveilig.", ""])
    phones = _ciphertexts(["06 12345678", ""])
    note_bodies = _ciphertexts(
        [
            "Melder gebeld, politie is op de hoogte.",
            "Contact gehad met de burgemeester over extra toezicht.",
            "Wacht op terugkoppeling van de wijkagent.",
            "Ondersteuningsteam gevraagd om een gesprek.",
        ]
    )
    message_bodies = _ciphertexts(
        ["Dank voor uw melding, wij nemen contact met u op.", "Ik heb aangifte gedaan."]
    )
    evidence_names = _ciphertexts(["screenshot.png", "bericht.txt", "brief.pdf"])
    files = _evidence_files()

    statuses = [
        Status.DRAFT,
        Status.NEW,
        Status.ACKNOWLEDGED,
        Status.IN_PROGRESS,
        Status.WAITING,
        Status.CLOSED,
    ]
    status_weights = [2, 8, 5, 20, 5, 60]
    kinds = list(Kind.values)
    steps = list(Step.values)
    channels = ["meeting", "home", "online", "mail", "phone", "other"]
    span = timedelta(days=3 * 365).total_seconds()

    plan = []  # (id, reporter, office, body, body kind, status, submitted_at)
    officeholders = people.officeholders
    special = (people.officeholder_id, "raadslid", people.griffier_body_id, "municipality")
    # The kinds from a generator of their own, so the rest of the seed stays as it was.
    kind_rng = random.Random(total)
    kinds_of = {
        pk: kind_rng.sample(kinds, kind_rng.choice((1, 1, 2))) for pk in range(1, total + 1)
    }
    for pk in range(1, total + 1):
        owner = special if pk % max(total // OWN_CASES, 1) == 0 else rng.choice(officeholders)
        status = rng.choices(statuses, status_weights)[0]
        # Newer reports are more common: the square skews towards the anchor.
        submitted = anchor - timedelta(seconds=span * rng.random() ** 2)
        plan.append((pk, *owner, status, submitted))

    def incident_rows():
        for pk, reporter, office, body, body_kind, status, submitted in plan:
            draft = status == Status.DRAFT
            urgent = rng.random() < 0.05
            responded = status not in (Status.DRAFT, Status.NEW)
            closed = status == Status.CLOSED
            yield (
                pk,
                reporter,
                office,
                body,
                None if draft else f"WB-{submitted.year}-{pk:06d}",
                status,
                urgent,
                submitted + timedelta(hours=2) if urgent and rng.random() < 0.3 else None,
                None,
                rng.random() < 0.03,
                rng.choice(channels),
                submitted.date(),
                None,
                body if body_kind == "municipality" else rng.choice(people.municipalities),
                ["self"] if rng.random() < 0.7 else ["self", "family"],
                kind_bits(kinds_of[pk]),
                rng.choice(["yes", "no", "unknown"]),
                rng.choice(details),
                rng.choice(["yes", "no", "unknown"]),
                rng.choice(descriptions),
                rng.choice(["none", "planned", "melding", "aangifte"]),
                "",
                "",
                rng.choice(impacts),
                rng.choice(["yes", "no", "unknown"]),
                rng.random() < 0.4,
                "portal",
                rng.choice(phones),
                submitted,
                submitted,
                None if draft else submitted,
                None
                if draft
                else submitted + (timedelta(hours=1) if urgent else timedelta(days=1)),
                submitted + timedelta(hours=rng.randint(1, 40)) if responded else None,
                submitted + timedelta(days=rng.randint(2, 60)) if closed else None,
            )

    counts = {}
    fields = [
        "id", "reporter", "reporter_office_type", "reporter_body", "reference", "status",
        "urgent", "escalated_at", "assignee", "immediate_danger", "channel", "occurred_on",
        "occurred_time", "municipality", "targets", "kind_bits", "perpetrator_known",
        "perpetrator_details", "ongoing", "description", "police_report", "police_reference",
        "vpt_code", "impact",
        "affects_decisions", "wants_support", "contact_preference", "contact_phone",
        "created_at", "updated_at", "submitted_at", "due_at", "first_response_at", "closed_at",
    ]  # fmt: skip
    counts["incidents"] = copier.copy(Incident, fields, incident_rows())
    # Assignee on worked cases: the bench staff member (queue filter "mine" has rows).
    counts["kind_tags"] = copier.copy(
        IncidentKindTag,
        ["incident", "kind"],
        ((pk, kind) for pk, kinds_here in kinds_of.items() for kind in kinds_here),
    )
    sent = [row for row in plan if row[5] != Status.DRAFT]
    counts["triage_steps"] = copier.copy(
        TriageStep,
        ["incident", "step", "position", "done_by", "done_at"],
        (
            (
                row[0],
                step,
                position,
                *(
                    (people.staff_id, row[6] + timedelta(hours=position + 1))
                    if row[5] == Status.CLOSED or (position < 2 and row[5] != Status.NEW)
                    else (None, None)
                ),
            )
            for row in sent
            for position, step in enumerate(steps)
        ),
    )

    def events():
        for pk, _r, _o, _b, _k, status, submitted in sent:
            yield (pk, None, "status", "draft", "new", submitted)
            if status != Status.NEW:
                yield (pk, people.staff_id, "status", "new", "in_progress", submitted)
            if status == Status.CLOSED:
                yield (pk, people.staff_id, "status", "in_progress", "closed", submitted)

    counts["events"] = copier.copy(
        IncidentEvent, ["incident", "actor", "kind", "from_value", "to_value", "at"], events()
    )
    counts["notes"] = copier.copy(
        InternalNote,
        ["incident", "author", "body", "created_at"],
        (
            (row[0], people.staff_id, rng.choice(note_bodies), row[6] + timedelta(hours=n + 1))
            for row in sent
            for n in range(rng.choice((0, 1, 2, 2, 3, 4)))
        ),
    )
    counts["messages"] = copier.copy(
        Message,
        ["incident", "author", "from_staff", "body", "created_at"],
        (
            (row[0], people.staff_id, True, message_bodies[0], row[6] + timedelta(hours=1))
            for row in sent
            if rng.random() < 0.6
        ),
    )

    def evidence():
        for pk, reporter, *_rest, submitted in plan:
            for _n in range(rng.choice((0, 1, 1, 2))):
                index = rng.randrange(len(files))
                name, content_type, size, width, height = files[index]
                yield (
                    pk, name, evidence_names[index], content_type, size, width, height,
                    width is not None, reporter, submitted,
                )  # fmt: skip

    counts["evidence"] = copier.copy(
        Evidence,
        [
            "incident",
            "file",
            "original_name",
            "content_type",
            "size",
            "width",
            "height",
            "location_removed",
            "uploaded_by",
            "uploaded_at",
        ],  # fmt: skip
        evidence(),
    )
    counts["deployments"] = copier.copy(
        SupportDeployment,
        ["incident", "member", "deployed_by", "deployed_at"],
        (
            (row[0], people.support_id, people.staff_id, row[6])
            for row in sent
            if rng.random() < 0.02
        ),
    )
    return counts


def _grants(copier, rng, anchor, people):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from government.models import GovernmentBody
    from subsidies.models import Decision, GrantApplication, GrantScheme, MeasureLine
    from subsidies.workflow import Status

    base = GrantScheme.objects.get(slug="veilig-vergaderen")
    bodies = list(
        GovernmentBody.objects.filter(kind__in=["municipality", "province"]).values_list(
            "pk", flat=True
        )
    )
    schemes = [base]
    for year in range(2019, 2031):
        if len(schemes) * len(bodies) >= GRANT_APPLICATIONS * 1.2:
            break
        schemes.append(
            GrantScheme.objects.create(
                name=f"{base.name} {year}",
                slug=f"{base.slug}-{year}",
                description=base.description,
                reference_prefix=f"VV{year % 100}",
                budget_ceiling=base.budget_ceiling,
                opens_on=base.opens_on.replace(year=year),
                closes_on=base.closes_on.replace(year=year),
                eligible_body_kinds=base.eligible_body_kinds,
                max_per_applicant=base.max_per_applicant,
                measure_kinds=base.measure_kinds,
                required_attachment_kinds=base.required_attachment_kinds,
            )
        )
    pairs = [(scheme, body) for scheme in schemes for body in bodies]
    rng.shuffle(pairs)
    pairs = pairs[:GRANT_APPLICATIONS]
    # The bench griffier's body has an application in each scheme.
    statuses = [
        Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.GRANTED,
        Status.PARTLY_GRANTED, Status.REJECTED, Status.PAID, Status.CLOSED,
    ]  # fmt: skip
    weights = [10, 15, 10, 20, 5, 10, 15, 15]
    incidents_text = _ciphertexts(["Tijdens de begrotingsraad werd een raadslid bedreigd."])[0]
    kinds = [code for code, _label in base.measure_kinds]
    letter = _letter_file(default_storage, ContentFile)
    apps, lines, decisions = [], [], []
    line_id = 0
    for pk, (scheme, body) in enumerate(pairs, start=1):
        status = rng.choices(statuses, weights)[0]
        created = anchor - timedelta(days=rng.randint(1, 700))
        costs = [Decimal(rng.randint(500, 20000)) for _n in range(rng.randint(1, 3))]
        total = sum(costs)
        submitted = None if status == Status.DRAFT else created + timedelta(days=3)
        decided = status in (
            Status.GRANTED, Status.PARTLY_GRANTED, Status.REJECTED, Status.PAID, Status.CLOSED
        )  # fmt: skip
        apps.append(
            (
                pk, scheme.pk, body, people.griffier_id, status,
                None if submitted is None else f"{scheme.reference_prefix}-{pk:05d}",
                "De publieke tribune grenst direct aan de raadstafel.", incidents_text,
                "Voor het zomerreces klaar.", Decimal("0.00"), "", "Griffie", "griffie@bench.test",
                "", total, total if status in (Status.PAID, Status.CLOSED) else Decimal("0.00"),
                4, created, created, submitted,
            )
        )  # fmt: skip
        for position, cost in enumerate(costs):
            line_id += 1
            lines.append((line_id, pk, kinds[position % len(kinds)], "Maatregel", cost, position))
        if decided:
            rejected = status == Status.REJECTED
            outcome = "rejected" if rejected else "granted"
            day = (submitted + timedelta(days=30)).date()
            decisions.append(
                (
                    pk, pk, outcome, people.staff_id, day, day, day, day + timedelta(weeks=6),
                    Decimal("0.00") if rejected else total, "", "Past binnen de regeling.",
                    letter, submitted + timedelta(days=30), submitted + timedelta(days=30),
                )
            )  # fmt: skip
    counts = {}
    counts["grant_applications"] = copier.copy(
        GrantApplication,
        [
            "id",
            "scheme",
            "body",
            "created_by",
            "status",
            "reference",
            "current_situation",
            "incidents",
            "planning",
            "co_financing",
            "co_financing_note",
            "contact_name",
            "contact_email",
            "contact_phone",
            "requested_total",
            "paid_amount",
            "last_step",
            "created_at",
            "updated_at",
            "submitted_at",
        ],  # fmt: skip
        apps,
    )
    counts["measure_lines"] = copier.copy(
        MeasureLine, ["id", "application", "kind", "description", "cost", "position"], lines
    )
    counts["decisions"] = copier.copy(
        Decision,
        [
            "id",
            "application",
            "outcome",
            "decided_by",
            "decision_date",
            "effective_date",
            "send_date",
            "objection_deadline",
            "granted_total",
            "conditions",
            "explanation",
            "letter",
            "notified_at",
            "created_at",
        ],  # fmt: skip
        decisions,
    )
    return counts


def _letter_file(storage, content_file):
    """One real decision letter PDF, stored once, which every seeded decision points at."""
    return storage.save("subsidies/bench/beschikking.pdf", content_file(MINIMAL_PDF))


def _knowledge(copier, rng, anchor, people):
    from network.models import Audience, KnowledgeItem, KnowledgeKind, Theme
    from network.workflow import ItemStatus

    themes = list(Theme.objects.values_list("pk", flat=True))
    kinds = list(KnowledgeKind.values)
    audiences = [Audience.PUBLIC, Audience.SIGNED_IN, Audience.PARTNERS]
    vocabulary = synthetic_vocabulary()

    def words(count):
        # A quarter from the domain words (a broad query matches many items), the rest from
        # a large vocabulary (a narrow query matches a few hundred).
        return [
            rng.choice(WORDS) if rng.random() < 0.25 else rng.choice(vocabulary)
            for _w in range(count)
        ]

    rows, links = [], []
    for pk in range(1, KNOWLEDGE_ITEMS + 1):
        title = " ".join(rng.sample(WORDS, 2) + rng.sample(vocabulary, 3)).capitalize()
        summary = " ".join(words(25)) + "."
        body = "\n\n".join(" ".join(words(60)) + "." for _p in range(4))
        published = rng.random() < 0.9
        moment = anchor - timedelta(days=rng.randint(0, 1500), minutes=pk)
        rows.append(
            (
                pk, rng.choice(kinds), title, summary, body,
                "".join(f"<p>{p}</p>" for p in body.split("\n\n")),
                rng.choices(audiences, [3, 5, 2])[0],
                ItemStatus.PUBLISHED if published else ItemStatus.DRAFT,
                people.staff_id, moment if published else None, moment, moment,
            )
        )  # fmt: skip
        for theme in rng.sample(themes, min(len(themes), rng.randint(1, 2))):
            links.append((pk, theme))
    counts = {}
    counts["knowledge_items"] = copier.copy(
        KnowledgeItem,
        [
            "id",
            "kind",
            "title",
            "summary",
            "body",
            "body_html",
            "audience",
            "status",
            "author",
            "published_at",
            "created_at",
            "updated_at",
        ],  # fmt: skip
        rows,
    )
    through = KnowledgeItem.themes.through
    copier.copy(through, ["knowledgeitem", "theme"], links)
    counts["knowledge_item_themes"] = len(links)
    return counts


def main():
    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=1000)
    args = parser.parse_args()
    django.setup()
    seed(incidents=args.incidents)


if __name__ == "__main__":
    main()

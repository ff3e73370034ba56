"""Demo content for `manage.py seed_demo`: a few cases so `make run` shows every side.

- burgemeester@demo.test: an urgent case that bzk@demo.test has acknowledged and answered, with
  ondersteuning@demo.test deployed on it; and a draft that can still be finished.
- raadslid@demo.test: an online threat with a screenshot and a voice mail, new in the queue.
- collega@demo.test (an alderman of the mayor's Utrecht): a witness's report of what happened
  to the mayor, which burgemeester@demo.test finds under "Meldingen over u", still to answer;
  and the mayor's report on the alderman's behalf, to which he gave consent.
- The record of that deployment and a planned preparation (deployments/demo.py).
Built through the actions; idempotent (a person who already has a report gets nothing more).
"""

import io
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.models import User

from . import actions
from .concerned import concerned_consent_set
from .deployments import demo as deployments_demo
from .models import (
    Channel,
    ConcernedConsent,
    ContactPreference,
    Incident,
    Kind,
    PoliceReport,
    ReportedFor,
)
from .workflow import Step


def _screenshot():
    image = Image.new("RGB", (640, 360), "#f4f6f8")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 620, 120), outline="#1f4e6b", width=3)
    draw.text((40, 50), "Bericht op sociale media (demo)", fill="#1b1f24")
    out = io.BytesIO()
    image.save(out, "PNG")
    return SimpleUploadedFile("schermafbeelding.png", out.getvalue(), content_type="image/png")


def _voice_mail():
    """Ten seconds of AMR, the format phones use for voice mail (frames of silence)."""
    frames = b"\x3c" + bytes(31)  # 12.2 kbit/s speech frame
    data = b"#!AMR\n" + frames * 500
    return SimpleUploadedFile("voicemail.amr", data, content_type="audio/amr")


def seed(stdout):
    mayor = User.objects.filter(email="burgemeester@demo.test").first()
    councillor = User.objects.filter(email="raadslid@demo.test").first()
    staff = User.objects.filter(email="bzk@demo.test").first()
    support = User.objects.filter(email="ondersteuning@demo.test").first()
    created = 0
    if mayor and staff and not Incident.objects.filter(reporter=mayor).exists():
        _mayor_cases(mayor, staff, support)
        created += 2
    if councillor and not Incident.objects.filter(reporter=councillor).exists():
        incident = actions.incident_start(actor=councillor)
        actions.incident_save_draft(
            actor=councillor,
            incident=incident,
            kinds=[Kind.ONLINE, Kind.THREAT],
            data={
                "channel": Channel.ONLINE,
                "occurred_on": timezone.localdate() - timedelta(days=1),
                "description": "Na het debat over de windmolens verscheen op X een bericht dat "
                "'iemand mij thuis wel eens zal opzoeken'. Het is honderden keren gedeeld.",
                "targets": ["self", "home"],
                "perpetrator_known": "no",
                "ongoing": "yes",
                "police_report": PoliceReport.PLANNED,
                "impact": "Ik twijfel of ik bij de volgende vergadering wil spreken.",
                "affects_decisions": "unknown",
                "wants_support": True,
                "contact_preference": ContactPreference.EMAIL,
            },
        )
        actions.evidence_add(actor=councillor, incident=incident, uploaded_file=_screenshot())
        try:
            actions.evidence_add(actor=councillor, incident=incident, uploaded_file=_voice_mail())
        except ValidationError:  # no FFmpeg on this machine: the demo goes on without it
            stdout.write("Incidents: demo voice mail skipped (FFmpeg is not installed).")
        actions.incident_submit(actor=councillor, incident=incident)
        created += 1
    colleague = User.objects.filter(email="collega@demo.test").first()
    if mayor and colleague and not Incident.objects.filter(reporter=colleague).exists():
        created += _reports_about_a_colleague(mayor, colleague)
    if created:
        stdout.write(f"Incidents: {created} demo report(s) for the demo officeholders.")
    deployments_demo.seed(stdout)


def _mayor_cases(mayor, staff, support):
    incident = actions.incident_start(actor=mayor, immediate_danger=True)
    actions.incident_save_draft(
        actor=mayor,
        incident=incident,
        kinds=[Kind.DAMAGE, Kind.THREAT],
        data={
            "channel": Channel.HOME,
            "occurred_on": timezone.localdate(),
            "description": "Vannacht is er een steen door het raam van onze woonkamer gegooid, "
            "met een briefje: 'Stop met het azc of het wordt erger'.",
            "targets": ["self", "family", "home"],
            "perpetrator_known": "no",
            "ongoing": "unknown",
            "police_report": PoliceReport.AANGIFTE,
            "police_reference": "PL0900-2026000123",
            "vpt_code": "given",
            "impact": "Onze kinderen durven niet meer alleen thuis te zijn.",
            "affects_decisions": "no",
            "wants_support": True,
            "contact_preference": ContactPreference.PHONE,
            "contact_phone": "06 0000 0000",
        },
    )
    actions.incident_submit(actor=mayor, incident=incident)
    actions.incident_acknowledge(actor=staff, incident=incident)
    actions.incident_assign(actor=staff, incident=incident, assignee=staff)
    actions.incident_complete_step(actor=staff, incident=incident, step=Step.ASSESS_DANGER)
    actions.message_send(
        actor=staff,
        incident=incident,
        body="Beste burgemeester, wij hebben uw melding ontvangen en bellen u vandaag. "
        "Fijn dat u al aangifte heeft gedaan met de VPT-code.",
    )
    if support:
        actions.incident_deploy(actor=staff, incident=incident, member=support)
    actions.note_add(
        actor=staff, incident=incident, body="Woningscan CCV voorstellen; RIEC informeren."
    )
    draft = actions.incident_start(actor=mayor)
    actions.incident_save_draft(
        actor=mayor,
        incident=draft,
        kinds=[Kind.VERBAL],
        data={"channel": Channel.MEETING, "description": "Op de markt werd ik uitgescholden."},
    )


def _reports_about_a_colleague(mayor, colleague):
    """A witness's report (the alderman saw what happened to the mayor; her answer is still
    asked) and one on the alderman's behalf by the mayor (he gave consent)."""
    witnessed = actions.incident_start(actor=colleague)
    actions.incident_save_draft(
        actor=colleague,
        incident=witnessed,
        kinds=[Kind.VERBAL, Kind.INTIMIDATION],
        data={
            "reported_for": ReportedFor.WITNESS,
            "concerned_person": mayor,
            "channel": Channel.MEETING,
            "occurred_on": timezone.localdate() - timedelta(days=3),
            "description": "Na de inloopavond over de opvang werd burgemeester De Vries bij de "
            "uitgang door een groep mannen ingesloten en uitgescholden. Ik stond ernaast.",
            "perpetrator_known": "no",
            "ongoing": "unknown",
            "police_report": PoliceReport.NONE,
            "contact_preference": ContactPreference.PORTAL,
        },
    )
    actions.incident_submit(actor=colleague, incident=witnessed)
    on_behalf = actions.incident_start(actor=mayor)
    actions.incident_save_draft(
        actor=mayor,
        incident=on_behalf,
        kinds=[Kind.THREAT, Kind.DOXING],
        data={
            "reported_for": ReportedFor.ON_BEHALF,
            "concerned_person": colleague,
            "channel": Channel.MAIL,
            "occurred_on": timezone.localdate() - timedelta(days=6),
            "description": "Wethouder Haddou krijgt sinds zijn besluit over de parkeertarieven "
            "dreigbrieven op zijn huisadres, dat online is gezet. Hij vroeg mij dit namens hem "
            "te melden.",
            "perpetrator_known": "no",
            "ongoing": "yes",
            "police_report": PoliceReport.MELDING,
            "contact_preference": ContactPreference.PORTAL,
        },
    )
    actions.incident_submit(actor=mayor, incident=on_behalf)
    concerned_consent_set(actor=colleague, incident=on_behalf, consent=ConcernedConsent.GIVEN)
    return 2

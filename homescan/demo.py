"""Demo content for `manage.py seed_demo`: burgemeester@demo.test has a starterspakket (made by
role_assign) and one finished scan with an elevated risk; the contacts item is ticked off. The
kit's risk analysis is finished: the mayor included the scan's level, bzk@demo.test answered
the municipality and role questions and recorded the police's advice (level: verhoogd).
Idempotent."""

from accounts.models import OfficeType, Role, User

from . import actions, starter_kit
from .models import RiskAnalysis, ScanResult
from .selectors import current_version

# Per question (in order) the index of the demo answer: a public address, ordinary locks,
# no alarm, online threats; the rest is in order.
DEMO_ANSWERS = [2, 1, 1, 1, 0, 2, 1, 0, 0, 1, 0]
# BZK's part of the risk analysis: a middle-sized municipality with some signs of undermining,
# regular public-order decisions, the police asking for extra attention. With the elevated home
# (3 points): 3 + 1 + 2 + 1 + 0 + 1 + 1 + 2 = 11 points, verhoogd.
DEMO_CONTEXT = {
    "size": "medium",
    "undermining": "some",
    "tensions": "occasional",
    "incidents": "none",
    "public_order": "regularly",
    "media": "regional",
    "police": "attention",
}
DEMO_POLICE_ADVICE = (
    "Advies van de politie (gesprek met de wijkagent): videodeurbel bij de voordeur, "
    "alarm met doormelding, en de komende drie maanden extra surveillance in de straat."
)


def seed(stdout):
    mayor = User.objects.filter(email="burgemeester@demo.test").first()
    version = current_version()
    if mayor is None or version is None:
        return
    assignment = mayor.role_assignments.filter(
        role=Role.OFFICEHOLDER, office_type=OfficeType.BURGEMEESTER
    ).first()
    if assignment is None:
        return
    kit = actions.starter_kit_create(mayor=mayor, body=assignment.body)
    if ScanResult.objects.filter(owner=mayor).exists():
        _seed_risk_analysis(kit, stdout)
        return
    questions = list(version.questions.prefetch_related("options"))
    answers = {
        question.pk: list(question.options.all())[min(pick, len(question.options.all()) - 1)].pk
        for question, pick in zip(questions, DEMO_ANSWERS + [0] * len(questions), strict=False)
    }
    scan = actions.scan_submit(actor=mayor, version=version, answers=answers)
    contacts = kit.items.get(code=starter_kit.CONTACTS)
    actions.starter_kit_item_mark(actor=mayor, item=contacts, done=True)
    stdout.write(
        f"Homescan: a starterspakket and one scan ({scan.get_risk_level_display()}) "
        "for burgemeester@demo.test."
    )
    _seed_risk_analysis(kit, stdout)


def _seed_risk_analysis(kit, stdout):
    staff = User.objects.filter(email="bzk@demo.test").first()
    scan = ScanResult.objects.filter(owner=kit.mayor).order_by("-created_at").first()
    if staff is None or scan is None or RiskAnalysis.objects.filter(kit=kit).exists():
        return
    actions.risk_analysis_include_scan(actor=kit.mayor, kit=kit, scan=scan)
    analysis = actions.risk_analysis_answer(
        actor=staff, kit=kit, answers=DEMO_CONTEXT, police_advice=DEMO_POLICE_ADVICE
    )
    stdout.write(
        f"Homescan: a finished risk analysis ({analysis.get_level_display()}) "
        "in the starterspakket of burgemeester@demo.test."
    )

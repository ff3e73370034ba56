"""Demo content for `manage.py seed_demo`: burgemeester@demo.test has a starterspakket (made by
role_assign) and one finished scan with an elevated risk; the contacts item is ticked off.
Idempotent."""

from accounts.models import OfficeType, Role, User

from . import actions, starter_kit
from .models import ScanResult
from .selectors import current_version

# Per question (in order) the index of the demo answer: a public address, ordinary locks,
# no alarm, online threats; the rest is in order.
DEMO_ANSWERS = [2, 1, 1, 1, 0, 2, 1, 0, 0, 1, 0]


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

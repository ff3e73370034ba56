"""The starterspakket's risk analysis through the real stack: the mayor includes the level of
their home scan, BZK staff answer the questions about the municipality and the role and
record the police's advice, the level and its package follow, and one button puts the
package in the mayor's own application to the security measures fund. Only the mayor and
BZK staff see the analysis."""

from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from accounts.models import OfficeType
from accounts.tests import factories as people
from audit.models import AccessEntry
from homescan import actions, risk_analysis
from homescan.models import RiskAnalysis, SecurityLevel
from homescan.tests import factories
from homescan.tests.test_risk_analysis_table import CALM, with_answers
from network.tests import factories as network_factories
from subsidies.models import GrantApplication
from subsidies.workflow import Status

pytestmark = pytest.mark.django_db

POLICE_ADVICE = "Camera bij de voordeur; wijkagent loopt twee keer per week langs."


def new_kit(**kwargs):
    mayor = factories.mayor(**kwargs)
    body = mayor.role_assignments.get().body
    return actions.starter_kit_create(mayor=mayor, body=body)


def staff_form(answers, advice=POLICE_ADVICE):
    return {**answers, "police_advice": advice}


def test_the_mayor_and_staff_together_reach_a_level_with_its_package(client):
    kit = new_kit(full_name="Anna de Vries")
    mayor = kit.mayor
    scan = factories.scan(owner=mayor)  # the highest answers: a high risk at home
    client.force_login(mayor)
    page = client.get(reverse("homescan:risk_analysis")).content.decode()
    assert "Neem het risico van mijn woning op" in page
    response = client.post(reverse("homescan:risk_analysis_scan"))
    assert response["Location"] == reverse("homescan:risk_analysis")
    analysis = RiskAnalysis.objects.get(kit=kit)
    assert (analysis.scan, analysis.home_risk_level, analysis.level) == (scan, "high", "")

    staff = people.triage_staff()
    client.force_login(staff)
    url = reverse("homescan:kit_risk_analysis", args=[kit.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, staff_form(with_answers(undermining="some", media="regional")))
    assert response["Location"] == url
    analysis.refresh_from_db()
    # 6 (a high risk at home) + 2 (some undermining) + 1 (regional media) = 9: elevated.
    assert (analysis.points, analysis.level) == (9, SecurityLevel.ELEVATED)
    assert analysis.answered_by == staff and analysis.level_set_at

    client.force_login(mayor)
    page = client.get(reverse("homescan:risk_analysis")).content.decode()
    assert "Beveiligingsniveau: verhoogd" in page
    assert "9 punten" in page
    for measure in risk_analysis.package(SecurityLevel.ELEVATED):
        assert str(measure.description) in page
    assert POLICE_ADVICE in page
    assert "Zet het pakket in mijn aanvraag bij het fonds" in page
    assert "verhoogd" in client.get(reverse("homescan:starter_kit")).content.decode().lower()


def test_staff_changing_an_answer_changes_the_level():
    kit = new_kit()
    actions.risk_analysis_include_scan(
        actor=kit.mayor, kit=kit, scan=factories.scan(owner=kit.mayor)
    )
    staff = people.triage_staff()
    analysis = actions.risk_analysis_answer(actor=staff, kit=kit, answers=CALM, police_advice="")
    assert analysis.level == SecurityLevel.ELEVATED  # a high risk at home: at least elevated
    analysis = actions.risk_analysis_answer(
        actor=staff, kit=kit, answers=with_answers(police="measures"), police_advice="Hoog."
    )
    assert analysis.level == SecurityLevel.HIGH


def test_the_analysis_holds_the_level_of_the_scan_never_its_answers(client):
    kit = new_kit()
    scan = factories.scan(owner=kit.mayor)
    actions.risk_analysis_include_scan(actor=kit.mayor, kit=kit, scan=scan)
    client.force_login(people.triage_staff())
    page = client.get(reverse("homescan:kit_risk_analysis", args=[kit.pk])).content.decode()
    assert "risico hoog" in page
    for question in scan.version.questions.all():
        assert question.text not in page
    # Deleting the scan keeps the level it gave.
    actions.scan_delete(actor=kit.mayor, scan=scan)
    analysis = RiskAnalysis.objects.get(kit=kit)
    assert (analysis.scan, analysis.home_risk_level) == (None, "high")


def test_the_police_advice_and_the_answers_are_encrypted_at_rest():
    kit = new_kit()
    actions.risk_analysis_answer(
        actor=people.triage_staff(),
        kit=kit,
        answers=with_answers(undermining="serious"),
        police_advice=POLICE_ADVICE,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT police_advice, answers_data FROM homescan_riskanalysis WHERE kit_id = %s",
            [kit.pk],
        )
        advice, answers = cursor.fetchone()
    assert "wijkagent" not in advice and "serious" not in answers
    analysis = RiskAnalysis.objects.get(kit=kit)
    assert analysis.police_advice == POLICE_ADVICE
    assert analysis.answers["undermining"] == "serious"


def test_staff_must_answer_every_question(client):
    kit = new_kit()
    client.force_login(people.triage_staff())
    url = reverse("homescan:kit_risk_analysis", args=[kit.pk])
    partial = {code: value for code, value in CALM.items() if code != "police"}
    response = client.post(url, staff_form(partial))
    assert response.status_code == 200
    assert "Kies een antwoord op deze vraag." in response.content.decode()
    assert not RiskAnalysis.objects.filter(kit=kit).exists()


def test_the_package_becomes_the_mayors_own_fund_application_in_one_step(client):
    kit = new_kit()
    mayor = kit.mayor
    griffier = people.griffier(body=kit.body)
    actions.risk_analysis_include_scan(actor=mayor, kit=kit, scan=factories.scan(owner=mayor))
    actions.risk_analysis_answer(
        actor=people.triage_staff(), kit=kit, answers=CALM, police_advice=POLICE_ADVICE
    )
    client.force_login(mayor)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.post(reverse("homescan:risk_analysis_fund"))
    application = GrantApplication.objects.get(applicant=mayor)
    assert response["Location"] == reverse("subsidies:step", args=[application.pk, 2])
    assert (application.status, application.body) == (Status.DRAFT, kit.body)
    with translation.override("nl"):
        expected = [
            (m.kind, str(m.description), Decimal("0.00"))
            for m in risk_analysis.package(SecurityLevel.ELEVATED)
            if m.kind
        ]
    # In Dutch (BZK assesses it), whatever the mayor reads; nothing of the advice or level.
    assert list(application.lines.values_list("kind", "description", "cost")) == expected
    assert all("wijkagent" not in line[1] for line in expected)
    assert RiskAnalysis.objects.get(kit=kit).fund_requested_at
    # A second click adds nothing twice.
    client.post(reverse("homescan:risk_analysis_fund"))
    assert application.lines.count() == len(expected)
    client.force_login(griffier)
    assert client.get(reverse("subsidies:detail", args=[application.pk])).status_code == 404


def test_no_fund_step_before_there_is_a_level(client):
    kit = new_kit()
    client.force_login(kit.mayor)
    response = client.post(reverse("homescan:risk_analysis_fund"), follow=True)
    assert "nog niet bepaald" in response.content.decode()
    assert not GrantApplication.objects.filter(applicant=kit.mayor).exists()


def test_a_staff_read_leaves_an_audit_row_and_the_mayors_own_read_does_not(client):
    kit = new_kit()
    staff = people.triage_staff()
    actions.risk_analysis_answer(actor=staff, kit=kit, answers=CALM, police_advice="")
    client.force_login(kit.mayor)
    client.get(reverse("homescan:risk_analysis"))
    assert not AccessEntry.objects.filter(action="read").exists()
    client.force_login(staff)
    client.get(reverse("homescan:kit_risk_analysis", args=[kit.pk]))
    analysis = RiskAnalysis.objects.get(kit=kit)
    assert list(
        AccessEntry.objects.filter(action="read").values_list("actor", "object_type", "object_id")
    ) == [(staff.pk, "homescan.riskanalysis", str(analysis.pk))]


def _others_of(kit):
    """Everyone but the mayor and BZK staff, the closest first."""
    return {
        "griffier of the same body": people.griffier(body=kit.body),
        "wethouder of the same body": people.officeholder(
            office_type=OfficeType.WETHOUDER, body=kit.body
        ),
        "another mayor": new_kit().mayor,
        "partner": network_factories.member(),
        "support team": people.support_team_member(),
        "administrator": people.administrator(),
    }


def test_only_the_mayor_and_bzk_staff_see_the_analysis(client):
    kit = new_kit(full_name="Anna de Vries")
    actions.risk_analysis_answer(
        actor=people.triage_staff(), kit=kit, answers=CALM, police_advice=POLICE_ADVICE
    )
    staff_url = reverse("homescan:kit_risk_analysis", args=[kit.pk])
    for who, user in _others_of(kit).items():
        client.force_login(user)
        assert client.get(staff_url).status_code == 404, who
        assert client.post(staff_url, staff_form(CALM)).status_code == 404, who
        own = client.get(reverse("homescan:risk_analysis"))
        # Another mayor sees their own analysis, never this one; the rest have no kit.
        assert own.status_code == (200 if who == "another mayor" else 404), who
        assert POLICE_ADVICE not in own.content.decode(), who
        for name in ("homescan:risk_analysis_scan", "homescan:risk_analysis_fund"):
            status = client.post(reverse(name)).status_code
            assert status in ((302, 404) if who == "another mayor" else (404,)), (who, name)
    assert RiskAnalysis.objects.get(kit=kit).answers == CALM


def test_the_overview_shows_the_level_per_mayor_and_finished_kits_on_request(client):
    from django.utils import timezone

    from homescan.models import StarterKit

    done = new_kit(full_name="Klare Burgemeester")
    StarterKit.objects.filter(pk=done.pk).update(completed_at=timezone.now())
    open_kit = new_kit(full_name="Open Burgemeester")
    actions.risk_analysis_include_scan(
        actor=open_kit.mayor, kit=open_kit, scan=factories.scan(owner=open_kit.mayor)
    )
    staff = people.triage_staff()
    actions.risk_analysis_answer(
        actor=staff, kit=open_kit, answers=with_answers(police="measures"), police_advice=""
    )
    client.force_login(staff)
    page = client.get(reverse("homescan:starter_kits") + "?alle=1").content.decode()
    assert "Open Burgemeester" in page and "Klare Burgemeester" not in page
    assert 'class="risk-badge risk-high">Hoog' in page
    assert reverse("homescan:kit_risk_analysis", args=[open_kit.pk]) in page
    everything = client.get(reverse("homescan:starter_kits") + "?alle=1&afgerond=1")
    assert "Klare Burgemeester" in everything.content.decode()
    assert "nog niet bepaald" in everything.content.decode()


def test_an_office_changed_to_mayor_in_the_admin_brings_a_kit_staff_can_analyse(client):
    """Through the admin's change form of the person (the role inline): a wethouder made
    burgemeester gets a starterspakket, and its risk analysis starts from there."""
    from accounts.models import RoleAssignment
    from accounts.tests.test_admin_roles import _post_inline, _row
    from homescan.models import StarterKit

    client.force_login(people.administrator())
    wethouder = people.officeholder(office_type=OfficeType.WETHOUDER, full_name="Wim Wethouder")
    existing = RoleAssignment.objects.get(user=wethouder)
    assert not StarterKit.objects.filter(mayor=wethouder).exists()
    response = _post_inline(
        client, wethouder, [_row(existing, office_type=OfficeType.BURGEMEESTER)]
    )
    assert response.status_code == 302
    kit = StarterKit.objects.get(mayor=wethouder)
    assert kit.body_id == existing.body_id

    staff = people.triage_staff()
    client.force_login(staff)
    page = client.get(reverse("homescan:starter_kits") + "?alle=1").content.decode()
    assert "Wim Wethouder" in page and "nog niet bepaald" in page
    url = reverse("homescan:kit_risk_analysis", args=[kit.pk])
    assert client.post(url, staff_form(CALM))["Location"] == url
    client.force_login(wethouder)
    page = client.get(reverse("homescan:risk_analysis")).content.decode()
    assert "ingevuld door BZK" in page and "Start de scan" in page


def test_the_analysis_reads_in_english(client):
    kit = new_kit()
    actions.risk_analysis_include_scan(
        actor=kit.mayor, kit=kit, scan=factories.scan(owner=kit.mayor)
    )
    actions.risk_analysis_answer(
        actor=people.triage_staff(), kit=kit, answers=CALM, police_advice=POLICE_ADVICE
    )
    client.force_login(kit.mayor)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("homescan:risk_analysis")).content.decode()
    assert "Your risk analysis" in page
    assert "Security level: increased" in page
    assert "Video doorbell or camera at the front door" in page
    assert "How many inhabitants does the municipality have?" in page
    assert "Put the package in my application to the fund" in page


def test_an_erasure_deletes_the_risk_analysis_with_the_kit():
    from homescan import privacy

    kit, other = new_kit(), new_kit()
    staff = people.triage_staff()
    for each in (kit, other):
        actions.risk_analysis_answer(
            actor=staff, kit=each, answers=CALM, police_advice=POLICE_ADVICE
        )
    privacy.erase(user=kit.mayor)
    assert list(RiskAnalysis.objects.values_list("kit", flat=True)) == [other.pk]

import io

import pytest
from django.core.management import call_command

from homescan import starter_kit
from homescan.models import RiskAnalysis, RiskLevel, ScanResult, SecurityLevel, StarterKit

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_the_demo_mayor_a_kit_and_a_scan_once():
    out = io.StringIO()
    call_command("seed_demo", "--password", "een-lang-demowachtwoord", "--force", stdout=out)
    kit = StarterKit.objects.get(mayor__email="burgemeester@demo.test")
    scan = ScanResult.objects.get(owner__email="burgemeester@demo.test")
    assert scan.risk_level == RiskLevel.ELEVATED
    assert scan.score == 4 + 1 + 2 + 3 + 0 + 3 + 2 + 0 + 0 + 3 + 0
    done = set(kit.items.filter(done_at__isnull=False).values_list("code", flat=True))
    assert done == {starter_kit.SCAN, starter_kit.CONTACTS}
    assert "Homescan" in out.getvalue()
    call_command("seed_demo", "--password", "een-lang-demowachtwoord", "--force", stdout=out)
    assert ScanResult.objects.filter(owner__email="burgemeester@demo.test").count() == 1


def test_seed_demo_shows_a_finished_risk_analysis_once():
    call_command(
        "seed_demo", "--password", "een-lang-demowachtwoord", "--force", stdout=io.StringIO()
    )
    analysis = RiskAnalysis.objects.get(kit__mayor__email="burgemeester@demo.test")
    assert (analysis.home_risk_level, analysis.points, analysis.level) == (
        RiskLevel.ELEVATED,
        11,
        SecurityLevel.ELEVATED,
    )
    assert analysis.answered_by.email == "bzk@demo.test" and analysis.police_advice
    call_command(
        "seed_demo", "--password", "een-lang-demowachtwoord", "--force", stdout=io.StringIO()
    )
    assert RiskAnalysis.objects.filter(kit__mayor__email="burgemeester@demo.test").count() == 1

"""The security measures fund in the shared monitor: counts by outcome only, protected like
every other one-way table (its own total: applications, not reports)."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from accounts.models import OfficeType
from accounts.tests import factories as people
from monitor import actions, shared
from monitor.suppression import PRIMARY
from subsidies.models import Decision, GrantApplication
from subsidies.tests.test_home_measures_stay_private import fund_application

pytestmark = pytest.mark.django_db

AFTER = date(2026, 6, 1)


def sent_in_2025(count, *, rejected=0):
    staff = people.triage_staff()
    for index in range(count):
        owner = people.officeholder(office_type=OfficeType.WETHOUDER, full_name=f"Naam {index}")
        application = fund_application(owner, description=f"Maatregel bij huis {index}")
        when = timezone.make_aware(datetime(2025, 3, 1 + index))
        GrantApplication.objects.filter(pk=application.pk).update(submitted_at=when)
        if index < rejected:
            GrantApplication.objects.filter(pk=application.pk).update(status="rejected")
            Decision.objects.create(
                application=application,
                outcome="rejected",
                decided_by=staff,
                decision_date=date(2025, 4, 1),
                effective_date=date(2025, 4, 1),
            )


def fund_table(release):
    data = shared.shared_dashboard(release.year)
    [table] = [table for table in data["tables"] if table.key == shared.FUND]
    return table


def test_a_few_applications_show_as_less_than_the_threshold_and_nothing_else():
    sent_in_2025(2)
    release = actions.shared_release_publish(year=2025, today=AFTER)
    assert release.figures["fund"] == {"total": [None, PRIMARY], "rows": None}
    table = fund_table(release)
    assert table.withheld and table.total.display.startswith("<")


def test_outcomes_are_shown_only_where_no_small_number_can_be_worked_out(settings):
    sent_in_2025(7, rejected=1)
    release = actions.shared_release_publish(year=2025, today=AFTER)
    fund = release.figures["fund"]
    assert fund["total"] == [7, None]
    rows = {code: (value, reason) for code, value, reason in fund["rows"] or []}
    # One rejection and no (partial) grant are under the threshold: hidden, not shown as 1 or 0.
    assert rows.get("rejected", (None, "x"))[0] is None
    for value, reason in rows.values():
        assert value is None or value >= settings.MONITOR_SUPPRESSION_THRESHOLD
        assert (value is None) == (reason is not None)
    page_text = str([row.label for row in fund_table(release).rows])
    assert "Naam" not in page_text and "huis" not in page_text


def test_a_release_made_before_the_fund_was_counted_still_reads():
    release = actions.shared_release_publish(year=2025, today=AFTER)
    figures = dict(release.figures)
    figures.pop("fund")
    type(release).objects.filter(pk=release.pk).update(figures=figures)
    data = shared.shared_dashboard(2025)
    assert shared.FUND not in [table.key for table in data["tables"]]

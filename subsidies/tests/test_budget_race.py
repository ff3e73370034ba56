"""Two staff members decide at the same moment: the scheme's row lock keeps the budget whole."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from accounts.tests import factories as people
from subsidies import actions
from subsidies.models import GrantApplication, GrantScheme
from subsidies.tests import factories
from subsidies.workflow import Status


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("limit", ["ceiling", "cohort"])
def test_two_simultaneous_decisions_never_pass_the_ceiling_or_the_cohort(
    postgres, reference_data, limit
):
    scheme = factories.veilig_vergaderen()
    if limit == "ceiling":
        # Either grant fits alone, both together do not.
        GrantScheme.objects.filter(pk=scheme.pk).update(budget_ceiling=Decimal("25000.00"))
    else:
        GrantScheme.objects.filter(pk=scheme.pk).update(cohort_size=1)
    first = factories.assessed(costs=("15000.00",))
    second = factories.assessed(
        griffier=people.griffier(body=people.municipality("GM0363")), costs=("15000.00",)
    )
    deciders = [people.triage_staff(), people.triage_staff()]
    barrier = threading.Barrier(2)
    results = {}

    def decide(index, application):
        try:
            barrier.wait(timeout=10)
            actions.application_decide(
                actor=deciders[index], application=application, outcome=Status.GRANTED, amounts={}
            )
            results[index] = "granted"
        except actions.BudgetExceeded:
            results[index] = "refused"
        except Exception as error:  # noqa: BLE001 - reported below
            results[index] = repr(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(i, app)) for i, app in enumerate([first, second])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results.values()) == ["granted", "refused"], results
    assert GrantApplication.objects.filter(status=Status.GRANTED).count() == 1

import importlib

import pytest


@pytest.fixture
def reference_data(transactional_db):
    """Government bodies and the seeded schemes. A transactional test flushes the tables
    after it ran, data migrations included, so tests that commit load them again."""
    from django.apps import apps

    from government.models import GovernmentBody
    from government.refdata_loader import load_government_bodies

    if not GovernmentBody.objects.exists():
        load_government_bodies(GovernmentBody)
    seed = importlib.import_module("subsidies.migrations.0002_seed_schemes").seed
    seed(apps, None)

"""The seeded Basisscan veilige woning, loadable again after a test flushed it."""

import importlib

from django.apps import apps


def ensure():
    importlib.import_module("homescan.migrations.0002_seed_basisscan").seed(apps, None)

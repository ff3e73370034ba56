"""The seeded Basisscan veilige woning and its English, loadable again after a test flushed
them."""

import importlib

from django.apps import apps


def ensure():
    importlib.import_module("homescan.migrations.0002_seed_basisscan").seed(apps, None)
    importlib.import_module("homescan.migrations.0010_translate_basisscan").translate(apps, None)

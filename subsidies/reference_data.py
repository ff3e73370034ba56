"""The seeded grant schemes and their English, loadable again after a test flushed them."""

import importlib

from django.apps import apps


def ensure():
    importlib.import_module("subsidies.migrations.0002_seed_schemes").seed(apps, None)
    importlib.import_module("subsidies.migrations.0009_translate_schemes").translate(apps, None)

"""The seeded standard replies, loadable again after a test flushed them."""

import importlib

from django.apps import apps


def ensure():
    importlib.import_module("incidents.migrations.0002_seed_reply_templates").seed(apps, None)

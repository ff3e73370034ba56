"""The seeded partner organisations, themes and target groups (with the English of the themes
and target groups), loadable again after a test flushed them."""

import importlib

from django.apps import apps


def ensure():
    importlib.import_module("network.migrations.0002_seed_partners_and_search_index").seed(
        apps, None
    )
    importlib.import_module("network.migrations.0006_translate_themes_and_target_groups").translate(
        apps, None
    )

"""How the portal finds what each app contributes: one helper over Django's own
`autodiscover_modules`.

An app contributes by having a module of an agreed name: `navigation.py` (links on the start
page), `demo.py` (demo content), `reference_data.py` (rows that data migrations load),
`account_hooks.py` (what it does when accounts announces something, see `accounts.hooks`).
`autodiscover_modules` imports `<app>.<name>` for every installed app that has it, and raises
when one that exists fails to import (a broken module is an error, never silently skipped).
"""

import sys
from types import ModuleType

from django.apps import apps
from django.utils.module_loading import autodiscover_modules


def app_modules(name: str) -> tuple[ModuleType, ...]:
    """Every installed app's `<app>.<name>` module, in the order of INSTALLED_APPS."""
    autodiscover_modules(name)
    found: list[ModuleType] = []
    for config in apps.get_app_configs():
        module = sys.modules.get(f"{config.name}.{name}")
        if module is not None:
            found.append(module)
    return tuple(found)

"""App discovery: one helper over Django's autodiscover_modules, and the events accounts
announces to the apps above it."""

import pytest
from django.conf import settings

from accounts import hooks
from weerbaar.discovery import app_modules


def test_each_apps_module_is_found_in_the_order_of_installed_apps():
    apps = [
        "weerbaar",
        "accounts",
        "audit",
        "incidents",
        "subsidies",
        "network",
        "homescan",
        "training",
        "learning",
        "monitor",
    ]
    assert sorted(apps, key=settings.INSTALLED_APPS.index) == apps
    assert [module.__name__ for module in app_modules("navigation")] == [
        f"{app}.navigation" for app in apps
    ]


def test_an_app_without_the_module_is_left_out():
    assert [module.__name__ for module in app_modules("account_hooks")] == [
        "audit.account_hooks",
        "network.account_hooks",
        "homescan.account_hooks",
    ]


def test_accounts_refuses_to_announce_an_event_it_does_not_know():
    with pytest.raises(ValueError):
        hooks.announce("role_asigned", assignment=None)

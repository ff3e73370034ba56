"""The start page routes each person to their work: every app adds its own links.

An app contributes by having a `navigation.py` with `links_for(user) -> list[Link]`; the home page
and the main menu show the links of all apps, in the order of INSTALLED_APPS.
"""

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


@dataclass(frozen=True)
class Link:
    url: str
    title: str
    description: str = ""
    in_menu: bool = True


@cache
def _navigation_modules():
    """The apps' navigation modules, looked up once per process (not on every request)."""
    modules = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.navigation"
        if config.name != "weerbaar" and find_spec(module_name) is not None:
            modules.append(import_module(module_name))
    return tuple(modules)


def links_for(user):
    links = []
    for module in _navigation_modules():
        links.extend(module.links_for(user))
    return links

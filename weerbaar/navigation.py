"""The start page routes each person to their work: every app adds its own links.

An app contributes by having a `navigation.py` with `links_for(user) -> list[Link]`; the home page
and the main menu show the links of all apps, in the order of INSTALLED_APPS.
"""

from dataclasses import dataclass
from functools import cache

from weerbaar.discovery import app_modules


@dataclass(frozen=True)
class Link:
    url: str
    title: str
    description: str = ""
    in_menu: bool = True


@cache
def _navigation_modules():
    """The apps' navigation modules, looked up once per process (not on every request)."""
    return tuple(module for module in app_modules("navigation") if module.__name__ != __name__)


def links_for(user):
    links = []
    for module in _navigation_modules():
        links.extend(module.links_for(user))
    return links

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


def start_links_for(user):
    """The start page's links: the menu's, then those an app shows on the start page only (an
    app's navigation module may have `start_links_for(user)`). The menu is on every page and
    reads nothing beyond the roles; a start link may cost its app a fixed number of queries,
    on this one page."""
    links = links_for(user)
    for module in _navigation_modules():
        if hasattr(module, "start_links_for"):
            links.extend(module.start_links_for(user))
    return links


@dataclass(frozen=True)
class Count:
    """A number on the start page that links to the list it counts."""

    url: str
    label: str
    number: int
    urgent: bool = False


def counts_for(user) -> list[Count]:
    """The numbers the apps put on a person's start page (an app's navigation module may have
    `counts_for(user)`); each app keeps its own to a fixed number of queries."""
    counts: list[Count] = []
    for module in _navigation_modules():
        if hasattr(module, "counts_for"):
            counts.extend(module.counts_for(user))
    return counts


@dataclass(frozen=True)
class AccountItem:
    """One line in a section of the account page: what it is, a fact about it, and a link."""

    label: str
    url: str = ""
    link_text: str = ""
    note: str = ""


@dataclass(frozen=True)
class AccountSection:
    """A part of "Mijn account" that an app adds (an app's navigation module may have
    `account_sections(user)`). `topic` places it: sections of one topic show together under
    that topic's heading, in the order of ACCOUNT_TOPICS."""

    topic: str
    title: str
    text: str = ""
    items: tuple[AccountItem, ...] = ()
    links: tuple[Link, ...] = ()


# The topics of the account page that apps contribute to, in page order.
ACCOUNT_TOPICS = ("notices", "access", "erasure")


def account_sections_for(user) -> dict[str, list[AccountSection]]:
    """What the apps put on a person's account page, by topic; each app keeps its own part to
    a fixed number of queries."""
    sections: dict[str, list[AccountSection]] = {topic: [] for topic in ACCOUNT_TOPICS}
    for module in _navigation_modules():
        if hasattr(module, "account_sections"):
            for section in module.account_sections(user):
                sections[section.topic].append(section)
    return sections

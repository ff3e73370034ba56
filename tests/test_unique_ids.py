"""Every page every role can reach: no HTML id occurs twice, and every reference to an id
(<label for>, aria-labelledby, aria-describedby, aria-controls, list, form) names one that exists.

A repeated id sends a label, a screen reader or a script to the wrong element: on the staff case
page the internal note's label once focused the box whose text goes to the reporter. The pages
come from the access matrix (tests/security), so a new page is covered as soon as it has an entry
there.
"""

from collections import Counter
from html.parser import HTMLParser

import pytest

from tests.security.matrix import ROLES, World, all_routes, path_of
from tests.security.test_access_matrix import EXPECTED

ID_REFERENCES = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "list", "form")
# Elements whose content is not part of the document (a <template>'s inner ids exist only once
# a script clones them; the page's own ids live outside it).
INERT = {"template"}


class IdCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = Counter()
        self.references = []  # (tag, attribute, id)
        self._inert_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in INERT:
            if attributes.get("id"):
                self.ids[attributes["id"]] += 1
            self._inert_depth += 1
            return
        if self._inert_depth:
            return
        if attributes.get("id"):
            self.ids[attributes["id"]] += 1
        for name in ID_REFERENCES:
            value = attributes.get(name)
            if (
                not value
                or (name == "list" and tag != "input")
                or (name == "form" and tag == "form")
            ):
                continue
            targets = value.split() if name.startswith("aria-") else [value]
            self.references.extend((tag, name, target) for target in targets)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in INERT:
            self._inert_depth -= 1

    def handle_endtag(self, tag):
        if tag in INERT and self._inert_depth:
            self._inert_depth -= 1


def id_problems(html):
    """What is wrong with the ids of one HTML page (empty: nothing)."""
    collector = IdCollector()
    collector.feed(html)
    problems = [f"id {name!r} occurs {n} times" for name, n in collector.ids.items() if n > 1]
    problems += [
        f"<{tag} {attribute}={target!r}> points at no element"
        for tag, attribute, target in collector.references
        if target not in collector.ids
    ]
    return problems


def test_the_checker_finds_a_repeated_id_and_a_label_for_nothing():
    html = (
        '<label for="id_body">Notitie</label><textarea id="id_body"></textarea>'
        '<textarea id="id_body"></textarea><label for="id_missing">X</label>'
        '<template id="t"><span id="inside"></span></template><span id="inside"></span>'
    )
    assert id_problems(html) == [
        "id 'id_body' occurs 2 times",
        "<label for='id_missing'> points at no element",
    ]


def _reachable(expected):
    rows = expected.items() if isinstance(expected, dict) else [(None, expected)]
    for variant, row in rows:
        for role, code in zip(ROLES, row.split(), strict=True):
            if code == "200":
                yield variant, role


@pytest.mark.django_db
def test_no_page_repeats_an_id_or_labels_a_missing_field(client):
    world = World()
    routes = all_routes()
    failures, checked = [], 0
    for name in sorted(routes):
        route = routes[name]
        for variant, role in _reachable(EXPECTED[name]):
            url = path_of(route, world.kwargs(route, variant or "own"))
            client.logout()
            if world.users[role] is not None:
                client.force_login(world.users[role])
            response = client.get(url, secure=True)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            checked += 1
            failures += [
                f"{name} [{variant}] as {role}: {problem}"
                for problem in id_problems(response.content.decode())
            ]
    print(f"unique ids: {checked} pages")
    assert checked > 50
    assert not failures, "\n".join(failures)


def _post_only(expected):
    rows = expected.items() if isinstance(expected, dict) else [(None, expected)]
    for variant, row in rows:
        for role, code in zip(ROLES, row.split(), strict=True):
            if code == "405":
                yield variant, role


@pytest.mark.django_db
def test_no_page_shown_again_with_errors_repeats_an_id(client):
    """The same pages, and the URLs that only take a POST, after an empty POST: a form shown
    with its errors adds error and help ids, and a page with several forms shows them all again.
    The POST-only URLs (which may change things) go last."""
    world = World()
    routes = all_routes()
    requests = [
        (name, variant, role)
        for name in sorted(routes)
        for variant, role in _reachable(EXPECTED[name])
    ] + [
        (name, variant, role)
        for name in sorted(routes)
        for variant, role in _post_only(EXPECTED[name])
    ]
    # Every URL is worked out before the first POST removes an object it names.
    urls = {
        (name, variant): path_of(routes[name], world.kwargs(routes[name], variant or "own"))
        for name, variant, _role in requests
    }
    failures, checked = [], 0
    for name, variant, role in requests:
        url = urls[name, variant]
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        response = client.post(url, {}, secure=True)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        failures += [
            f"POST {name} [{variant}] as {role}: {problem}"
            for problem in id_problems(response.content.decode())
        ]
    print(f"unique ids after an empty POST: {checked} pages")
    assert checked > 10
    assert not failures, "\n".join(failures)

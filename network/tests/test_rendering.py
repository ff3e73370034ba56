"""Element ids in knowledge-base text: an author never sets an id outside the text's own prefix.

Markdown's attribute lists (`{: #id }`) let an author put any id on a heading, paragraph, list
item or link. An id the page itself uses (`main-content`, `id_body`, `hoofdmenu`) would shadow
it: the skip link, a form label or a script would land on the author's element instead. Every
id in the rendered text starts with `sectie-`, and every in-page link points at such an id.
"""

import importlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from network.rendering import render_markdown

ID_PREFIX = "sectie-"  # the prefix of heading ids since the knowledge base began

SAFE_ID = re.compile(rf"^{re.escape(ID_PREFIX)}[a-z0-9][a-z0-9_-]*$")
REFERENCE_ATTRIBUTES = {"for", "name", "form", "list", "headers", "itemref"}


class Ids(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.ids, self.fragments, self.references = [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids.append(value)
            elif name == "href" and (value or "").startswith("#"):
                self.fragments.append(value[1:])
            elif name in REFERENCE_ATTRIBUTES or name.startswith("aria-"):
                self.references.append((name, value))


def page_ids():
    """The ids the portal's own templates set (literal ones)."""
    found = set()
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        found.update(re.findall(r'\bid="([^"{]+)"', template.read_text()))
    return found


def assert_only_own_ids(html, toc):
    parsed = Ids(html)
    for value in parsed.ids:
        assert SAFE_ID.match(value), value
    assert len(parsed.ids) == len(set(parsed.ids)), "duplicate ids"
    for fragment in parsed.fragments:
        assert SAFE_ID.match(fragment), fragment
    assert not parsed.references
    assert not set(parsed.ids) & page_ids()
    assert {entry["id"] for entry in toc} <= set(parsed.ids)


def test_no_template_uses_the_prefix_of_the_text_ids():
    assert page_ids()  # the scan finds the templates' ids
    assert not [value for value in page_ids() if value.startswith(ID_PREFIX)]


any_id = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=30
).filter(lambda text: "}" not in text and "\n" not in text)
ATTRIBUTE_LISTS = [
    "## Kop {{: #{id} }}",
    '### Kop {{: id="{id}" }}',
    "Een alinea.\n{{: #{id} }}",
    "- punt\n{{: #{id} }}",
    "[link](#{id}){{: #{id} }}",
    '*nadruk*{{: #{id} name="{id}" for="{id}" aria-labelledby="{id}" }}',
    '## Kop {{: #{id} aria-describedby="{id}" form="{id}" }}',
    "[terug](#{id})",
    # HTML attribute names ignore case: ID is an id, HREF an href.
    '## Kop {{: ID="{id}" }}',
    'Tekst\n{{: Id="{id}" }}',
    '[a](https://example.test/){{: HREF="#{id}" }}',
]


@given(
    ids=st.lists(any_id, min_size=1, max_size=4),
    shapes=st.lists(st.sampled_from(ATTRIBUTE_LISTS), min_size=1, max_size=4),
)
@hypothesis_settings(max_examples=300, deadline=None)
@example(ids=["main-content"], shapes=["## Kop {{: #{id} }}"])
@example(ids=["id_body"], shapes=["Een alinea.\n{{: #{id} }}"])
@example(ids=["hoofdmenu"], shapes=['### Kop {{: id="{id}" }}'])
@example(ids=["sectie-a", "sectie-a"], shapes=["## Kop {{: #{id} }}", "## Kop {{: #{id} }}"])
def test_an_author_never_sets_an_id_outside_the_prefix(ids, shapes):
    text = "\n\n".join(shape.format(id=value) for shape in shapes for value in ids)
    html, toc = render_markdown(f"# Inleiding\n\n{text}\n\n## Slot\n\nEinde.")
    assert_only_own_ids(html, toc)


def test_the_page_s_own_ids_cannot_be_shadowed():
    for own in ("main-content", "id_body", "hoofdmenu", "inhoud", "id_q"):
        html, toc = render_markdown(
            f'## Kop {{: #{own} }}\n\nTekst\n{{: #{own} }}\n\n## Twee {{: ID="{own}" }}'
        )
        assert f'id="{own}"' not in html
        assert_only_own_ids(html, toc)


def test_an_author_s_own_anchor_still_works_under_the_prefix():
    html, toc = render_markdown("## Plan van aanpak {: #plan }\n\nZie [het plan](#plan).")
    assert '<h2 id="sectie-plan">Plan van aanpak</h2>' in html
    assert 'href="#sectie-plan"' in html
    assert toc == [{"id": "sectie-plan", "name": "Plan van aanpak", "level": 2}]


def test_footnotes_link_to_their_prefixed_ids():
    html, toc = render_markdown("Een bewering.[^bron]\n\n[^bron]: Het jaarverslag.")
    parsed = Ids(html)
    assert parsed.ids and all(SAFE_ID.match(value) for value in parsed.ids)
    assert set(parsed.fragments) <= set(parsed.ids)
    assert_only_own_ids(html, toc)


def test_headings_without_an_id_keep_their_readable_anchor():
    html, toc = render_markdown("## Tijdens de vergadering\n\n## Tijdens de vergadering")
    assert '<h2 id="sectie-tijdens-de-vergadering">' in html
    assert [entry["id"] for entry in toc] == [
        "sectie-tijdens-de-vergadering",
        "sectie-tijdens-de-vergadering_1",
    ]


@pytest.mark.django_db
def test_texts_stored_before_the_prefix_are_rendered_again_by_the_migration():
    from django.apps import apps

    from network.models import KnowledgeItem
    from network.tests.factories import item

    stored = item(body="## Kop {: #main-content }\n\nTekst.")
    # As rendered before the fix:
    KnowledgeItem.objects.filter(pk=stored.pk).update(body_html='<h2 id="main-content">Kop</h2>')
    migration = importlib.import_module("network.migrations.0004_rerender_body_ids")
    migration.rerender(apps, None)
    stored.refresh_from_db()
    assert 'id="main-content"' not in stored.body_html
    assert '<h2 id="sectie-main-content">Kop</h2>' in stored.body_html

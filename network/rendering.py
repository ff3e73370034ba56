"""Markdown in, sanitised HTML out.

Authors write Markdown; the portal renders it with Python-Markdown and then passes the HTML
through nh3 (ammonia) with a short allow-list. Raw HTML in the Markdown, scripts, event
handlers, `javascript:` links and images (which would make readers' browsers and the PDF
renderer fetch outside URLs) never come through. The page title is the only h1: a `#` heading
in the text becomes an h2, like `##`.

Element ids belong to the page. Every id in the text starts with `sectie-` (ID_PREFIX), which no
template uses: an author's `{: #main-content }` becomes `sectie-main-content` (and a link to
`#main-content` in the same text follows it), so the text can never shadow the skip link's
target, a form field's label or anything a script looks up. nh3 then drops any id or in-page
link outside the prefix that got through, and every attribute that points at an id (`for`,
`name`, `aria-*`) is off the allow-list.
"""

import re

import markdown
import nh3
from django.utils.text import slugify
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "strong", "em", "b", "i", "blockquote",
    "ul", "ol", "li", "a", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
    "abbr", "dl", "dt", "dd", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "li": {"id"},  # footnotes
    "sup": {"id"},  # footnote references
    "th": {"scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}
ID_PREFIX = "sectie-"
OWN_ID = re.compile(rf"^{ID_PREFIX}[a-z0-9][a-z0-9_-]{{0,80}}$")


def _own_id(value):
    """`value` as an id of the text: itself when it already is one, else prefixed and slugged."""
    if OWN_ID.match(value):
        return value
    slug = slugify(value.removeprefix(ID_PREFIX))[:60].strip("-_")
    return ID_PREFIX + (slug or "anker")


def _heading_id(value, separator):
    return _own_id(value) if value else ID_PREFIX + "kop"


def _lower_attribute_names(element):
    """Attribute names as a browser reads them: `ID` is `id`, and the first one counts."""
    if all(name == name.lower() for name in element.attrib):
        return
    attributes = {}
    for name, value in element.attrib.items():
        attributes.setdefault(name.lower(), value)
    element.attrib.clear()
    element.attrib.update(attributes)


class _OwnIds(Treeprocessor):
    """Runs after attribute lists and footnotes have set their ids, before the table of
    contents reads them: gives every id the prefix, keeps them unique, and points in-page
    links at the renamed ids."""

    def run(self, root):
        renamed, used = {}, set()
        for element in root.iter():
            _lower_attribute_names(element)
            value = element.get("id")
            if value is None:
                continue
            new = base = _own_id(value)
            counter = 0
            while new in used:
                counter += 1
                new = f"{base}_{counter}"
            used.add(new)
            renamed.setdefault(value, new)
            element.set("id", new)
        for link in root.iter("a"):
            href = link.get("href") or ""
            if href.startswith("#"):
                link.set("href", "#" + renamed.get(href[1:], _own_id(href[1:])))


def _only_own_ids(tag, attribute, value):
    """nh3's last word: no id, and no in-page link, outside the text's own prefix."""
    if attribute == "id" and not OWN_ID.match(value):
        return None
    if attribute == "href" and value.startswith("#") and not OWN_ID.match(value[1:]):
        return None
    return value


def render_markdown(text):
    """Return (sanitised HTML, table of contents) for Markdown `text`. The table of contents
    is a list of {"id", "name", "level"} for the level-2 and level-3 headings."""
    md = markdown.Markdown(
        extensions=["extra", "sane_lists", "toc"],
        extension_configs={"toc": {"slugify": _heading_id, "toc_depth": "1-3"}},
        output_format="html",
    )
    # Raw HTML in the source is escaped as text, not passed through; nh3 then strips whatever
    # Markdown itself produced that is not on the allow-list.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_OwnIds(md), "own_ids", 6)  # after attr_list (8), before toc (5)
    html = md.convert(text or "").replace("<h1", "<h2").replace("</h1>", "</h2>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_only_own_ids,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    toc = []

    def walk(tokens):
        for token in tokens:
            level = max(token["level"], 2)
            if OWN_ID.match(token["id"]):
                toc.append({"id": token["id"], "name": token["name"], "level": level})
            walk(token["children"])

    walk(md.toc_tokens)
    return clean, toc

"""Markdown in, sanitised HTML out.

Authors write Markdown; the portal renders it with Python-Markdown and then passes the HTML
through nh3 (ammonia) with a short allow-list. Raw HTML in the Markdown, scripts, event
handlers, `javascript:` links and images (which would make readers' browsers and the PDF
renderer fetch outside URLs) never come through. The page title is the only h1: a `#` heading
in the text becomes an h2, like `##`.
"""

import markdown
import nh3
from django.utils.text import slugify

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
    "th": {"scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _heading_id(value, separator):
    # A prefix keeps heading ids from clobbering names the page's own scripts use.
    return "sectie-" + (slugify(value) or "kop")


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
    html = md.convert(text or "").replace("<h1", "<h2").replace("</h1>", "</h2>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    toc = []

    def walk(tokens):
        for token in tokens:
            level = max(token["level"], 2)
            toc.append({"id": token["id"], "name": token["name"], "level": level})
            walk(token["children"])

    walk(md.toc_tokens)
    return clean, toc

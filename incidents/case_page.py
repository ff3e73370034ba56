"""The case page's links and repeated rows, built in Python.

The staff case page rendered each of its rows (stappenplan, messages, notes, timeline) through
a template loop: a dozen variable lookups, filters and `{% translate %}` tags per row, and a
`{% url %}` per link (31 on a staff page). Here a row is one `format_html` call, its fixed words
translated once per page, and a case's links are two pieces of text per URL name (reversed once
per process) around the case's id. The markup is the templates' own; `format_html` escapes every
value, `linebreaksbr` the texts people typed (`incidents/tests/test_case_page.py` checks both).
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.dates import MONTHS
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import get_language, gettext, gettext_noop

# The case page's links: template name -> URL name (each takes the case's id).
CASE_URLS = {
    "message": "incidents:message",
    "note": "incidents:note",
    "transition": "incidents:transition",
    "urgency": "incidents:urgency",
    "assign": "incidents:assign",
    "escalate": "incidents:escalate",
    "deploy": "incidents:deploy",
    "step": "incidents:step",
    "urgent_ack": "incidents:urgent_ack",
    "case_trail": "incidents:case_trail",
    "case_readers": "incidents:case_readers",
    "evidence": "incidents:evidence",
    "dossier": "incidents:dossier",
    "case_records": "deployments:case_records",
}
# Ids no case has, reversed in their place and then cut out.
_PLACEHOLDERS = (2147483641, 2147483643)
_URL_PIECES: dict[tuple[str, int, Any, str], list[str]] = {}


# The rows' fixed words, translated once per language and process: a gettext call costs more
# than the rest of a row (gettext_noop marks them for makemessages).
_FIXED_WORDS = (
    gettext_noop("Nieuw"),
    gettext_noop("sinds uw vorige bezoek"),
    gettext_noop("Netwerk Weerbaar Bestuur"),
    gettext_noop("U"),
    gettext_noop("Melder"),
    gettext_noop("Nog geen notities."),
    gettext_noop("gedaan"),
    gettext_noop("nog niet gedaan"),
    gettext_noop("Afvinken"),
    gettext_noop("ja,nee"),
    gettext_noop("registratienummer"),
    gettext_noop("Soort"),
    gettext_noop("Hoe of waar"),
    gettext_noop("Wanneer"),
    gettext_noop("Gemeente"),
    gettext_noop("Gericht tegen"),
    gettext_noop("Dader bekend"),
    gettext_noop("Over de dader"),
    gettext_noop("Gaat het nog door"),
    gettext_noop("Direct gevaar"),
    gettext_noop("Wat is er gebeurd"),
    gettext_noop("Politie"),
    gettext_noop("VPT-code"),
    gettext_noop("Gevolgen"),
    gettext_noop("Invloed op besluiten"),
    gettext_noop("Wil ondersteuning"),
    gettext_noop("Contact via"),
)
_TRANSLATED: dict[str | None, dict[str, str]] = {}


def _words() -> dict[str, str]:
    """`{word: its translation}` in the active language."""
    language = get_language()
    words = _TRANSLATED.get(language)
    if words is None:
        words = {word: gettext(word) for word in _FIXED_WORDS}
        _TRANSLATED[language] = words
    return words


def _pieces(name: str, arity: int) -> list[str]:
    """The URL of `name` cut where its `arity` ids go, once per process (and URLconf and
    script prefix, which a deployment under a sub-path sets)."""
    key = (name, arity, get_urlconf(), get_script_prefix())
    pieces = _URL_PIECES.get(key)
    if pieces is None:
        url = reverse(name, args=_PLACEHOLDERS[:arity])
        pieces = []
        for placeholder in _PLACEHOLDERS[:arity]:
            before, found, url = url.partition(str(placeholder))
            if not found:
                raise ValueError(f"{name}: the id is not in its URL")
            pieces.append(before)
        pieces.append(url)
        _URL_PIECES[key] = pieces
    return pieces


def case_url(name: str, *ids: int) -> str:
    """`reverse(name, args=ids)` for integer ids, without resolving the URLconf each time."""
    pieces = _pieces(name, len(ids))
    return (
        "".join(piece + str(int(pk)) for piece, pk in zip(pieces, ids, strict=False)) + (pieces[-1])
    )


# The lists the case page links back to (no id).
LIST_URLS = {"queue": "incidents:queue", "list": "incidents:list", "support": "incidents:support"}


def case_urls(pk: int) -> dict[str, str]:
    """The case page's links for case `pk` (`{{ urls.message }}` etc.)."""
    urls = {key: case_url(name) for key, name in LIST_URLS.items()}
    urls.update((key, case_url(name, pk)) for key, name in CASE_URLS.items())
    return urls


def _moment(value: Any, form: str) -> str:
    """`{{ value|date:form }}` as the template gives it (in the current time zone)."""
    return date_filter(template_localtime(value), form)


def _time(value: Any) -> SafeString:
    """`<time datetime="{{ value|date:'c' }}">{{ value|date:"j F Y H:i" }}</time>`, for a
    moment (the date filter parses its format and looks up the month's name on every call;
    `tests` compare the two)."""
    if not isinstance(value, datetime):
        return format_html(
            '<time datetime="{}">{}</time>', _moment(value, "c"), _moment(value, "j F Y H:i")
        )
    local = template_localtime(value)
    text = f"{local.day} {MONTHS[local.month]} {local.year:04d} {local.hour:02d}:{local.minute:02d}"
    return format_html('<time datetime="{}">{}</time>', local.isoformat(), text)


def _text(value: str) -> SafeString:
    """`{{ value|linebreaksbr }}`: escaped, line breaks as <br>."""
    return linebreaksbr(value, autoescape=True)


def reply_rows(replies: Iterable[Any]) -> tuple[SafeString, SafeString]:
    """The standard replies: an `<option>` each for the list, a `<template>` each with the
    text the script puts in the message box."""
    replies = list(replies)
    options = format_html_join(
        "", '<option value="{}">{}</option>', ((reply.pk, reply.title) for reply in replies)
    )
    texts = format_html_join(
        "",
        '<template id="reply-{}">{}</template>',
        ((reply.pk, reply.body) for reply in replies),
    )
    return options, texts


def new_badge() -> SafeString:
    """incidents/_new_badge.html."""
    w = _words()
    return format_html(
        '<span class="new-badge">{}<span class="visually-hidden"> {}</span></span>',
        w["Nieuw"],
        w["sinds uw vorige bezoek"],
    )


def thread_rows(thread: Iterable[Any], *, is_reporter: bool) -> SafeString:
    """The `<li>` of each message of the conversation with the reporter."""
    w = _words()
    network = w["Netwerk Weerbaar Bestuur"]
    reporter = w["U"] if is_reporter else w["Melder"]
    badge = None
    rows = []
    for item in thread:
        is_new = getattr(item, "is_new", False)
        if is_new and badge is None:
            badge = format_html("{} ", new_badge())
        if item.from_staff:
            who = network if is_reporter else format_html("{} ({})", network, item.author)
        else:
            who = reporter
        rows.append(
            format_html(
                '<li class="message {}{}">\n<p class="message-meta small mb-1">'
                '{}<strong>{}</strong>, {}</p>\n<p class="mb-0">{}</p>\n</li>',
                "from-staff" if item.from_staff else "from-reporter",
                " is-new" if is_new else "",
                badge if is_new else "",
                who,
                _time(item.created_at),
                _text(item.body),
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - each row is format_html's


def note_rows(notes: Iterable[Any]) -> SafeString:
    """The internal notes, or the line that there are none."""
    rows = format_html_join(
        "\n",
        '<div class="note"><p class="small mb-1"><strong>{}</strong>, {}</p>'
        '<p class="mb-0">{}</p></div>',
        ((note.author, _time(note.created_at), _text(note.body)) for note in notes),
    )
    return rows or format_html("<p>{}</p>", _words()["Nog geen notities."])


def event_rows(events: Iterable[Any], *, with_actor: bool) -> SafeString:
    """The timeline's `<li>`s; `with_actor`: who did it (not for the reporter)."""
    badge = format_html("{} ", new_badge())
    return format_html_join(
        "",
        "<li>{}{}: {}{}</li>",
        (
            (
                badge if getattr(event, "is_new", False) else "",
                _time(event.at),
                event.description,
                format_html(" ({})", event.actor) if with_actor and event.actor else "",
            )
            for event in events
        ),
    )


def step_rows(steps: Iterable[Any], *, is_reporter: bool, can_tick: bool) -> SafeString:
    """The stappenplan's `<li>`s; `can_tick`: an "Afvinken" button on each open step (inside
    the one form of incidents/_case_steps.html)."""
    w = _words()
    done_label, open_label = w["gedaan"], w["nog niet gedaan"]
    tick_label = w["Afvinken"]
    rows = []
    for step in steps:
        name = step.get_step_display()
        if step.is_done:
            state = format_html(
                '<span class="visually-hidden">{}</span>'
                '<span class="small text-muted d-block">{}{}</span>',
                done_label,
                "" if is_reporter else format_html("{}, ", step.done_by),
                _time(step.done_at),
            )
        else:
            button = ""
            if can_tick:
                button = format_html(
                    '\n<button type="submit" name="step" value="{}" class="btn btn-link btn-sm'
                    ' p-0 ms-1" aria-label="{}: {}">{}</button>',
                    step.step,
                    tick_label,
                    name,
                    tick_label,
                )
            state = format_html('<span class="visually-hidden">{}</span>{}', open_label, button)
        rows.append(
            format_html(
                '<li class="{}">\n<span class="step-mark" aria-hidden="true">{}</span>\n'
                '<span class="step-body"><span class="step-name">{}</span>\n{}</span>\n</li>',
                "is-done" if step.is_done else "",
                "✓" if step.is_done else "○",
                name,
                state,
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - each row is format_html's


def _or_dash(value: Any) -> Any:
    """`|default:"—"`."""
    return value or "—"


def _yes_no(value: Any) -> str:
    """`|yesno:_("ja,nee")`."""
    yes, no = _words()["ja,nee"].split(",")[:2]
    return yes if value else no


def facts(incident: Any, *, is_concerned: bool) -> SafeString:
    """incidents/_facts.html: what the report says, one `<dt>`/`<dd>` pair a fact."""
    w = _words()
    when: Any = "—"
    if incident.occurred_on:
        day = incident.occurred_on
        when = f"{day.day} {MONTHS[day.month]} {day.year:04d}"
        if incident.occurred_time:
            when += f", {incident.occurred_time.hour:02d}:{incident.occurred_time.minute:02d}"
    police: Any = _or_dash(incident.get_police_report_display())
    if incident.police_reference:
        police = format_html(
            "{} ({} {})", police, w["registratienummer"], incident.police_reference
        )
    municipality = incident.municipality.name if incident.municipality else ""
    pairs: list[tuple[str, Any]] = [
        (w["Soort"], _or_dash(", ".join(map(str, incident.kind_labels)))),
        (w["Hoe of waar"], _or_dash(incident.get_channel_display())),
        (w["Wanneer"], when),
        (w["Gemeente"], _or_dash(municipality)),
        (w["Gericht tegen"], _or_dash(", ".join(map(str, incident.target_labels)))),
        (w["Dader bekend"], _or_dash(incident.get_perpetrator_known_display())),
    ]
    if incident.perpetrator_details:
        pairs.append((w["Over de dader"], _text(incident.perpetrator_details)))
    pairs += [
        (w["Gaat het nog door"], _or_dash(incident.get_ongoing_display())),
        (w["Direct gevaar"], _yes_no(incident.immediate_danger)),
        (w["Wat is er gebeurd"], _or_dash(_text(incident.description))),
        (w["Politie"], police),
        (w["VPT-code"], _or_dash(incident.get_vpt_code_display())),
        (w["Gevolgen"], _or_dash(_text(incident.impact))),
        (w["Invloed op besluiten"], _or_dash(incident.get_affects_decisions_display())),
        (w["Wil ondersteuning"], _yes_no(incident.wants_support)),
    ]
    if not is_concerned:
        contact: Any = _or_dash(incident.get_contact_preference_display())
        if incident.contact_phone:
            contact = format_html("{}, {}", contact, incident.contact_phone)
        pairs.append((w["Contact via"], contact))
    return format_html(
        '<dl class="summary-list">\n{}\n</dl>',
        format_html_join("\n", "  <dt>{}</dt><dd>{}</dd>", pairs),
    )

"""Staff-maintained content in the reader's language.

Questions, answers, advice and measure types are data that BZK staff edit in the admin, not
interface text in code, so gettext (whose catalogue is built from the code) cannot translate
them. Such content keeps its Dutch field and gets an English field next to it (`text` and
`text_en`). `localized(obj, "text")` returns the field for the active language and falls back to
Dutch when there is no translation, so content staff have not translated yet is still shown,
in Dutch, never as an empty line.
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import translation

SOURCE_LANGUAGE = "nl"


def content_language(language: str | None = None) -> str:
    """The language content is shown in: the one asked for, else the active one, as one of
    settings.LANGUAGES ("en-gb" is "en"); anything unknown is Dutch."""
    code = (language or translation.get_language() or SOURCE_LANGUAGE).split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else SOURCE_LANGUAGE


def translated_field(field: str, language: str) -> str:
    return field if language == SOURCE_LANGUAGE else f"{field}_{language}"


def localized(obj: Any, field: str, language: str | None = None) -> Any:
    """`obj.<field>` in the active (or the given) language, Dutch when the translation is
    missing or blank."""
    dutch = getattr(obj, field)
    name = translated_field(field, content_language(language))
    if name != field:
        value = getattr(obj, name, "")
        if value and str(value).strip():
            return value
    return dutch


def localized_label(
    code: str, dutch: str, translations: Mapping[str, Any] | None, language: str | None = None
) -> str:
    """A label kept in a {code: label} mapping per language (such as the measure types of a
    grant scheme), with the same fallback to Dutch."""
    if content_language(language) == SOURCE_LANGUAGE or not translations:
        return dutch
    value = translations.get(code)
    return value if isinstance(value, str) and value.strip() else dutch

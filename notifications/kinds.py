"""The kinds of notice, each registered by the app that sends it (in its own notices.py)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_KINDS: dict[str, "Kind"] = {}


@dataclass(frozen=True)
class Kind:
    """A kind of notice.

    - `code`: "<app>.<what>", stored on each row.
    - `label`: what staff see in the delivery overview.
    - `subject_template`, `body_template`: rendered at delivery in the recipient's language with
      `link`, `notification`, `subject` (the object the notice is about) and `context(row)`.
      They carry a link and at most a reference, never case content.
    - `link(row)`: the path the mail links to (made absolute with SITE_URL).
    - `still_wanted(row)`: checked right before sending; False withdraws the notice (the
      recipient may no longer open the object, the invitation was withdrawn, ...).
    - `on_sent(row)`: runs after the sent mark is committed (e.g. a timestamp on the object).
    """

    code: str
    label: "StrOrPromise"
    subject_template: str
    body_template: str
    link: Callable[[Any], str]
    context: Callable[[Any], dict[str, Any]] = field(default=lambda row: {})
    still_wanted: Callable[[Any], bool] = field(default=lambda row: True)
    on_sent: Callable[[Any], None] | None = None


def register(kind: Kind) -> Kind:
    if kind.code in _KINDS and _KINDS[kind.code] != kind:
        raise ValueError(f"notice kind {kind.code} registered twice")
    _KINDS[kind.code] = kind
    return kind


def get(code: str) -> Kind:
    return _KINDS[code]


def label(code: str) -> "StrOrPromise":
    kind = _KINDS.get(code)
    return kind.label if kind else code


def all_kinds() -> dict[str, Kind]:
    return dict(_KINDS)

"""Dutch words for the `what` codes of audit rows, so no page shows a raw code.

The parts a reader can open are the same in every app and are named here. An app that records
changes under its own codes (a case's event kinds, say) registers their labels from its
AppConfig.ready(): audit sits below those apps and never imports them.
"""

from django.utils.translation import gettext_lazy as _

READ_PARTS = {
    "detail": _("de gegevens"),
    "pdf": _("de pdf"),
    "dossier": _("het dossier (pdf)"),
    "evidence": _("een bewijsstuk"),
    "attachment": _("een bijlage"),
    "letter": _("de beschikking"),
}

# Changes a person makes to their own account (accounts announces them, see accounts/hooks.py;
# accounts sits below audit and cannot register its own labels).
ACCOUNT_CHANGES = {
    "name_changed": _("Naam gewijzigd"),
    "chair_marked": _("Aangewezen als voorzitter (dijkgraaf)"),
    "chair_unmarked": _("Niet langer voorzitter (dijkgraaf)"),
}

_labels = {**READ_PARTS, **ACCOUNT_CHANGES}


def register(choices) -> None:
    """Add labels for an app's own codes: a mapping or (code, label) pairs, e.g. a TextChoices'
    `.choices`. A code that is already named keeps its first label."""
    items = choices.items() if hasattr(choices, "items") else choices
    for code, label in items:
        _labels.setdefault(str(code), label)


def label_of(code: str) -> str:
    """The Dutch words for a code; an unregistered code is shown as a neutral word, never raw."""
    if not code:
        return ""
    return _labels.get(code, _("een ander onderdeel"))

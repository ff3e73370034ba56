"""The error summary at the top of a form shown again with its errors.

Each item names the field and its message and links to the field, so a person who hears or sees
the summary first (static/js/portal.js focuses it) can go straight to what needs fixing:

    {% load form_errors %}{% error_summary form %}
    {% error_summary formset row_label=_("Maatregel") %}   "Maatregel 2, bedrag: ..."

Errors that belong to no field (a form's non-field errors, a formset's non-form errors) are
items without a link. Several forms may be passed; those without errors add nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.forms import BaseForm, BaseFormSet, BoundField
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class SummaryItem:
    text: str
    target: str = ""  # the id of the element the item links to; empty: no link


def field_target(field: BoundField) -> str:
    """The id the summary links to: the field itself or, for a group of radios or boxes, its
    first option (the group has no id of its own)."""
    if field.id_for_label:
        return str(field.id_for_label)
    for option in field.subwidgets:
        if option.id_for_label:
            return str(option.id_for_label)
    return ""


def _label(field: BoundField, row: str) -> str:
    label = str(field.label or field.name)
    if row:
        # "Maatregel 2, bedrag": the field's name continues the sentence (not "KvK-nummer").
        if len(label) > 1 and label[1:2].islower():
            label = label[:1].lower() + label[1:]
        return f"{row}, {label}"
    return label


def form_items(form: BaseForm, row: str = "") -> list[SummaryItem]:
    """The summary items of one form, in the order of its fields, non-field errors first."""
    items = [
        SummaryItem(f"{row}: {error}" if row else str(error)) for error in form.non_field_errors()
    ]
    for field in form:
        if not field.errors:
            continue
        text = f"{_label(field, row)}: {' '.join(str(e) for e in field.errors)}"
        items.append(SummaryItem(text, "" if field.is_hidden else field_target(field)))
    # Errors added to a field the form does not render (a hidden field's are above).
    for name, errors in form.errors.items():
        if name != "__all__" and name not in form.fields:
            items.extend(SummaryItem(str(error)) for error in errors)
    return items


def formset_items(formset: BaseFormSet, row_label: str = "") -> list[SummaryItem]:
    items = [SummaryItem(str(error)) for error in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        row = f"{row_label or _('Regel')} {number}"
        items.extend(form_items(form, row=row))
    return items


def summary_items(*forms: Any, row_label: str = "") -> list[SummaryItem]:
    items: list[SummaryItem] = []
    for form in forms:
        if isinstance(form, BaseFormSet):
            if form.is_bound and not form.is_valid():
                items.extend(formset_items(form, row_label))
        elif isinstance(form, BaseForm) and form.errors:
            items.extend(form_items(form))
    return items


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms: Any, title: str = "", row_label: str = "") -> dict[str, Any]:
    """The summary box for the forms given (nothing when none of them has errors)."""
    return {"items": summary_items(*forms, row_label=row_label), "title": title}

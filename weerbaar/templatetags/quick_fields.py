"""`{{ form.field|quick_field }}`: the markup of crispy-bootstrap5's `as_crispy_field` for a
text box (Textarea) or a single choice list (Select), built in Python.

crispy renders a field through five nested templates and Django's widget templates (one more per
option of a list); on the staff case page its four fields took about a third of the template's
time. This filter gives the same elements and attributes (label with the required mark, the
widget with `is-invalid`, `aria-invalid` and `aria-describedby`, the error block and the help
text), which `tests/test_quick_fields.py` compares with crispy's own output field by field. Any
other widget is handed to crispy unchanged.
"""

from __future__ import annotations

from typing import Any

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.forms import BoundField
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_CLASSES: dict[type, str] = {
    forms.Textarea: "textarea form-control",
    forms.Select: "select form-select",
}


@register.filter
def quick_field(field: BoundField) -> SafeString:
    widget = field.field.widget
    base_class = _CLASSES.get(type(widget))
    if base_class is None or getattr(widget, "allow_multiple_selected", False):
        return as_crispy_field(field)
    field_id = field.auto_id
    classes = [str(widget.attrs.get("class", "")), base_class]
    describedby = []
    if field.help_text:
        describedby.append(f"{field_id}_helptext")
    if field.errors:
        classes.append("is-invalid")  # aria-invalid comes with build_widget_attrs()
        describedby.append(f"{field_id}_error")
    attrs: dict[str, Any] = field.build_widget_attrs(
        {**widget.attrs, "class": " ".join(filter(None, classes))}
    )
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    attrs["name"] = field.html_name
    attrs["id"] = field_id
    attrs = {name: value for name, value in attrs.items() if value is not False}
    value = widget.format_value(field.value())
    if isinstance(widget, forms.Select):
        chosen = {str(v) for v in value}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option, mark_safe(" selected") if str(option) in chosen else "", label)
                for option, label in getattr(field.field, "choices", ())
            ),
        )
        control = format_html("<select{}>{}</select>", flatatt(attrs), options)
    else:
        control = format_html(
            "<textarea{}>\n{}</textarea>", flatatt(attrs), "" if value is None else value
        )
    required = field.field.required
    label = format_html(
        '<label for="{}" class="form-label{}">{}{}</label>',
        field_id,
        " requiredField" if required else "",
        field.label,
        mark_safe('<span class="asteriskField">*</span>') if required else "",
    )
    errors = ""
    if field.errors:
        errors = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((n, field_id, error) for n, error in enumerate(field.errors, start=1)),
            ),
        )
    help_text = ""
    if field.help_text:
        # As crispy (`|safe`): help text is the portal's own, written in its forms.
        help_text = format_html(
            '<div id="{}_helptext" class="form-text">{}</div>',
            field_id,
            mark_safe(str(field.help_text)),  # noqa: S308
        )
    return format_html(
        '<div id="div_{}" class="mb-3">{}{}{}{}</div>', field_id, label, control, errors, help_text
    )

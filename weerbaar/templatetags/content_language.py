"""`{{ question|localized:"text" }}`: staff-maintained content in the active language."""

from typing import Any

from django import template

from weerbaar.content_language import localized as _localized

register = template.Library()


@register.filter
def localized(obj: Any, field: str) -> Any:
    return _localized(obj, field)

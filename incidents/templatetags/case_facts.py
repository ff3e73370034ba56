"""`{% case_facts %}`: the facts of the report (incidents/_facts.html), built in Python."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from incidents.case_page import facts

register = template.Library()


@register.simple_tag(takes_context=True)
def case_facts(context: Any) -> SafeString:
    return facts(context["incident"], is_concerned=bool(context.get("is_concerned")))

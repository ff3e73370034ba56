from django import template

from accounts.quick_exit import quick_exit_token

register = template.Library()


@register.simple_tag(takes_context=True)
def quick_exit_token_for(context):
    """The signed token the "Snel weg" beacon sends, for the person viewing the page."""
    user = context["request"].user
    return quick_exit_token(user) if user.is_authenticated else ""

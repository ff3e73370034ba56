from django import template

from accounts.quick_exit import quick_exit_token

register = template.Library()


@register.simple_tag(takes_context=True)
def quick_exit_token_for(context):
    """The signed token the "Snel weg" beacon sends, for the person viewing the page."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return quick_exit_token(user) if user is not None and user.is_authenticated else ""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


def format_euro(value) -> str:
    """€ 1.250,50 — Dutch grouping and decimal comma, whatever the active language."""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    text = f"{amount:,.2f}".replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return f"€\u00a0{text}"


register.filter("euro", format_euro)

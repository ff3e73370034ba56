"""Euro amounts: Dutch and plain input, clear Dutch errors, exact Decimal arithmetic."""

from decimal import Decimal

import pytest

from subsidies.forms import EuroField
from subsidies.templatetags.subsidies_tags import format_euro


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.250,50", "1250.50"),
        ("1250.50", "1250.50"),
        ("1250,5", "1250.50"),
        ("€ 1.250", "1250.00"),
        ("1.250.000", "1250000.00"),
        ("0,10", "0.10"),
        ("12", "12.00"),
    ],
)
def test_accepted_input(text, amount):
    assert EuroField().clean(text) == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "Een bedrag kan niet negatief zijn."),
        ("-1.250,00", "Een bedrag kan niet negatief zijn."),
        ("12,345", "Gebruik hoogstens twee cijfers achter de komma (centen)."),
        ("1.2.3", "Vul een bedrag in euro's in, bijvoorbeeld 1.250,50."),
        ("duizend", "Vul een bedrag in euro's in, bijvoorbeeld 1.250,50."),
        ("150.000,01", "Het bedrag is hoger dan het maximum van €\xa0150.000,00."),
    ],
)
def test_refused_input_with_a_dutch_message(text, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        EuroField(max_amount=Decimal("150000.00")).clean(text)
    assert error.value.messages == [message]


def test_amounts_are_shown_the_dutch_way():
    assert format_euro(Decimal("1250.5")) == "€\xa01.250,50"
    assert format_euro(Decimal("3000000")) == "€\xa03.000.000,00"
    assert format_euro(None) == ""


def test_cents_add_up_exactly():
    field = EuroField()
    total = sum((field.clean(x) for x in ["0,10", "0,20", "0,30"]), Decimal("0"))
    assert total == Decimal("0.60")

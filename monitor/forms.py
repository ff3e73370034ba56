import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from . import dimensions as dims
from .selectors import StaffFilters, province_names

MAX_MONTHS = 10 * 12
# Reports exist from the portal's start on; a month outside these years is a typing error (and
# the last months of year 9999 have no month after them to count up to).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _first_of_month(value):
    return date(value.year, value.month, 1)


class MonthField(forms.DateField):
    """A month as YYYY-MM (the browser's month picker), or a full date, from 2000 to 2100."""

    input_formats = ["%Y-%m", "%Y-%m-%d"]
    widget = forms.DateInput(
        attrs={"type": "month", "min": f"{FIRST_YEAR}-01", "max": f"{LAST_YEAR}-12"},
        format="%Y-%m",
    )
    default_error_messages = {
        "invalid": _("Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01."),
        "out_of_range": _("Kies een maand tussen 2000 en 2100."),
    }

    def to_python(self, value):
        # A year the calendar cannot parse (0000) is out of range too, not badly written.
        shape = (
            re.fullmatch(r"\s*(\d{4})-(\d{2})(-\d{2})?\s*", value)
            if isinstance(value, str)
            else None
        )
        if (
            shape
            and 1 <= int(shape.group(2)) <= 12
            and not FIRST_YEAR <= int(shape.group(1)) <= LAST_YEAR
        ):
            raise forms.ValidationError(self.error_messages["out_of_range"], code="out_of_range")
        month = super().to_python(value)
        if month is not None and not FIRST_YEAR <= month.year <= LAST_YEAR:
            raise forms.ValidationError(self.error_messages["out_of_range"], code="out_of_range")
        return month


def _office_choices():
    return [("", _("Alle functies")), *[(c, n) for c, n in dims.choices_for("office") if c]]


def _province_choices():
    return [("", _("Alle provincies")), *province_names().items()]


class StaffFilterForm(forms.Form):
    start = MonthField(label=_("Van (maand)"), required=False)
    end = MonthField(label=_("Tot en met (maand)"), required=False)
    office_type = forms.ChoiceField(label=_("Functie van de melder"), required=False)
    province = forms.ChoiceField(label=_("Provincie"), required=False)
    per = forms.ChoiceField(
        label=_("Trend per"),
        choices=[("maand", _("maand")), ("kwartaal", _("kwartaal"))],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office_type"].choices = _office_choices()
        self.fields["province"].choices = _province_choices()
        for name, message in (
            ("office_type", _("Kies een functie uit de lijst.")),
            ("province", _("Kies een provincie uit de lijst.")),
            ("per", _("Kies per maand of per kwartaal.")),
        ):
            self.fields[name].error_messages["invalid_choice"] = message

    def clean(self):
        data = super().clean()
        default = StaffFilters.default()
        start = _first_of_month(data.get("start") or default.start)
        end = _first_of_month(data.get("end") or default.end)
        if start > end:
            raise forms.ValidationError(_("De beginmaand ligt na de eindmaand."))
        if (end.year - start.year) * 12 + end.month - start.month >= MAX_MONTHS:
            raise forms.ValidationError(_("Kies een periode van hoogstens tien jaar."))
        data["filters"] = StaffFilters(
            start=start,
            end=end,
            office_type=data.get("office_type") or None,
            province_code=data.get("province") or None,
            per_quarter=data.get("per") == "kwartaal",
        )
        return data


class SharedFilterForm(forms.Form):
    """Only a year: the shared release is one-way tables of a closed year, no filters (each
    filter would be a cross-table, and cross-tables make small numbers recoverable)."""

    year = forms.TypedChoiceField(label=_("Jaar"), coerce=int, required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "Kies een jaar uit de lijst: alleen afgesloten jaren worden gedeeld."
        )

    def clean(self):
        data = super().clean()
        data["year"] = data.get("year") or (self.years[0] if self.years else None)
        return data

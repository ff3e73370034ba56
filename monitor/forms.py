from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from . import dimensions as dims
from .selectors import StaffFilters, province_names

MAX_MONTHS = 10 * 12


def _first_of_month(value):
    return date(value.year, value.month, 1)


class MonthField(forms.DateField):
    """A month as YYYY-MM (the browser's month picker), or a full date."""

    input_formats = ["%Y-%m", "%Y-%m-%d"]
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    default_error_messages = {"invalid": _("Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01.")}


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
    """One year and at most one filter: the suppression is solved for exactly these views."""

    year = forms.TypedChoiceField(label=_("Jaar"), coerce=int, required=False)
    office_type = forms.ChoiceField(label=_("Functie van de melder"), required=False)
    province = forms.ChoiceField(label=_("Provincie"), required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["office_type"].choices = _office_choices()
        self.fields["province"].choices = _province_choices()

    def clean(self):
        data = super().clean()
        if data.get("office_type") and data.get("province"):
            raise forms.ValidationError(
                _(
                    "Kies één filter: een functie of een provincie, niet allebei. Zo blijven "
                    "kleine aantallen onherleidbaar."
                )
            )
        data["year"] = data.get("year") or (self.years[0] if self.years else None)
        return data

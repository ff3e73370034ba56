"""Forms. Each form holds only the fields its role may set; status and owner never appear."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors
from .models import Advice, AttachmentKind, Outcome
from .templatetags.subsidies_tags import format_euro

# Dutch thousands with dots and no decimals: "1.250" or "1.250.000".
DUTCH_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_euro(text):
    """'1.250,50', '1250,50', '1250.50', '€ 1.250' → Decimal; ValueError when not a number."""
    cleaned = text.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif DUTCH_THOUSANDS.match(cleaned.lstrip("-")):
        cleaned = cleaned.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        raise ValueError(text)
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(text) from error


class EuroField(forms.CharField):
    """An amount in euros: Dutch or plain input, never negative, at most two decimals."""

    def __init__(self, *, max_amount=None, **kwargs):
        self.max_amount = max_amount
        kwargs.setdefault(
            "help_text", gettext_lazy("In euro's, bijvoorbeeld 1.250,50. Zonder €-teken mag ook.")
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_euro(value).replace("€\u00a0", "")
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            amount = parse_euro(value)
        except ValueError:
            raise ValidationError(
                _("Vul een bedrag in euro's in, bijvoorbeeld 1.250,50."), code="invalid"
            ) from None
        if amount < 0:
            raise ValidationError(_("Een bedrag kan niet negatief zijn."), code="negative")
        if amount.as_tuple().exponent < -2:
            raise ValidationError(
                _("Gebruik hoogstens twee cijfers achter de komma (centen)."), code="decimals"
            )
        if self.max_amount is not None and amount > self.max_amount:
            raise ValidationError(
                _("Het bedrag is hoger dan het maximum van %(max)s.")
                % {"max": format_euro(self.max_amount)},
                code="max",
            )
        if amount >= Decimal("10000000000"):
            raise ValidationError(_("Dit bedrag is te hoog."), code="too_large")
        return amount.quantize(Decimal("0.01"))


class StartForm(forms.Form):
    body = forms.ModelChoiceField(
        label=gettext_lazy("Voor welke overheid vraagt u aan?"), queryset=None, empty_label=None
    )

    def __init__(self, *args, user, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.bodies_to_apply_for(user, scheme)


class SituationForm(forms.Form):
    current_situation = forms.CharField(
        label=gettext_lazy("Hoe ziet de vergadersituatie er nu uit?"),
        help_text=gettext_lazy(
            "Bijvoorbeeld de indeling van de zaal, de publieke tribune, uitgangen."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
    )
    incidents = forms.CharField(
        label=gettext_lazy("Welke incidenten zijn de aanleiding?"),
        help_text=gettext_lazy(
            "Beschrijf wat er gebeurde, zonder namen van personen. Dit wordt versleuteld bewaard."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
    )


class MeasureLineForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Soort maatregel"), required=False)
    description = forms.CharField(
        label=gettext_lazy("Omschrijving"), required=False, max_length=1000
    )
    cost = EuroField(label=gettext_lazy("Kosten"), required=False)

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Kies een soort")), *scheme.measure_choices]
        self.fields["cost"].max_amount = scheme.max_per_applicant

    def clean(self):
        data = super().clean()
        filled = [data.get("kind"), data.get("description"), data.get("cost") is not None]
        if any(filled) and not all(filled):
            if not data.get("kind"):
                self.add_error("kind", _("Kies de soort maatregel."))
            if not data.get("description"):
                self.add_error("description", _("Beschrijf de maatregel."))
            if data.get("cost") is None and "cost" not in self.errors:
                self.add_error("cost", _("Vul de kosten in."))
        return data

    @property
    def is_blank(self):
        data = getattr(self, "cleaned_data", {})
        return not (data.get("kind") or data.get("description") or data.get("cost") is not None)


class BaseMeasureLineFormSet(forms.BaseFormSet):
    def lines(self):
        return [
            {key: form.cleaned_data[key] for key in ("kind", "description", "cost")}
            for form in self.forms
            if not form.is_blank and not form.cleaned_data.get("DELETE")
        ]


MeasureLineFormSet = forms.formset_factory(
    MeasureLineForm, formset=BaseMeasureLineFormSet, extra=2, can_delete=True, max_num=30
)


class PlanningForm(forms.Form):
    planning = forms.CharField(
        label=gettext_lazy("Planning"),
        help_text=gettext_lazy("Wanneer voert u de maatregelen uit?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=3000,
    )
    co_financing = EuroField(label=gettext_lazy("Eigen bijdrage of cofinanciering"), required=False)
    co_financing_note = forms.CharField(
        label=gettext_lazy("Toelichting op de cofinanciering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def clean_co_financing(self):
        return self.cleaned_data["co_financing"] or Decimal("0.00")


class ContactForm(forms.Form):
    contact_name = forms.CharField(
        label=gettext_lazy("Naam contactpersoon"), required=False, max_length=150
    )
    contact_email = forms.EmailField(label=gettext_lazy("E-mailadres"), required=False)
    contact_phone = forms.CharField(
        label=gettext_lazy("Telefoonnummer"), required=False, max_length=30
    )


class AttachmentForm(forms.Form):
    # No default kind: the griffier chooses what the file is (a preselected kind filed
    # quotes as budgets unnoticed).
    kind = forms.ChoiceField(
        label=gettext_lazy("Soort bijlage"),
        choices=[("", gettext_lazy("— kies het soort bijlage —")), *AttachmentKind.choices],
        error_messages={"required": gettext_lazy("Kies het soort bijlage.")},
    )
    file = forms.FileField(
        label=gettext_lazy("Bestand"),
        help_text=gettext_lazy("PDF, JPEG of PNG, hoogstens 10 MB."),
    )

    def __init__(self, *args, scheme=None, **kwargs):
        super().__init__(*args, **kwargs)
        if scheme is not None:
            self.fields["kind"].choices = [
                ("", gettext_lazy("— kies het soort bijlage —")),
                *((kind.value, kind.label) for kind in scheme.attachment_kinds),
            ]
            if scheme.is_for_officeholders:
                self.fields["kind"].help_text = gettext_lazy(
                    "Heeft de politie of een beveiligingsadviseur u geadviseerd? Voeg dat advies "
                    "toe naast de offertes."
                )


class TransitionForm(forms.Form):
    # Only asking for more information takes a reason (workflow.NEEDS_REASON).
    reason = forms.CharField(
        label=gettext_lazy("Welke informatie ontbreekt?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class AssessmentForm(forms.Form):
    body_eligible = forms.BooleanField(
        label=gettext_lazy("De overheid mag aanvragen"), required=False
    )
    measures_eligible = forms.BooleanField(
        label=gettext_lazy("De maatregelen vallen onder de regeling"), required=False
    )
    attachments_complete = forms.BooleanField(
        label=gettext_lazy("De verplichte bijlagen zijn compleet"), required=False
    )
    costs_reasonable = forms.BooleanField(
        label=gettext_lazy("De kosten zijn redelijk"), required=False
    )
    # No preselected score or advice: the staff member chooses both.
    score = forms.TypedChoiceField(
        label=gettext_lazy("Score"),
        choices=[("", gettext_lazy("— kies een score —")), *[(i, str(i)) for i in range(1, 6)]],
        coerce=int,
        empty_value=None,
        help_text=gettext_lazy("1 is zwak, 5 is sterk."),
        error_messages={"required": gettext_lazy("Kies een score van 1 tot en met 5.")},
    )
    advice = forms.ChoiceField(
        label=gettext_lazy("Advies"),
        choices=[("", gettext_lazy("— kies een advies —")), *Advice.choices],
        error_messages={"required": gettext_lazy("Kies een advies.")},
    )
    notes = forms.CharField(
        label=gettext_lazy("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Besluit"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    effective_date = forms.DateField(
        label=gettext_lazy("Ingangsdatum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Leeg: vandaag."),
    )
    explanation = forms.CharField(
        label=gettext_lazy("Motivering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
    )
    conditions = forms.CharField(
        label=gettext_lazy("Extra voorwaarden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"amount_{line.pk}"] = EuroField(
                label=_("Toegekend voor: %(description)s") % {"description": line.description},
                required=False,
                max_amount=line.cost,
                help_text=_("Gevraagd: %(cost)s. Alleen bij deels toekennen.")
                % {"cost": format_euro(line.cost)},
                initial=line.cost,
            )

    @property
    def amount_fields(self):
        return [self[f"amount_{line.pk}"] for line in self.lines]

    def amounts(self):
        return {
            line.pk: self.cleaned_data.get(f"amount_{line.pk}") or Decimal("0.00")
            for line in self.lines
        }


class PaymentForm(forms.Form):
    amount = EuroField(label=gettext_lazy("Uitbetaald bedrag"))


class InvoiceForm(forms.Form):
    prefix = "invoice"

    file = forms.FileField(
        label=gettext_lazy("Factuur"),
        help_text=gettext_lazy("PDF, JPEG of PNG, hoogstens 10 MB."),
        error_messages={"required": gettext_lazy("Kies het bestand van de factuur.")},
    )


class AccountForm(forms.Form):
    what_was_done = forms.CharField(
        label=gettext_lazy("Wat heeft u gedaan?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    actual_costs = EuroField(label=gettext_lazy("Werkelijke kosten"))
    lessons = forms.CharField(
        label=gettext_lazy("Wat heeft u geleerd?"),
        help_text=gettext_lazy(
            "Dit kan met andere overheden worden gedeeld als praktijkvoorbeeld."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class AccountDueDateForm(forms.Form):
    """BZK moves the date by which one grant's account is due."""

    due_on = forms.DateField(
        label=gettext_lazy("Nieuwe uiterste datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reden"),
        help_text=gettext_lazy("Blijft bij BZK; de aanvrager ziet alleen de nieuwe datum."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        # Its own ids: the page may hold another form with a `reason` field.
        kwargs.setdefault("auto_id", "id_due_%s")
        super().__init__(*args, **kwargs)


class AccountReturnForm(forms.Form):
    """BZK sends the account back with a question instead of approving it."""

    question = forms.CharField(
        label=gettext_lazy("Uw vraag aan de aanvrager"),
        help_text=gettext_lazy(
            "De aanvrager leest de vraag na het inloggen en dient de verantwoording opnieuw in."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_return_%s")
        super().__init__(*args, **kwargs)


class OnBehalfStartForm(forms.Form):
    """The chair chooses the officeholder (of a body they chair) they apply for."""

    assignment = forms.ModelChoiceField(
        label=gettext_lazy("Namens wie vraagt u aan?"),
        help_text=gettext_lazy(
            "De ambtsdrager krijgt bericht en moet eerst toestemming geven. Tot dan ziet u niets "
            "van de aanvraag."
        ),
        queryset=None,
        empty_label=gettext_lazy("— kies een ambtsdrager —"),
        error_messages={
            "required": gettext_lazy("Kies de ambtsdrager namens wie u aanvraagt."),
            "invalid_choice": gettext_lazy("Kies de ambtsdrager namens wie u aanvraagt."),
        },
    )

    def __init__(self, *args, user, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["assignment"]
        field.queryset = selectors.on_behalf_candidates(user, scheme)
        field.label_from_instance = lambda role: (
            f"{role.user.full_name or role.user.email} ({role.get_office_type_display()}, "
            f"{role.body})"
        )


class ConsentForm(forms.Form):
    """The officeholder's answer to a chair's request to apply on their behalf."""

    GIVE, WITHDRAW, DECLINE = "give", "withdraw", "decline"
    answer = forms.ChoiceField(
        choices=[
            (GIVE, gettext_lazy("Toestemming geven")),
            (WITHDRAW, gettext_lazy("Toestemming intrekken")),
            (DECLINE, gettext_lazy("Geen toestemming")),
        ]
    )

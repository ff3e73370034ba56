"""Forms take only the fields a role may set; the provider is chosen from the organisations
the person may offer trainings for, and the status of a sign-up changes through the actions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from network.models import PartnerOrganisation

from .models import Office

LOCAL_MINUTE = "%Y-%m-%dT%H:%M"
MAX_CAPACITY = 500


class CatalogueFilterForm(forms.Form):
    voor = forms.ChoiceField(
        label=_("Voor wie"), required=False, choices=[("", _("Iedereen")), *Office.choices]
    )


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    topic = forms.CharField(
        label=_("Onderwerp"),
        max_length=200,
        help_text=_("Bijvoorbeeld: omgaan met agressie, integriteit, veilig vergaderen."),
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Wat leren de deelnemers, hoe lang duurt het, wat moeten zij voorbereiden?"),
    )
    audience = forms.MultipleChoiceField(
        label=_("Voor wie"),
        choices=Office.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies voor wie de training is.")},
    )
    provider = forms.ModelChoiceField(
        label=_("Aanbieder"),
        queryset=PartnerOrganisation.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args, providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        provider = self.fields["provider"]
        if providers is None:
            del self.fields["provider"]  # editing: the provider stays
        else:
            assert isinstance(provider, forms.ModelChoiceField)
            provider.queryset = providers

    @classmethod
    def initial_for(cls, training):
        return {
            "title": training.title,
            "topic": training.topic,
            "description": training.description,
            "audience": [office for office in Office.values if getattr(training, f"for_{office}")],
        }

    def training_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in ("title", "topic", "description")}
        for office in Office.values:
            fields[f"for_{office}"] = office in data["audience"]
        return fields


def _moment(label):
    return forms.DateTimeField(
        label=label,
        input_formats=[LOCAL_MINUTE],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE),
    )


class SessionForm(forms.Form):
    starts_at = _moment(_("Begint op"))
    ends_at = _moment(_("Eindigt op"))
    online = forms.BooleanField(label=_("Online"), required=False)
    place = forms.CharField(
        label=_("Plaats"),
        max_length=200,
        required=False,
        help_text=_("Adres en plaats. Leeg laten bij een online bijeenkomst."),
    )
    capacity = forms.IntegerField(label=_("Aantal plaatsen"), min_value=1, max_value=MAX_CAPACITY)

    def clean(self):
        data = super().clean() or {}
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and starts_at <= timezone.now():
            self.add_error("starts_at", _("Kies een moment in de toekomst."))
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("Het einde ligt na het begin."))
        if not data.get("online") and not data.get("place", "").strip():
            self.add_error("place", _("Vul de plaats in, of kies online."))
        return data


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("Aanwezig"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["attended"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(r.pk), r.user.get_full_name()) for r in registrations]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name()


class MemberSignUpForm(forms.Form):
    """A griffier chooses an officeholder of their own body (the choices are only those)."""

    person = PersonChoiceField(
        label=_("Wie meldt u aan?"),
        queryset=User.objects.none(),
        empty_label=_("Kies iemand"),
        error_messages={
            "required": _("Kies wie u aanmeldt."),
            "invalid_choice": _("Kies iemand uit de lijst."),
        },
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = members

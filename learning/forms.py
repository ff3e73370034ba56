"""Forms of the learning network. Each takes only the fields its role may set: the body or
organisation to ask for is chosen from the requester's own, the people to add from the body's
own, and statuses change through the actions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from government.models import GovernmentBody
from network.models import Audience, PartnerOrganisation

from .actions.threads import PRACTICE_AUDIENCES

LOCAL_MINUTE = "%Y-%m-%dT%H:%M"
MAX_CAPACITY = 500


class JoinForm(forms.Form):
    seat = forms.ChoiceField(label=_("Deelnemen namens"))
    motivation = forms.CharField(
        label=_("Waarom wilt u deelnemen?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Bijvoorbeeld: wat speelt er bij u, wat wilt u leren of delen?"),
    )

    def __init__(self, *args, bodies=(), organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.choices_by_value = {f"body:{body.pk}": ("body", body) for body in bodies} | {
            f"organisation:{org.pk}": ("organisation", org) for org in organisations
        }
        field = self.fields["seat"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(value, str(obj)) for value, (_kind, obj) in self.choices_by_value.items()]

    def chosen(self) -> dict:
        kind, obj = self.choices_by_value[self.cleaned_data["seat"]]
        return {kind: obj}


class DecisionForm(forms.Form):
    APPROVE = "approve"
    REFUSE = "refuse"
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[(APPROVE, _("Goedkeuren")), (REFUSE, _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij afwijzen: de aanvrager leest deze toelichting."),
    )

    def clean(self):
        data = super().clean() or {}
        if data.get("decision") == self.REFUSE and not data.get("reason", "").strip():
            self.add_error("reason", _("Geef aan waarom u de aanvraag afwijst."))
        return data


class ParticipantAddForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Overheid"), queryset=GovernmentBody.objects.all(), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Partnerorganisatie"),
        queryset=PartnerOrganisation.objects.filter(is_active=True),
        required=False,
    )

    def clean(self):
        data = super().clean() or {}
        if bool(data.get("body")) == bool(data.get("organisation")):
            raise forms.ValidationError(_("Kies één overheid of één partnerorganisatie."))
        return data


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.email


class MemberAddForm(forms.Form):
    user = PersonChoiceField(label=_("Persoon"), queryset=User.objects.none(), empty_label=None)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = candidates


def _moment(label):
    return forms.DateTimeField(
        label=label,
        input_formats=[LOCAL_MINUTE],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE),
    )


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    starts_at = _moment(_("Begint op"))
    ends_at = _moment(_("Eindigt op"))
    online = forms.BooleanField(label=_("Online"), required=False)
    place = forms.CharField(
        label=_("Plaats"),
        max_length=200,
        required=False,
        help_text=_("Adres en plaats. Leeg laten bij een online bijeenkomst."),
    )
    online_link = forms.URLField(
        label=_("Link naar de online bijeenkomst"),
        required=False,
        assume_scheme="https",
        help_text=_("Alleen deelnemers die zich aanmeldden zien de link."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: # kop, **vet**, - lijst, [tekst](https://...)."),
    )
    capacity = forms.IntegerField(label=_("Aantal plaatsen"), min_value=1, max_value=MAX_CAPACITY)

    def clean(self):
        data = super().clean() or {}
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and starts_at <= timezone.now():
            self.add_error("starts_at", _("Kies een moment in de toekomst."))
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("Het einde ligt na het begin."))
        if data.get("online"):
            if not data.get("online_link"):
                self.add_error("online_link", _("Vul de link in, of kies een plaats."))
        elif not data.get("place", "").strip():
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


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Verslag"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Markdown. Alle deelnemers van het leernetwerk lezen het verslag."),
    )


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    file = forms.FileField(label=_("Bestand"), help_text=_("Pdf, jpg of png, ten hoogste 10 MB."))


class PracticeForm(forms.Form):
    """BZK chooses who may read a practice example made of a thread or a meeting's report."""

    audience = forms.ChoiceField(
        label=_("Wie mag het praktijkvoorbeeld lezen als het gepubliceerd is"),
        choices=[(a, Audience(a).label) for a in PRACTICE_AUDIENCES],
        widget=forms.RadioSelect,
        initial=Audience.PARTNERS,
    )

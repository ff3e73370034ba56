"""Forms take only the fields a role may set; status, author and publication go through the
actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Audience, KnowledgeKind, PartnerOrganisation, TargetGroup, Theme


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *KnowledgeKind.choices]
    )
    theme = forms.ChoiceField(label=_("Thema"), required=False)
    group = forms.ChoiceField(label=_("Voor wie"), required=False)

    def __init__(self, *args, themes=(), groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("Alle thema's"))] + [
            (t.slug, str(t)) for t in themes
        ]
        self.fields["group"].choices = [("", _("Iedereen"))] + [(g.slug, str(g)) for g in groups]


class KnowledgeItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=KnowledgeKind.choices)
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(
        label=_("Samenvatting"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Twee of drie zinnen: voor wie is dit en wat heeft de lezer eraan?"),
    )
    body = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Opmaak met Markdown: ## Kop, **vet**, - opsomming, [linktekst](https://...). "
            "HTML en afbeeldingen worden niet overgenomen."
        ),
    )
    audience = forms.ChoiceField(
        label=_("Wie mag het lezen?"), choices=Audience.choices, initial=Audience.SIGNED_IN
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Voor wie"),
        queryset=TargetGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.CharField(
        label=_("Trefwoorden"),
        required=False,
        max_length=300,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: tribune, draaiboek"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Bijdrage van"), queryset=PartnerOrganisation.objects.none(), required=False
    )
    review_on = forms.DateField(
        label=_("Herzien uiterlijk op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leeg: een jaar na publicatie."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_tags(self):
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()][:10]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Toelichting"), required=False, max_length=2000, widget=forms.Textarea({"rows": 2})
    )


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Titel van de bijlage"), max_length=200)
    file = forms.FileField(
        label=_("Bestand (PDF, JPEG of PNG, hoogstens 10 MB)"),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class InviteForm(forms.Form):
    full_name = forms.CharField(
        label=_("Naam"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    email = forms.EmailField(
        label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )


class JoinForm(forms.Form):
    motivation = forms.CharField(
        label=_("Toelichting (bijvoorbeeld uw functie)"),
        required=False,
        max_length=500,
        widget=forms.Textarea({"rows": 2}),
    )

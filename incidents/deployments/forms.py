"""Forms of deployments and preparations. Each holds only the fields its role may set."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from accounts.selectors import active_users_with

from ..forms import LOCAL_MINUTE, CaseText
from .models import DeploymentKind

TEXT_LIMIT = 5000


def _moment(label, *, required=True, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=[LOCAL_MINUTE],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE),
        error_messages={
            "required": _("Vul een datum en tijd in."),
            "invalid": _("Vul een datum en tijd in, zoals 12-03-2027 19:30."),
        },
    )


def _text(label, *, rows=3, required=False, help_text="", max_length=TEXT_LIMIT):
    return CaseText(
        label=label,
        required=required,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": _("Vul dit in."),
            "max_length": _("Maak de tekst korter: hoogstens %(limit_value)d tekens."),
        },
    )


class MembersField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class DeploymentForm(forms.Form):
    """A deployment record, filled in by staff. Members can only be added."""

    kind = forms.ChoiceField(
        label=_("Soort inzet"),
        choices=DeploymentKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies de soort inzet."),
            "invalid_choice": _("Kies de soort inzet."),
        },
    )
    members = MembersField(
        label=_("Teamleden inzetten"),
        queryset=User.objects.none(),
        required=False,
        help_text=_(
            "Een ingezet teamlid ziet de melding, de gegevens van de melder en dit verslag."
        ),
        error_messages={"invalid_choice": _("Kies alleen leden van het Ondersteuningsteam.")},
    )
    place = _text(_("Plaats"), rows=2, max_length=500)
    starts_at = _moment(_("Begint op"), required=False)
    ends_at = _moment(_("Eindigt op"), required=False)
    what_was_done = _text(_("Wat is er gedaan"), rows=4)
    outcome = _text(_("Uitkomst"), rows=3)
    agreements = _text(_("Vervolgafspraken"), rows=3)

    def __init__(self, *args, present=(), **kwargs):
        super().__init__(*args, **kwargs)
        members = cast(forms.ModelMultipleChoiceField, self.fields["members"])
        members.queryset = (
            active_users_with(Role.SUPPORT_TEAM)
            .exclude(pk__in=[member.pk for member in present])
            .order_by("full_name", "email")
        )

    def clean(self):
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if ends and not starts:
            self.add_error("starts_at", _("Vul ook in wanneer de inzet begint."))
        elif starts and ends and ends < starts:
            self.add_error("ends_at", _("Het einde ligt vóór het begin."))
        return data


class PreparationRequestForm(forms.Form):
    """What a mayor or griffier tells BZK about the meeting."""

    meeting_starts_at = _moment(_("Datum en tijd van de vergadering"))
    place = _text(
        _("Plaats"), rows=2, required=True, max_length=500,
        help_text=_("Bijvoorbeeld: raadzaal van het gemeentehuis, Markt 1."),
    )  # fmt: skip
    subject = _text(
        _("Onderwerp"), rows=3, required=True,
        help_text=_("Waarover gaat de vergadering, en waarom verwacht u spanning?"),
    )  # fmt: skip
    expected_attendance = forms.IntegerField(
        label=_("Verwacht aantal bezoekers"),
        min_value=0,
        max_value=100_000,
        error_messages={
            "required": _("Vul in hoeveel bezoekers u ongeveer verwacht."),
            "invalid": _("Vul een aantal in, zoals 150."),
            "min_value": _("Vul een aantal van 0 of meer in."),
            "max_value": _("Vul een aantal van hoogstens 100.000 in."),
        },
    )
    earlier_incidents = _text(
        _("Eerdere incidenten"), rows=3,
        help_text=_("Wat gebeurde er eerder rond dit onderwerp of bij vergaderingen? Mag leeg."),
    )  # fmt: skip


class PreparationPlanForm(forms.Form):
    scenario = _text(
        _("Scenario's"), rows=5, required=True,
        help_text=_("Welke incidenten en calamiteiten zijn denkbaar, en wie doet dan wat?"),
    )  # fmt: skip
    agreements = _text(_("Afspraken met de gemeente of provincie"), rows=4, required=True)


class PreparationOutcomeForm(forms.Form):
    what_happened = _text(_("Wat er is gebeurd"), rows=5, required=True)


class MemberField(forms.ModelChoiceField):
    widget = forms.RadioSelect

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class MemberRemoveForm(forms.Form):
    """Staff take one member off a deployment record; only its own members can be chosen."""

    member = MemberField(
        label=_("Welk teamlid trekt u terug?"),
        queryset=User.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Kies het teamlid dat u terugtrekt."),
            "invalid_choice": _("Kies een teamlid van deze inzet."),
        },
    )

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        member = cast(forms.ModelChoiceField, self.fields["member"])
        member.queryset = record.members.order_by("full_name", "email")


class PracticeConsentForm(forms.Form):
    """The requester's answer: may BZK make a practice example of what happened?"""

    answer = forms.ChoiceField(
        label=_("Mag BZK hier een praktijkvoorbeeld van maken?"),
        choices=[("yes", _("Ja")), ("no", _("Nee"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies ja of nee."),
            "invalid_choice": _("Kies ja of nee."),
        },
    )

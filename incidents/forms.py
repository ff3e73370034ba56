"""Forms. Each holds only the fields its role may set; status, owner and urgency flags that
staff own never appear in the reporter's form."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from accounts.selectors import active_users_with
from government.models import GovernmentBody

from .actions import clean_notify_choice
from .concerned import colleagues_of
from .models import (
    Channel,
    ConcernedConsent,
    ContactPreference,
    Kind,
    NotifyBy,
    PoliceReport,
    ReportedFor,
    Target,
    VptCode,
    YesNoUnknown,
)
from .workflow import Status, Step

YES_NO = [("no", _("Nee")), ("yes", _("Ja, ik ben nu in gevaar"))]


class StartForm(forms.Form):
    """The first and only question before anything else: is there danger now?"""

    danger = forms.ChoiceField(
        label=_("Bent u of is iemand van uw gezin nu in direct gevaar?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )


class MunicipalityField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _radio(label, choices, **kwargs):
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, required=False, **kwargs
    )


NOTIFY_HELP = _(
    "Wij sturen nooit de inhoud van uw melding of van berichten per e-mail, alleen dat er iets "
    "nieuws is, met een link naar het portaal. Krijgt u liever geen e-mail over bedreigingen op "
    "een gedeeld adres of uw werkadres? Kies dan een ander adres of geen e-mail."
)


class NotifyChoiceForm(forms.Form):
    """How the reporter hears that something changed on their case."""

    notify_by = forms.ChoiceField(
        label=_("Hoe wilt u horen dat er iets nieuws is over uw melding?"),
        choices=NotifyBy.choices,
        widget=forms.RadioSelect,
        initial=NotifyBy.ACCOUNT,
        help_text=NOTIFY_HELP,
        error_messages={"required": _("Kies hoe u bericht wilt krijgen.")},
    )
    notify_address = forms.CharField(
        label=_("Ander e-mailadres (alleen bij een ander adres)"),
        max_length=254,
        required=False,
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email"}),
    )

    def clean(self):
        return _clean_notify_choice(self, super().clean())


def _clean_notify_choice(form, cleaned):
    """The action's check (actions.clean_notify_choice), its Dutch messages on the fields."""
    if not cleaned.get("notify_by"):
        return cleaned
    try:
        cleaned["notify_by"], cleaned["notify_address"] = clean_notify_choice(
            cleaned["notify_by"], cleaned.get("notify_address", "")
        )
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field, errors)
    return cleaned


class ColleagueField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class ReportForm(NotifyChoiceForm):
    """The report itself. Nothing is required to save a draft; what sending needs is checked
    by the action (`submission_problems`). `reporter`: whose form it is; the colleagues they
    may name come from it (none without it)."""

    reported_for = _radio(_("Wie is dit overkomen?"), ReportedFor.choices)
    concerned_person = ColleagueField(
        label=_("Om welke collega gaat het? (alleen als het een collega overkwam)"),
        help_text=_(
            "U ziet de politieke ambtsdragers van uw eigen overheid die een account in dit "
            "portaal hebben. Uw collega krijgt bericht zodra u de melding verstuurt, ziet de "
            "melding met uw naam als melder, en geeft wel of geen toestemming. Meldt u namens "
            "uw collega, dan beslist die over het delen van de melding."
        ),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Kies een collega"),
    )

    kinds = forms.MultipleChoiceField(
        label=_("Wat is er gebeurd? Kies alles wat past."),
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    channel = _radio(_("Hoe of waar gebeurde het?"), Channel.choices)
    occurred_on = forms.DateField(
        label=_("Op welke datum?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    occurred_time = forms.TimeField(
        label=_("Hoe laat ongeveer? (mag leeg blijven)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    municipality = MunicipalityField(
        label=_("In welke gemeente?"),
        queryset=GovernmentBody.objects.municipalities().filter(active=True).order_by("name"),
        required=False,
        empty_label=_("Kies een gemeente"),
    )
    description = forms.CharField(
        label=_("Beschrijf wat er is gebeurd"),
        help_text=_("In uw eigen woorden. Wat werd er gezegd of gedaan? Door wie, als u dat weet?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    targets = forms.MultipleChoiceField(
        label=_("Tegen wie of wat was het gericht?"),
        choices=Target.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    perpetrator_known = _radio(_("Weet u wie de dader is?"), YesNoUnknown.choices)
    perpetrator_details = forms.CharField(
        label=_("Wat weet u over de dader?"),
        help_text=_("Naam, account op sociale media, kenteken: alles wat helpt."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    ongoing = _radio(_("Gaat het nog door?"), YesNoUnknown.choices)
    police_report = _radio(_("Heeft u de politie ingeschakeld?"), PoliceReport.choices)
    police_reference = forms.CharField(
        label=_("Registratienummer van de politie"),
        help_text=_("Staat op het bewijs van uw melding of aangifte."),
        max_length=40,
        required=False,
    )
    vpt_code = _radio(
        _("Heeft de politie de VPT-code op uw melding of aangifte gezet?"),
        VptCode.choices,
        help_text=_(
            "Vraag de politie altijd om de VPT-code (Veilige Publieke Taak). Dan gelden de "
            "Eenduidige Landelijke Afspraken (ELA) en krijgt uw zaak voorrang."
        ),
    )
    impact = forms.CharField(
        label=_("Wat zijn de gevolgen voor u, uw gezin en uw werk?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    affects_decisions = _radio(
        _("Heeft dit invloed op hoe u besluiten neemt of uw werk doet?"), YesNoUnknown.choices
    )
    wants_support = forms.BooleanField(
        label=_("Ik wil graag ondersteuning (bijvoorbeeld van het Ondersteuningsteam)"),
        required=False,
    )
    contact_preference = _radio(
        _("Hoe mogen wij contact met u opnemen?"), ContactPreference.choices
    )
    contact_phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    immediate_danger = forms.BooleanField(label=_("Er is direct gevaar"), required=False)

    def __init__(self, *args, reporter=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A draft may be saved with nothing filled in; without a choice the stored one stays.
        self.fields["notify_by"].required = False
        if reporter is not None:
            field = cast(forms.ModelChoiceField, self.fields["concerned_person"])
            field.queryset = colleagues_of(reporter)

    def clean_perpetrator_known(self):
        return self.cleaned_data["perpetrator_known"] or ""

    def data_for_action(self):
        data = dict(self.cleaned_data)
        kinds = data.pop("kinds")
        if not data.get("notify_by"):
            data.pop("notify_by", None)
            data.pop("notify_address", None)
        if not data.get("reported_for"):
            data.pop("reported_for", None)
        return data, kinds

    def valid_part_for_action(self):
        """For the autosave of a half-filled form: every field that is valid now (what is
        being typed may not be, e.g. half an e-mail address or date), and the names of the
        fields left out. The notice choice goes only as a pair, and only when both are valid."""
        self.is_valid()
        data = dict(self.cleaned_data)
        kinds = data.pop("kinds", None)
        if not data.get("reported_for"):
            data.pop("reported_for", None)
        notify_unclear = self.has_error("notify_by") or self.has_error("notify_address")
        if notify_unclear or not data.get("notify_by"):
            data.pop("notify_by", None)
            data.pop("notify_address", None)
        return data, kinds, sorted(self.errors)


# What the phone's or computer's file chooser offers first; the server checks the content.
EVIDENCE_ACCEPT = ",".join(
    (
        "image/jpeg,image/png,image/heic,image/heif,application/pdf,text/plain",
        "audio/mpeg,audio/mp4,audio/aac,audio/wav,audio/ogg,audio/amr,audio/3gpp,audio/webm",
        "video/mp4,video/quicktime,video/3gpp,video/webm",
        ".jpg,.jpeg,.png,.heic,.heif,.pdf,.txt",
        ".mp3,.m4a,.aac,.wav,.ogg,.opus,.amr,.3gp,.mp4,.mov,.webm",
    )
)


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "Een foto of schermafbeelding (JPEG, PNG of HEIC van een iPhone), PDF of "
            "tekstbestand: hoogstens 10 MB. Een geluidsopname, zoals een voicemail (MP3, M4A, "
            "AAC, WAV, OGG, AMR of 3GP): hoogstens 25 MB. Een video (MP4, MOV, 3GP of WebM): "
            "hoogstens 100 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )
    remove_location = forms.BooleanField(
        label=_("Locatiegegevens uit foto's verwijderen (aanbevolen)"),
        help_text=_(
            "Geluidsopnamen en video's bewaren we altijd zonder locatie en andere gegevens "
            "over het toestel."
        ),
        required=False,
        initial=True,
    )


class CaseText(forms.CharField):
    """Free text of a case-page box. One kind of line break before the length is checked: the
    text confirmed is the text stored, whichever way the browser sent it (browsers send CRLF),
    and a box full to its limit in the browser is not too long on the server."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


# Every form on the case page has its own prefix, so no two fields there share an id (a label
# must never focus the wrong box) and one box's text can travel along with another form's POST
# to be shown again when anything goes wrong.


class MessageForm(forms.Form):
    prefix = "message"

    body = CaseText(
        label=_("Bericht of aanvulling"),
        help_text=_("Alleen de medewerkers van het Netwerk Weerbaar Bestuur lezen dit."),
        widget=forms.Textarea(attrs={"rows": 4, "data-keep": ""}),
        max_length=5000,
        error_messages={"required": _("Schrijf eerst een bericht.")},
    )


class StaffMessageForm(forms.Form):
    prefix = "message"

    body = CaseText(
        label=_("Bericht aan de melder (de melder leest dit)"),
        widget=forms.Textarea(attrs={"rows": 6, "data-keep": ""}),
        max_length=5000,
        error_messages={"required": _("Schrijf eerst een bericht.")},
    )


class ConsentForm(forms.Form):
    """The answer of the colleague a report is about; sent by one of two buttons."""

    prefix = "consent"

    answer = forms.ChoiceField(
        label=_("Geeft u toestemming?"),
        choices=[
            (ConcernedConsent.GIVEN, _("Ja, ik geef toestemming")),
            (ConcernedConsent.WITHHELD, _("Nee, ik geef geen toestemming")),
        ],
        error_messages={
            "required": _("Kies of u toestemming geeft."),
            "invalid_choice": _("Kies of u toestemming geeft."),
        },
    )


class NoteForm(forms.Form):
    prefix = "note"

    body = CaseText(
        label=_("Interne notitie (de melder ziet dit nooit)"),
        widget=forms.Textarea(attrs={"rows": 3, "data-keep": ""}),
        max_length=5000,
        error_messages={"required": _("Schrijf eerst een notitie.")},
    )


class AssignForm(forms.Form):
    prefix = "assign"

    assignee = forms.ModelChoiceField(
        label=_("Behandelaar"),
        queryset=active_users_with(Role.TRIAGE),
        required=False,
        empty_label=_("Niemand"),
    )


class DeployForm(forms.Form):
    prefix = "deploy"

    member = forms.ModelChoiceField(
        label=_("Lid van het Ondersteuningsteam"),
        queryset=User.objects.filter(
            is_active=True, role_assignments__role=Role.SUPPORT_TEAM
        ).distinct(),
        error_messages={"required": _("Kies een lid van het Ondersteuningsteam.")},
    )


class StepForm(forms.Form):
    step = forms.ChoiceField(choices=Step.choices)


class SavedFilterForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van dit filter"),
        max_length=60,
        error_messages={"required": _("Geef het filter een naam.")},
    )


# --- triage staff and on call -----------------------------------------------------------------

LOCAL_MINUTE = "%Y-%m-%dT%H:%M"


class StaffMemberField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


def _moment(label):
    return forms.DateTimeField(
        label=label,
        input_formats=[LOCAL_MINUTE],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE),
    )


class OnCallShiftForm(forms.Form):
    """A shift on the rota. The person is chosen from the case handlers only."""

    person = StaffMemberField(
        label=_("Medewerker"),
        queryset=User.objects.none(),
        empty_label=_("Kies een medewerker"),
    )
    starts_at = _moment(_("Begint op"))
    ends_at = _moment(_("Eindigt op"))
    is_team_lead = forms.BooleanField(
        label=_("Teamleider in deze tijd (niet de piket zelf)"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = cast(forms.ModelChoiceField, self.fields["person"])
        person.queryset = active_users_with(Role.TRIAGE).order_by("full_name", "email")


class StaffNoticePreferenceForm(forms.Form):
    digest_outside_office_hours = forms.BooleanField(
        label=_("Buiten kantoortijd wil ik nieuwe meldingen als één overzicht per uur"),
        help_text=_("Urgente meldingen en verstreken termijnen krijgt u altijd direct."),
        required=False,
    )


class _RowCheckboxes(forms.MultipleHiddenInput):
    """One box per row of the queue's table (the template draws them): read as a list like
    hidden inputs, but not hidden, so the error summary can link to a box."""

    input_type = "checkbox"


class QueueBulkForm(forms.Form):
    """One change for several cases of the queue at once (views.bulk.queue_bulk)."""

    ASSIGN = "assign"
    URGENT = "urgent"
    NOT_URGENT = "not_urgent"
    STATUS = "status"

    prefix = "bulk"

    change = forms.ChoiceField(
        label=_("Wijziging"),
        choices=[
            (ASSIGN, _("Behandelaar toewijzen")),
            (URGENT, _("Markeren als urgent")),
            (NOT_URGENT, _("Niet meer urgent")),
            (STATUS, _("Status wijzigen")),
        ],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    assignee = forms.ChoiceField(
        label=_("Behandelaar"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    to = forms.ChoiceField(
        label=_("Nieuwe status"),
        required=False,
        choices=[("", "—"), *[c for c in Status.choices if c[0] != Status.DRAFT]],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    # The ticked boxes of the queue's rows (rendered by the table, not by this form); the
    # view points the error summary at the first row's box.
    incidents = forms.Field(label=_("Meldingen"), required=False, widget=_RowCheckboxes)

    def __init__(self, *args, staff_choices=None, **kwargs):
        """`staff_choices`: the queue filter's list of (id, name) of triage staff, so the
        page reads that list once; read here only when the form is posted."""
        super().__init__(*args, **kwargs)

        def choices():
            listed = staff_choices() if staff_choices else _triage_staff_choices()
            return [("", _("Niemand")), *[(k, n) for k, n in listed if str(k).isdigit()]]

        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ChoiceField)
        assignee.choices = choices

    def clean_assignee(self) -> User | None:
        value = self.cleaned_data.get("assignee")
        return active_users_with(Role.TRIAGE).filter(pk=value).first() if value else None

    def clean_incidents(self) -> list[int]:
        ids = self.incident_ids()
        if not ids:
            raise forms.ValidationError(_("Selecteer eerst een of meer meldingen."))
        return ids

    def incident_ids(self) -> list[int]:
        """The ticked cases (at most a page and a bit); each is fetched with the need-to-know
        check by the view, so an id alone grants nothing."""
        data = self.data
        if not isinstance(data, MultiValueDict):
            return []
        values = data.getlist(self.add_prefix("incidents"))
        return list(dict.fromkeys(int(v) for v in values if v.isdigit() and len(v) < 12))[:100]

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("change") == self.STATUS and not cleaned.get("to"):
            self.add_error("to", _("Kies de nieuwe status."))
        return cleaned


def _triage_staff_choices():
    return [(str(user.pk), str(user)) for user in active_users_with(Role.TRIAGE)]

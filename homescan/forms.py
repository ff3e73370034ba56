"""The scan form is built from the questionnaire version: one radio group per question."""

from django import forms
from django.utils.translation import gettext_lazy

from weerbaar.content_language import localized

from . import risk_analysis


class ScanForm(forms.Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[self.field_name(question)] = forms.TypedChoiceField(
                label=localized(question, "text"),
                help_text=localized(question, "help_text"),
                choices=[
                    (option.pk, localized(option, "label")) for option in question.options.all()
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": gettext_lazy("Kies een antwoord op deze vraag.")},
            )

    @staticmethod
    def field_name(question):
        return f"vraag_{question.pk}"

    def answers(self):
        return {
            question.pk: self.cleaned_data[self.field_name(question)] for question in self.questions
        }

    def themes(self):
        """The bound fields grouped by theme, in question order: [(theme label, [fields])]."""
        groups = []
        for question in self.questions:
            label = question.get_theme_display()
            if not groups or groups[-1][0] != label:
                groups.append((label, []))
            groups[-1][1].append(self[self.field_name(question)])
        return groups


class FundRequestForm(forms.Form):
    body = forms.ModelChoiceField(
        label=gettext_lazy("Bij welke overheid bent u ambtsdrager?"),
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    measures = forms.MultipleChoiceField(
        label=gettext_lazy("Welke maatregelen wilt u aanvragen?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Kies ten minste één maatregel.")},
    )

    def __init__(self, *args, bodies, measures, scheme, **kwargs):
        """`measures`: [(kind, Dutch description, description shown)]. The Dutch description
        goes into the application BZK assesses; the person sees theirs."""
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.measure_list = [(kind, dutch) for kind, dutch, _shown in measures]
        self.fields["measures"].choices = [
            (str(index), f"{scheme.measure_label(kind)}: {shown}")
            for index, (kind, _dutch, shown) in enumerate(measures)
        ]
        self.fields["measures"].initial = [str(index) for index in range(len(measures))]

    def chosen_measures(self):
        return [self.measure_list[int(index)] for index in self.cleaned_data["measures"]]


class RiskAnalysisForm(forms.Form):
    """BZK staff: the municipality and role questions of a starterspakket's risk analysis
    (one radio group per question of risk_analysis.QUESTIONS) and the police's advice."""

    police_advice = forms.CharField(
        label=gettext_lazy("Wat adviseert de politie?"),
        help_text=gettext_lazy(
            "Wat de politie adviseert, in uw eigen woorden. Alleen de burgemeester en BZK zien "
            "dit; het wordt versleuteld opgeslagen."
        ),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": gettext_lazy("Gebruik ten hoogste 4000 tekens.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        advice = self.fields.pop("police_advice")
        for question in risk_analysis.QUESTIONS:
            self.fields[question.code] = forms.ChoiceField(
                label=question.text,
                choices=[(option.code, option.label) for option in question.options],
                widget=forms.RadioSelect,
                error_messages={
                    "required": gettext_lazy("Kies een antwoord op deze vraag."),
                    "invalid_choice": gettext_lazy("Kies een van de antwoorden."),
                },
            )
        self.fields["police_advice"] = advice

    def parts(self):
        """The bound question fields grouped by part: [(part label, [fields])]."""
        groups = []
        for question in risk_analysis.QUESTIONS:
            label = risk_analysis.PARTS[question.part]
            if not groups or groups[-1][0] != label:
                groups.append((label, []))
            groups[-1][1].append(self[question.code])
        return groups

    def answers(self):
        return {
            question.code: self.cleaned_data[question.code] for question in risk_analysis.QUESTIONS
        }

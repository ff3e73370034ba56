"""`quick_field` gives what crispy-bootstrap5's `as_crispy_field` gives for the fields it takes
over (a text box, a single choice list): the same elements, attributes and text, in every state
the case page shows them in (empty, with kept text or a choice, refused with an error, with the
focus put back on it)."""

from html.parser import HTMLParser

import pytest
from django import forms
from django.template import engines

from incidents import forms as case_forms

CRISPY = engines["django"].from_string("{% load crispy_forms_tags %}{{ field|as_crispy_field }}")
QUICK = engines["django"].from_string("{% load quick_fields %}{{ field|quick_field }}")


class _Tree(HTMLParser):
    """Elements with their attributes (classes as a set) and the text between, whitespace
    collapsed: what a browser and a screen reader get, whatever the indentation."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items = []

    def handle_starttag(self, tag, attrs):
        found = {}
        for name, value in attrs:
            found[name] = frozenset((value or "").split()) if name == "class" else value
        self.items.append(("<", tag, tuple(sorted(found.items(), key=lambda kv: kv[0]))))

    def handle_endtag(self, tag):
        self.items.append((">", tag))

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            self.items.append(("text", text))


def tree(html):
    parser = _Tree()
    parser.feed(html)
    return parser.items


def _people_choices(form, name, people):
    field = form.fields[name]
    field.choices = [("", field.empty_label), *people]
    return form


PEOPLE = [(7, "Anna de Vries"), (12, "Bas <Jansen> & co")]


def cases():
    yield "staff message, empty", case_forms.StaffMessageForm()
    yield "reporter message with help text", case_forms.MessageForm()
    yield "note with kept text", case_forms.NoteForm(initial={"body": "Bel <morgen> & mail"})
    refused = case_forms.MessageForm(data={"message-body": "  "})
    refused.is_valid()
    yield "reporter message refused", refused
    focused = case_forms.NoteForm(data={"note-body": ""})
    focused.is_valid()
    focused.fields["body"].widget.attrs["autofocus"] = True
    yield "note refused, focus back", focused
    yield "assign, nobody", _people_choices(case_forms.AssignForm(), "assignee", PEOPLE)
    yield (
        "assign, someone chosen",
        _people_choices(case_forms.AssignForm(initial={"assignee": 12}), "assignee", PEOPLE),
    )
    wrong = _people_choices(case_forms.DeployForm(data={"deploy-member": "99"}), "member", PEOPLE)
    wrong.is_valid()
    yield "deploy, a choice that is not there", wrong
    empty = _people_choices(case_forms.DeployForm(data={"deploy-member": ""}), "member", PEOPLE)
    empty.is_valid()
    yield "deploy, nothing chosen", empty


STATES = 9  # what cases() yields


@pytest.mark.django_db
@pytest.mark.parametrize("number", range(STATES))
def test_quick_field_gives_what_crispy_gives(number):
    found = list(cases())
    assert len(found) == STATES
    state, form = found[number]
    for field in form:
        assert tree(QUICK.render({"field": field})) == tree(CRISPY.render({"field": field})), state


def test_other_widgets_are_left_to_crispy():
    class Other(forms.Form):
        when = forms.DateField(label="Datum")
        kinds = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.SelectMultiple)

    for field in Other():
        assert QUICK.render({"field": field}) == CRISPY.render({"field": field})


def test_text_is_escaped():
    form = case_forms.NoteForm(initial={"body": "</textarea><script>alert(1)</script>"})
    html = QUICK.render({"field": form["body"]})
    assert "<script>" not in html and "&lt;/textarea&gt;&lt;script&gt;" in html

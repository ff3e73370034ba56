"""The staff case page: the report comes first, then the forms, each under its own heading;
its number of queries does not rise."""

import html as html_module
import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.tests import factories as people
from incidents import actions
from incidents.tests import factories

pytestmark = pytest.mark.django_db

# The staff case page, whatever the case holds (issue 17): 4 of them are the signed-in floor
# (session, user, roles, two-step check), then the case (with its urgent alert), the access-log
# row, everything the page lists (one UNION ALL: stappenplan, messages, evidence, timeline, kinds,
# notes, deployments, and for staff the people of the assign and deploy forms and the standard
# replies) and the e-mail notices with their attempts. Lower it when a query goes; never raise it.
CASE_PAGE_QUERIES = 8


def headings(html):
    return [
        re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html)
    ]


def test_the_staff_case_page_opens_with_the_report_and_then_the_forms(client):
    staff = people.triage_staff()
    incident = factories.submitted(description="Dreigbrief in de brievenbus.")
    client.force_login(staff)
    html = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    found = headings(html)
    assert found[0] == "De melding"
    report_at = html.index("Dreigbrief in de brievenbus.")
    for form in (
        "incidents:message",
        "incidents:note",
        "incidents:transition",
        "incidents:assign",
        "incidents:deploy",
    ):
        assert html.index(reverse(form, args=[incident.pk])) > report_at, form
    # The reporter's block belongs to the report, before the first form.
    assert report_at < html.index(incident.reporter.email) < html.index('class="message-form')
    for heading in (
        "Bericht aan de melder",
        "Nieuwe notitie",
        "Status",
        "Urgentie",
        "Toewijzing",
        "Ondersteuningsteam",
    ):
        assert heading in found, heading


def test_the_reporter_still_sees_the_stappenplan_first(client):
    incident = factories.submitted()
    client.force_login(incident.reporter)
    html = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert headings(html)[0].startswith("Stappenplan")
    assert 'action="' + reverse("incidents:assign", args=[incident.pk]) not in html


@pytest.mark.parametrize("rounds", [1, 3])
def test_the_staff_case_page_query_count_does_not_rise(client, django_assert_num_queries, rounds):
    staff = people.triage_staff()
    incident = factories.submitted()
    actions.evidence_add(
        actor=incident.reporter,
        incident=incident,
        uploaded_file=factories.upload("foto.png", factories.png_bytes(), "image/png"),
    )
    for n in range(rounds):
        colleague = people.triage_staff()
        actions.message_send(actor=colleague, incident=incident, body=f"Wij bellen u ({n}).")
        actions.message_send(actor=incident.reporter, incident=incident, body=f"Dank ({n}).")
        actions.note_add(actor=colleague, incident=incident, body=f"Notitie {n}.")
        member = people.support_team_member()
        actions.incident_deploy(actor=staff, incident=incident, member=member)
        actions.incident_assign(actor=staff, incident=incident, assignee=colleague)
    client.force_login(staff)
    url = reverse("incidents:detail", args=[incident.pk])
    client.get(url)
    with django_assert_num_queries(CASE_PAGE_QUERIES):
        html = client.get(url).content.decode()
    # What the one query brought is on the page, each with its person.
    assert html.count("Wij bellen u (") == rounds
    assert html.count("Notitie ") >= rounds
    assert escape(str(member)) in html and "foto.png" in html
    assert f'<option value="{colleague.pk}" selected>{escape(str(colleague))}</option>' in html
    assert f'<option value="{member.pk}">{escape(str(member))}</option>' in html


def _options(html, name):
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    found = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select)
    return [(value, html_module.unescape(text)) for value, text in found]


def test_the_staff_forms_list_active_people_of_their_role_once_by_email_and_active_replies(
    client,
):
    from accounts.models import RoleAssignment
    from incidents.models import ReplyTemplate

    staff = people.triage_staff(email="m@example.org")
    second = people.triage_staff(email="a@example.org", full_name="")
    # A second assignment of the same role lists the person once.
    RoleAssignment.objects.create(user=second, role="triage")
    people.triage_staff(email="b@example.org", is_active=False)
    member = people.support_team_member(email="c@example.org")
    ReplyTemplate.objects.all().delete()
    ReplyTemplate.objects.create(title="Tweede", body="Twee", position=2)
    ReplyTemplate.objects.create(title="Eerste", body="Een", position=1)
    ReplyTemplate.objects.create(title="Uit", body="Weg", position=0, active=False)
    incident = factories.submitted()
    client.force_login(staff)
    html = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    # Without a name, the e-mail address is shown.
    assert _options(html, "assign-assignee") == [
        (str(second.pk), "a@example.org"),
        (str(staff.pk), str(staff)),
    ]
    assert _options(html, "deploy-member") == [(str(member.pk), str(member))]
    replies = re.search(r'<select id="standaardantwoord".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="\d+">([^<]*)</option>', replies) == ["Eerste", "Tweede"]
    assert "Weg" not in html


def test_the_reporter_and_the_deployed_member_get_no_staff_lists(client):
    incident = factories.submitted()
    member = people.support_team_member(email="lid@example.org")
    actions.incident_deploy(actor=people.triage_staff(), incident=incident, member=member)
    for viewer in (incident.reporter, member):
        client.force_login(viewer)
        html = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
        assert 'name="assign-assignee"' not in html and 'id="standaardantwoord"' not in html


HOSTILE = "<script>alert(\"x\")</script> & 'quote'"


def test_the_rows_built_in_python_escape_what_people_typed_and_their_names(client):
    """Messages, notes, the stappenplan, the timeline and the standard replies are built with
    format_html (incidents/case_page.py): a text or a name with markup shows as text."""
    incident = factories.submitted(description="Gewoon.")
    colleague = people.triage_staff(full_name=f'Jan {HOSTILE} "de Vries"')
    actions.message_send(actor=colleague, incident=incident, body=f"{HOSTILE}\nTweede regel")
    actions.message_send(actor=incident.reporter, incident=incident, body=f"Antwoord {HOSTILE}")
    actions.note_add(actor=colleague, incident=incident, body=f"Notitie {HOSTILE}")
    from incidents.models import ReplyTemplate

    reply = ReplyTemplate.objects.create(title=f"Titel {HOSTILE}", body=f"Tekst {HOSTILE}")
    escaped = escape(HOSTILE)
    for viewer, shows in (
        (people.triage_staff(), ("message", "answer", "note", "name")),
        (incident.reporter, ("message", "answer")),
    ):
        client.force_login(viewer)
        html = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
        assert "<script>alert" not in html and "'quote'" not in html
        assert f"{escaped}<br>Tweede regel" in html  # the staff message, its line break kept
        assert f"Antwoord {escaped}" in html
        if "note" in shows:
            assert f"Notitie {escaped}" in html
        if "name" in shows:
            name = escape(str(colleague))
            # In the message's heading, the ticked step ("contact") and the timeline.
            assert html.count(name) >= 3, html.count(name)
            assert f"Netwerk Weerbaar Bestuur ({name})</strong>" in html
            assert f"<strong>{name}</strong>" in html  # the note's author
            assert f'<option value="{reply.pk}">Titel {escaped}</option>' in html
            assert f'<template id="reply-{reply.pk}">Tekst {escaped}</template>' in html
        else:
            assert "de Vries" not in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_rows_time_reads_as_the_date_filter_writes_it(language):
    from datetime import UTC, datetime

    from django.template import Context, Template
    from django.utils import translation

    from incidents.case_page import _time

    template = Template("""<time datetime="{{ at|date:'c' }}">{{ at|date:"j F Y H:i" }}</time>""")
    with translation.override(language):
        for at in (
            datetime(2026, 3, 1, 8, 5, 9, 120, tzinfo=UTC),  # winter time in Amsterdam
            datetime(2026, 7, 31, 23, 30, tzinfo=UTC),  # the next day there
            datetime(987, 12, 9, 0, 0, tzinfo=UTC),
        ):
            assert _time(at) == template.render(Context({"at": at}))
        assert _time(None) == template.render(Context({"at": None}))


def _squeezed(html):
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_facts_built_in_python_are_what_the_template_wrote(language):
    """incidents/_facts.html was a template of 16 rows; `case_page.facts` builds the same
    `<dl>`, escaped (the template as it was is kept in tests/data, as .tpl: makemessages
    skips it)."""
    from datetime import date, time
    from pathlib import Path

    from django.template import Context, Template
    from django.utils import translation

    from incidents.case_page import facts

    before = Template(
        (Path(__file__).parent / "data" / "facts_template_before_python.tpl").read_text()
    )
    full = factories.submitted(
        description=f"Eerste regel\n{HOSTILE}",
        perpetrator_details=f"Jan <K.> {HOSTILE}",
        impact="",
        occurred_on=date(2026, 3, 7),
        occurred_time=time(21, 5),
        contact_phone="06 <12> 34",
        wants_support=True,
        immediate_danger=True,
        ongoing="yes",
        affects_decisions="no",
    )
    bare = factories.draft(  # a draft may miss what sending needs (submit.html shows it too)
        kinds=(),
        channel="",
        description="",
        perpetrator_known="",
        perpetrator_details="",
        police_report="",
        police_reference="",
        vpt_code="",
        targets=[],
        contact_preference="",
        occurred_on=date(2026, 1, 2),
    )
    bare.municipality = None
    with translation.override(language):
        for incident in (full, bare):
            for is_concerned in (False, True):
                context = {"incident": incident, "is_concerned": is_concerned}
                expected = before.render(Context(context))
                assert _squeezed(facts(incident, is_concerned=is_concerned)) == _squeezed(expected)
    assert "<script>" not in facts(full, is_concerned=False)

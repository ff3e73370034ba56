"""Every form shown again with its errors tells the person what went wrong, and where.

On each error page: one error summary at the top (focused by static/js/portal.js) whose items
name the field and link to it; each invalid field carries aria-invalid="true" and its own
message, tied to it with aria-describedby; every id referred to exists and no id repeats. The
pages come from the access matrix (tests/security) after an empty POST, like the unique-id test,
so a new form is covered as soon as its page has an entry there. The wizard's step 2 (a formset)
and "Melding versturen" are not reachable with the matrix's objects; they have their own tests.
"""

from collections import Counter
from html.parser import HTMLParser

import pytest

from tests.security.matrix import ROLES, World, all_routes, path_of
from tests.security.test_access_matrix import EXPECTED
from tests.test_unique_ids import id_problems

CONTROLS = {"input", "select", "textarea"}


class ErrorPage(HTMLParser):
    """What an error page says: its summaries and their links, the invalid controls, the
    elements that hold a message and what refers to them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = Counter()
        self.summaries = []  # [{"links": [(target, text)], "text": str}]
        self.invalid = []  # [(tag, id, name, attributes)]
        self.messages = []  # ids of the elements holding a field's error message
        self.anonymous_messages = 0  # messages without an id: nothing can point at them
        self.described_by = set()
        self._stack = []  # (tag, role, aria-describedby) per open element
        self._link = None

    def _inside(self, role):
        return any(r == role for _tag, r, _d in self._stack)

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        classes = a.get("class", "").split()
        if a.get("id"):
            self.ids[a["id"]] += 1
        self.described_by.update(a.get("aria-describedby", "").split())
        role = None
        if "data-error-summary" in a:
            self.summaries.append({"links": [], "text": ""})
            role = "summary"
        elif tag == "a" and self._inside("summary") and "#" in a.get("href", ""):
            # A link to this page's field: its id; to another page's: the whole address.
            href = a["href"]
            self._link = [href[1:] if href.startswith("#") else href, ""]
            role = "link"
        elif "invalid-feedback" in classes and not self._inside("message"):
            if a.get("id"):
                self.messages.append(a["id"])
            else:
                self.anonymous_messages += 1
            role = "message"
        marked = "is-invalid" in classes or a.get("aria-invalid") == "true"
        if tag in CONTROLS and a.get("type") != "hidden" and marked:
            # A radio or box is described by its group's <fieldset>.
            group = " ".join(d for t, _r, d in self._stack if t == "fieldset" and d)
            described = f"{a.get('aria-describedby', '')} {group}".strip()
            self.invalid.append((tag, a.get("id", ""), a.get("name", ""), a, described))
        if tag not in {"input", "br", "img", "hr", "meta", "link"}:
            self._stack.append((tag, role, a.get("aria-describedby", "")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in {"input", "br", "img", "hr", "meta", "link"}:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, role, _described = self._stack.pop()
            if role == "link" and self._link is not None:
                self.summaries[-1]["links"].append(tuple(self._link))
                self._link = None
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data
        if self._inside("summary"):
            self.summaries[-1]["text"] += data

    @property
    def in_error(self):
        return bool(self.summaries or self.invalid or self.messages or self.anonymous_messages)


def error_page_problems(html):
    """What is wrong with one page shown with form errors (empty: nothing, or no errors)."""
    page = ErrorPage()
    page.feed(html)
    if not page.in_error:
        return []
    problems = list(id_problems(html))
    if len(page.summaries) != 1:
        problems.append(f"{len(page.summaries)} error summaries (data-error-summary), not 1")
        return problems
    links = page.summaries[0]["links"]
    targets = {target for target, _text in links}
    for target, text in links:
        if target not in page.ids and "/" not in target:
            problems.append(f"summary link {text.strip()!r} points at #{target}: no such id")
        if ":" not in text:
            problems.append(f"summary link {text.strip()!r} names no field and message")
    names_linked = {name for _tag, id_, name, _a, _d in page.invalid if id_ in targets and name}
    for tag, id_, name, attributes, described in page.invalid:
        label = f"<{tag} id={id_!r} name={name!r}>"
        if attributes.get("aria-invalid") != "true":
            problems.append(f"{label} is marked invalid but has no aria-invalid=true")
        if not set(described.split()) & set(page.messages):
            problems.append(f"{label} is not described by its message (aria-describedby)")
        # A group of radios or boxes is one question: one link to its first option will do.
        if id_ not in targets and name not in names_linked:
            problems.append(f"{label} is invalid but the summary does not link to it")
    for message in page.messages:
        if message not in page.described_by:
            problems.append(f"message #{message} is not referred to by any aria-describedby")
    if page.anonymous_messages:
        problems.append(f"{page.anonymous_messages} field message(s) without an id")
    if not links and not page.summaries[0]["text"].strip():
        problems.append("the error summary is empty")
    return problems


def test_the_checker_finds_a_vague_summary_and_a_message_nobody_points_at():
    html = (
        '<div data-error-summary tabindex="-1"><p>Eén of meer velden zijn niet goed.</p></div>'
        '<input id="id_title" name="title" class="form-control is-invalid"'
        ' aria-describedby="id_title_error">'
        '<div id="error_1_id_title" class="invalid-feedback">Vul dit in.</div>'
    )
    assert error_page_problems(html) == [
        "<input aria-describedby='id_title_error'> points at no element",
        "<input id='id_title' name='title'> is marked invalid but has no aria-invalid=true",
        "<input id='id_title' name='title'> is not described by its message (aria-describedby)",
        "<input id='id_title' name='title'> is invalid but the summary does not link to it",
        "message #error_1_id_title is not referred to by any aria-describedby",
    ]


def test_the_checker_accepts_a_summary_that_links_each_field():
    html = (
        '<div data-error-summary tabindex="-1"><ul>'
        '<li><a href="#id_title">Titel: Vul dit in.</a></li></ul></div>'
        '<input id="id_title" name="title" class="form-control is-invalid" aria-invalid="true"'
        ' aria-describedby="id_title_error">'
        '<div id="id_title_error" class="invalid-feedback">Vul dit in.</div>'
    )
    assert error_page_problems(html) == []


def _requests(expected):
    rows = expected.items() if isinstance(expected, dict) else [(None, expected)]
    for variant, row in rows:
        for role, code in zip(ROLES, row.split(), strict=True):
            if code in ("200", "405"):
                yield variant, role, code


@pytest.mark.django_db
def test_every_form_shown_with_errors_has_a_linked_summary_and_marked_fields(client):
    """Every page of the matrix after an empty POST (the POST-only URLs last, since they may
    change things): where the page shows form errors, they are summarised and linked."""
    world = World()
    routes = all_routes()
    requests = sorted(
        (
            (code == "405", name, variant, role)
            for name in routes
            for variant, role, code in _requests(EXPECTED[name])
        ),
        key=lambda r: (r[0], r[1], str(r[2]), r[3]),
    )
    urls = {
        (name, variant): path_of(routes[name], world.kwargs(routes[name], variant or "own"))
        for _post_only, name, variant, _role in requests
    }
    failures, checked = [], set()
    for _post_only, name, variant, role in requests:
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        # Not an empty POST: `Form(request.POST or None)` leaves a form unbound on one.
        response = client.post(urls[name, variant], {"leeg": ""}, secure=True)
        if response.status_code not in (200, 400) or "text/html" not in response.get(
            "Content-Type", ""
        ):
            continue
        html = response.content.decode()
        page = ErrorPage()
        page.feed(html)
        if not page.in_error:
            continue
        checked.add(name)
        failures += [
            f"POST {name} [{variant}] as {role}: {problem}" for problem in error_page_problems(html)
        ]
    print(f"error pages: {len(checked)} forms: {sorted(checked)}")
    assert len(checked) > 15
    assert not failures, "\n".join(failures)


def _summary(html):
    page = ErrorPage()
    page.feed(html)
    assert len(page.summaries) == 1, "one error summary"
    return page.summaries[0], page


@pytest.mark.django_db
def test_sending_an_incomplete_report_links_each_missing_item_to_its_field(client):
    """ "Melding versturen" is described by the list of what is missing (the id it names
    exists), and each item opens the report form at the field that solves it."""
    from django.urls import reverse

    from incidents.tests import factories

    incident = factories.draft(kinds=(), description="")
    client.force_login(incident.reporter)
    url = reverse("incidents:submit", args=[incident.pk])
    for response in (client.get(url), client.post(url)):
        html = response.content.decode()
        assert response.status_code == 200
        assert id_problems(html) == []
        summary, _page = _summary(html)
        edit = reverse("incidents:edit", args=[incident.pk])
        assert summary["links"] == [
            (f"{edit}#id_kinds_0", "Kies ten minste één soort incident."),
            (f"{edit}#id_description", "Beschrijf kort wat er is gebeurd."),
        ]
        assert 'aria-describedby="nog-nodig"' in html
    # The ids the links name exist on the report form.
    form_page = client.get(reverse("incidents:edit", args=[incident.pk])).content.decode()
    ids = ErrorPage()
    ids.feed(form_page)
    assert {"id_kinds_0", "id_description"} <= set(ids.ids)


@pytest.mark.django_db
def test_the_grant_wizard_names_the_measure_and_field_of_each_error(client):
    """Step 2 is a formset of measures: the summary says which measure and which field, and
    links to it; the field itself is marked and described by its message."""
    from django.urls import reverse

    from subsidies.tests import factories

    application = factories.draft(costs=())
    client.force_login(application.created_by)
    data = {
        "regels-TOTAL_FORMS": "3",
        "regels-INITIAL_FORMS": "0",
        "regels-0-kind": "room_layout",
        "regels-0-description": "Tribune verplaatsen",
        "regels-0-cost": "1250",
        "regels-1-kind": "training",
        "regels-1-description": "Training voorzitter",
        "regels-1-cost": "-5",
        "regels-2-kind": "",
        "regels-2-description": "",
        "regels-2-cost": "",
    }
    response = client.post(reverse("subsidies:step", args=[application.pk, 2]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert error_page_problems(html) == []
    summary, page = _summary(html)
    assert "Eén of meer regels" not in summary["text"]
    [(target, text)] = summary["links"]
    assert target == "id_regels-1-cost"
    assert text.startswith("Maatregel 2, ")
    assert text.endswith(": Een bedrag kan niet negatief zijn.")
    [(_tag, id_, _name, attributes, described)] = page.invalid
    assert id_ == "id_regels-1-cost" and attributes["aria-invalid"] == "true"
    assert "id_regels-1-cost_error" in described.split()


def test_the_summary_lists_non_field_and_formset_errors_without_a_link():
    from django import forms
    from django.core.exceptions import ValidationError
    from django.template import Context, Template

    class Line(forms.Form):
        cost = forms.DecimalField(label="Bedrag")
        kind = forms.ChoiceField(
            label="Soort", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
        )

    class Lines(forms.BaseFormSet):
        def clean(self):
            raise ValidationError("Samen meer dan het maximum.")

    class Period(forms.Form):
        starts = forms.DateField(label="Begin")

        def clean(self):
            raise ValidationError("Het einde ligt voor het begin.")

    LineSet = forms.formset_factory(Line, formset=Lines, extra=0)
    lines = LineSet({"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-cost": "x"})
    period = Period({"starts": ""})
    html = Template(
        '{% load form_errors %}{% error_summary period lines row_label="Maatregel" %}'
    ).render(Context({"period": period, "lines": lines}))
    summary, _page = _summary(html)
    assert summary["links"] == [
        ("id_starts", "Begin: Dit veld is verplicht."),
        ("id_form-0-cost", "Maatregel 1, bedrag: Voer een getal in."),
        ("id_form-0-kind_0", "Maatregel 1, soort: Dit veld is verplicht."),
    ]
    text = " ".join(summary["text"].split())
    assert "Het einde ligt voor het begin." in text
    assert "Samen meer dan het maximum." in text
    # Nothing at all for forms without errors.
    empty = Template("{% load form_errors %}{% error_summary period %}").render(
        Context({"period": Period()})
    )
    assert empty.strip() == ""


@pytest.mark.django_db
def test_the_wizard_steps_and_the_draft_report_shown_with_errors(client):
    """The forms the matrix cannot reach with its sent-in objects: every step of a draft grant
    application and the draft report, posted with values that cannot be right."""
    from django.urls import reverse

    from incidents.tests import factories as incident_factories
    from subsidies.tests import factories

    application = factories.draft(costs=())
    client.force_login(application.created_by)
    nonsense = {"leeg": "", "occurred_on": "gisteren", "start_date": "x", "end_date": "x"}
    shown = []
    for step in range(1, 7):
        url = reverse("subsidies:step", args=[application.pk, step])
        data = dict(nonsense)
        if step == 2:
            data |= {"regels-TOTAL_FORMS": "1", "regels-INITIAL_FORMS": "0", "regels-0-cost": "x"}
        response = client.post(url, data)
        if response.status_code in (200, 400):
            html = response.content.decode()
            page = ErrorPage()
            page.feed(html)
            if page.in_error:
                shown.append(step)
            assert error_page_problems(html) == [], f"step {step}"
    assert 2 in shown, shown

    incident = incident_factories.draft()
    client.force_login(incident.reporter)
    response = client.post(reverse("incidents:edit", args=[incident.pk]), nonsense)
    html = response.content.decode()
    assert response.status_code == 200
    assert error_page_problems(html) == []
    summary, _page = _summary(html)
    assert summary["links"][0][0] == "id_occurred_on"


def _shown_again(response, field_id, *, kept=()):
    """The page came back (not a redirect) with one summary linking `field_id`, an id that
    exists on a field marked aria-invalid and described by its message; what was typed is kept."""
    assert response.status_code == 400, response.status_code
    html = response.content.decode()
    assert error_page_problems(html) == []
    summary, page = _summary(html)
    assert field_id in [target for target, _text in summary["links"]]
    assert page.ids[field_id] == 1
    [control] = [c for c in page.invalid if c[1] == field_id]
    assert control[3]["aria-invalid"] == "true"
    for value in kept:
        assert value in html, f"{value!r} was lost"
    return html


@pytest.mark.django_db
def test_the_partner_forms_are_shown_again_with_their_errors(client):
    """Invite a colleague, ask to join, add an attachment: an invalid post shows the page again
    with the form and its errors, no longer a redirect with a general message."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from accounts.tests import factories as people
    from network.models import Audience
    from network.tests.factories import contact_person, item

    client.force_login(contact_person())
    response = client.post(
        reverse("network:invite", args=["nvvr"]),
        {"full_name": "Anna de Vries", "email": "geen-adres"},
    )
    html = _shown_again(response, "id_email", kept=("Anna de Vries", "geen-adres"))
    assert 'name="full_name"' in html

    client.force_login(people.UserFactory())
    too_long = "Beleidsmedewerker " * 30
    response = client.post(reverse("network:join", args=["nvvr"]), {"motivation": too_long})
    _shown_again(response, "id_motivation", kept=(too_long.strip(),))

    staff = people.triage_staff()
    target = item(audience=Audience.PARTNERS, staff=staff)
    client.force_login(staff)
    url = reverse("network:attachment_add", args=[target.pk])
    _shown_again(client.post(url, {"title": "Draaiboek"}), "id_file", kept=("Draaiboek",))
    # A file the upload check refuses: the message is at the file field, the title kept.
    fake = SimpleUploadedFile("x.pdf", b"<script>")
    _shown_again(client.post(url, {"title": "Script", "file": fake}), "id_file", kept=("Script",))
    assert not target.attachments.exists()


@pytest.mark.django_db
def test_the_staff_payment_form_is_shown_again_with_its_errors(client):
    from django.urls import reverse

    from subsidies.tests import factories
    from subsidies.workflow import Status

    decision = factories.decided()
    application = decision.application
    client.force_login(decision.decided_by)
    url = reverse("subsidies:pay", args=[application.pk])
    _shown_again(client.post(url, {"amount": "veel"}), "id_amount", kept=("veel",))
    # More than was granted: the amount is what needs changing.
    _shown_again(client.post(url, {"amount": "99999999"}), "id_amount", kept=("99999999",))
    application.refresh_from_db()
    assert application.status == Status.GRANTED and application.paid_amount == 0


@pytest.mark.django_db
def test_asking_for_more_information_without_saying_what_shows_the_reason_field(client):
    from django.urls import reverse

    from subsidies.tests import factories
    from subsidies.workflow import Status

    application = factories.in_review()
    client.force_login(application.events.latest("pk").actor)
    url = reverse("subsidies:transition", args=[application.pk])
    response = client.post(url, {"to": Status.INFO_REQUESTED, "reason": "  "})
    _shown_again(response, "id_reason")
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW

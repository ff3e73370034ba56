"""The forms on the case page: each field its own id (a label never names the wrong box), text
typed is kept when anything goes wrong, and a message reaches the reporter only after staff saw
the exact text and confirmed it."""

import re

import pytest
from django.urls import reverse

from accounts.tests import factories as people
from incidents import actions
from incidents.models import InternalNote, Message
from incidents.tests import factories
from tests.test_unique_ids import id_problems

pytestmark = pytest.mark.django_db

CONFIRM_QUESTION = "Versturen aan de melder?"


@pytest.fixture
def case():
    return factories.submitted()


@pytest.fixture
def staff(client):
    user = people.triage_staff()
    client.force_login(user)
    return user


def detail_url(incident):
    return reverse("incidents:detail", args=[incident.pk])


def message_url(incident):
    return reverse("incidents:message", args=[incident.pk])


def note_url(incident):
    return reverse("incidents:note", args=[incident.pk])


def field(html, name):
    """The <textarea> (or <input>) with this name, as a tag string; None if absent."""
    match = re.search(
        rf'<textarea[^>]*\bname="{re.escape(name)}"[^>]*>(.*?)</textarea>', html, re.S
    ) or re.search(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', html)
    return match


def textarea_value(html, name):
    match = re.search(
        rf'<textarea[^>]*\bname="{re.escape(name)}"[^>]*>(.*?)</textarea>', html, re.S
    )
    assert match, f"no textarea {name!r} on the page"
    return match.group(1).strip()


def labelled_element(html, label_text):
    """The tag a <label> with this text points at (through for=...)."""
    label = re.search(rf'<label[^>]*\bfor="([^"]+)"[^>]*>\s*{re.escape(label_text)}', html)
    assert label, f"no label {label_text!r}"
    target = re.search(rf'<(\w+)[^>]*\bid="{re.escape(label.group(1))}"[^>]*>', html)
    assert target, f"label {label_text!r} points at no element"
    return target.group(0)


def test_the_note_label_names_the_note_box_and_the_message_label_the_message_box(
    client, case, staff
):
    html = client.get(detail_url(case)).content.decode()
    note_box = labelled_element(html, "Interne notitie")
    message_box = labelled_element(html, "Bericht aan de melder")
    assert note_box.startswith("<textarea") and 'name="note-body"' in note_box
    assert message_box.startswith("<textarea") and 'name="message-body"' in message_box
    assert id_problems(html) == []


def test_the_case_page_of_a_deployed_member_repeats_no_id(client, case):
    member = people.support_team_member()
    actions.incident_deploy(actor=people.triage_staff(), incident=case, member=member)
    client.force_login(member)
    html = client.get(detail_url(case)).content.decode()
    assert 'name="note-body"' in html
    assert id_problems(html) == []


def test_the_standard_reply_fills_the_message_box_not_the_note(client, case, staff):
    from incidents.models import ReplyTemplate

    ReplyTemplate.objects.create(title="Aangifte", body="Doe aangifte met de VPT-code.")
    html = client.get(detail_url(case)).content.decode()
    target = re.search(r'data-reply-target="([^"]+)"', html).group(1)
    assert re.search(rf'<textarea[^>]*\bid="{target}"[^>]*name="message-body"', html) or re.search(
        rf'<textarea[^>]*name="message-body"[^>]*\bid="{target}"', html
    )


def test_the_internal_note_is_set_apart_and_says_the_reporter_never_sees_it(client, case, staff):
    html = client.get(detail_url(case)).content.decode()
    assert "Alleen voor BZK – de melder ziet dit nooit" in html
    note_section = html[html.index('id="notities"') :]
    assert 'name="note-body"' in note_section and 'name="message-body"' not in note_section


def test_an_empty_note_shows_the_page_again_with_every_typed_text_kept(client, case, staff):
    response = client.post(
        note_url(case), {"note-body": "   ", "message-body": "Wij bellen u morgen."}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Schrijf eerst een notitie." in html
    assert textarea_value(html, "message-body") == "Wij bellen u morgen."
    assert not InternalNote.objects.exists() and not Message.objects.exists()


def test_a_too_long_note_keeps_the_typed_text(client, case, staff):
    text = "Dader bekend bij RIEC. " + "x" * 5000
    response = client.post(note_url(case), {"note-body": text})
    assert response.status_code == 200
    assert textarea_value(response.content.decode(), "note-body") == text
    assert not InternalNote.objects.exists()


def test_a_note_refused_by_the_action_keeps_the_typed_text(client, case, staff, monkeypatch):
    from django.core.exceptions import ValidationError

    def refuse(**kwargs):
        raise ValidationError("Dit kan nu niet.")

    monkeypatch.setattr(actions, "note_add", refuse)
    response = client.post(note_url(case), {"note-body": "Belangrijk: niet bellen na 22 uur."})
    assert response.status_code == 200
    html = response.content.decode()
    assert textarea_value(html, "note-body") == "Belangrijk: niet bellen na 22 uur."
    assert "Dit kan nu niet." in html


def test_a_saved_note_is_stored_and_never_becomes_a_message(client, case, staff):
    response = client.post(note_url(case), {"note-body": "Vermoedelijk dezelfde dader."})
    assert response.status_code == 302
    assert InternalNote.objects.get().body == "Vermoedelijk dezelfde dader."
    assert not Message.objects.exists()


def test_an_empty_message_keeps_the_note_typed_in_the_other_box(client, case, staff):
    response = client.post(
        message_url(case), {"message-body": "", "note-body": "Nog navragen bij de politie."}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Schrijf eerst een bericht." in html
    assert textarea_value(html, "note-body") == "Nog navragen bij de politie."
    assert CONFIRM_QUESTION not in html


def test_a_staff_message_first_shows_the_exact_text_and_asks_to_confirm(client, case, staff):
    text = "Wij bellen u vandaag.\nMet vriendelijke groet, <b>BZK</b>"
    response = client.post(message_url(case), {"message-body": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert CONFIRM_QUESTION in html
    assert "Wij bellen u vandaag.<br>Met vriendelijke groet, &lt;b&gt;BZK&lt;/b&gt;" in html
    assert re.search(r"<button[^>]*>\s*Versturen\s*</button>", html)
    assert re.search(r"<button[^>]*>\s*Aanpassen\s*</button>", html)
    assert "csrfmiddlewaretoken" in html
    assert "no-store" in response["Cache-Control"]
    assert id_problems(html) == []
    assert not Message.objects.exists()


def confirmation(client, incident, text, **extra):
    html = client.post(message_url(incident), {"message-body": text, **extra}).content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    from html import unescape

    return {name: unescape(value) for name, value in fields.items()}


def test_confirming_sends_the_message_once(client, case, staff):
    fields = confirmation(client, case, "Wij bellen u vandaag.")
    assert fields["message-body"] == "Wij bellen u vandaag."
    response = client.post(message_url(case), {**fields, "action": "send"})
    assert response.status_code == 302 and response.url == detail_url(case)
    assert Message.objects.get().body == "Wij bellen u vandaag."
    # A second click on "Versturen" (or a reload) does not send it twice.
    client.post(message_url(case), {**fields, "action": "send"})
    assert Message.objects.count() == 1
    page = client.get(detail_url(case)).content.decode()
    assert "Uw bericht is verstuurd." in page or "Wij bellen u vandaag." in page


def test_a_send_without_the_confirmation_step_sends_nothing(client, case, staff):
    response = client.post(
        message_url(case), {"message-body": "Direct versturen", "action": "send"}
    )
    assert response.status_code == 200
    assert CONFIRM_QUESTION in response.content.decode()
    assert not Message.objects.exists()


def test_a_text_changed_after_the_confirmation_is_shown_again_not_sent(client, case, staff):
    fields = confirmation(client, case, "Wij bellen u vandaag.")
    fields["message-body"] = "Iets heel anders"
    response = client.post(message_url(case), {**fields, "action": "send"})
    assert response.status_code == 200
    html = response.content.decode()
    assert CONFIRM_QUESTION in html and "Iets heel anders" in html
    assert "Controleer de tekst opnieuw" in html
    assert not Message.objects.exists()


def test_a_confirmation_older_than_an_hour_is_asked_again(client, case, staff, monkeypatch):
    fields = confirmation(client, case, "Wij bellen u vandaag.")
    monkeypatch.setattr("incidents.views.case.CONFIRMATION_MAX_AGE", -1)  # already too old
    response = client.post(message_url(case), {**fields, "action": "send"})
    assert CONFIRM_QUESTION in response.content.decode()
    assert not Message.objects.exists()


def test_a_confirmation_for_another_case_or_colleague_does_not_send(client, case, staff):
    other = factories.submitted()
    fields = confirmation(client, other, "Wij bellen u vandaag.")
    client.post(message_url(case), {**fields, "action": "send"})
    client.force_login(people.triage_staff())
    own = confirmation(client, case, "Wij bellen u vandaag.")
    client.force_login(staff)
    client.post(message_url(case), {**own, "action": "send"})
    assert not Message.objects.exists()


def test_adjusting_returns_to_the_case_page_with_the_text_in_the_message_box(client, case, staff):
    fields = confirmation(
        client, case, "Wij bellen u vandaag.", **{"note-body": "Concept: nog overleggen."}
    )
    response = client.post(message_url(case), {**fields, "action": "edit"})
    assert response.status_code == 200
    html = response.content.decode()
    assert CONFIRM_QUESTION not in html
    assert textarea_value(html, "message-body") == "Wij bellen u vandaag."
    assert textarea_value(html, "note-body") == "Concept: nog overleggen."
    assert not Message.objects.exists()


def test_the_confirmation_page_never_shows_the_draft_note_as_text(client, case, staff):
    response = client.post(
        message_url(case), {"message-body": "Bericht", "note-body": "GEHEIME NOTITIE"}
    )
    html = response.content.decode()
    visible = re.sub(r"<input[^>]*>", "", html)
    assert "GEHEIME NOTITIE" not in visible


def test_the_reporter_sends_without_a_confirmation_and_keeps_the_text_on_an_error(client, case):
    client.force_login(case.reporter)
    response = client.post(message_url(case), {"message-body": "x" * 5001})
    assert response.status_code == 200
    assert textarea_value(response.content.decode(), "message-body") == "x" * 5001
    response = client.post(message_url(case), {"message-body": "Er is weer een brief."})
    assert response.status_code == 302
    assert Message.objects.get().body == "Er is weer een brief."


def test_a_deployed_member_confirms_a_message_and_a_member_not_deployed_gets_a_404(client, case):
    member = people.support_team_member()
    actions.incident_deploy(actor=people.triage_staff(), incident=case, member=member)
    client.force_login(people.support_team_member())
    response = client.post(message_url(case), {"message-body": "Hoi"})
    assert response.status_code == 404
    client.force_login(member)
    response = client.post(message_url(case), {"message-body": "Hoi"})
    assert response.status_code == 200 and not Message.objects.exists()
    token = re.search(r'name="confirmation" value="([^"]+)"', response.content.decode()).group(1)
    data = {"message-body": "Hoi", "confirmation": token, "action": "send"}
    assert client.post(message_url(case), data).status_code == 302
    message = Message.objects.get()
    assert message.from_staff and message.author == member


def test_the_confirmation_carries_no_case_content_in_its_url(client, case, staff):
    response = client.post(message_url(case), {"message-body": "Wij bellen u vandaag."})
    html = response.content.decode()
    form = re.search(
        r'<form method="post" action="([^"]*)"[^>]*>(?:(?!</form>).)*name="confirmation"',
        html,
        re.S,
    )
    assert form and form.group(1) == message_url(case)
    assert "?" not in form.group(1)


def test_text_typed_in_the_other_box_is_back_after_a_note_is_saved(client, case, staff):
    client.post(
        note_url(case), {"note-body": "Bekend bij RIEC.", "message-body": "Wij bellen u morgen."}
    )
    html = client.get(detail_url(case)).content.decode()
    assert textarea_value(html, "message-body") == "Wij bellen u morgen."
    assert textarea_value(html, "note-body") == ""
    # Once: the next visit starts empty.
    html = client.get(detail_url(case)).content.decode()
    assert textarea_value(html, "message-body") == ""


def test_text_typed_in_both_boxes_is_back_after_another_form_is_sent(client, case, staff):
    client.post(
        reverse("incidents:transition", args=[case.pk]),
        {"to": "acknowledged", "message-body": "Concept bericht", "note-body": "Concept notitie"},
    )
    html = client.get(detail_url(case)).content.decode()
    assert textarea_value(html, "message-body") == "Concept bericht"
    assert textarea_value(html, "note-body") == "Concept notitie"


def test_the_note_draft_is_back_after_the_message_is_sent(client, case, staff):
    fields = confirmation(client, case, "Wij bellen u.", **{"note-body": "Concept notitie"})
    client.post(message_url(case), {**fields, "action": "send"})
    assert Message.objects.get().body == "Wij bellen u."
    html = client.get(detail_url(case)).content.decode()
    assert textarea_value(html, "note-body") == "Concept notitie"
    assert textarea_value(html, "message-body") == ""


def test_a_kept_draft_waits_encrypted_in_the_session(client, case, staff):
    client.post(note_url(case), {"note-body": "x", "message-body": "Zeer vertrouwelijk concept"})
    stored = str(dict(client.session))
    assert "Zeer vertrouwelijk" not in stored and f"incidents:drafts:{case.pk}" in stored


def test_a_draft_kept_for_one_case_never_shows_on_another(client, case, staff):
    other = factories.submitted()
    client.post(note_url(case), {"note-body": "x", "message-body": "Alleen voor deze zaak"})
    assert "Alleen voor deze zaak" not in client.get(detail_url(other)).content.decode()


def test_a_line_break_sent_as_crlf_is_confirmed_and_stored_as_one(client, case, staff):
    fields = confirmation(client, case, "Regel een\r\nRegel twee")
    assert fields["message-body"] == "Regel een\nRegel twee"
    fields["message-body"] = "Regel een\r\nRegel twee"  # as a browser sends the hidden field
    client.post(message_url(case), {**fields, "action": "send"})
    assert Message.objects.get().body == "Regel een\nRegel twee"


def test_message_send_skips_only_the_same_text_from_the_same_sender_since_the_confirmation(case):
    from django.utils import timezone

    staff, colleague = people.triage_staff(), people.triage_staff()
    before = actions.message_send(actor=staff, incident=case, body="Wij bellen u.")
    confirmed_at = timezone.now()
    first = actions.message_send(
        actor=staff, incident=case, body="Wij bellen u.", unless_sent_since=confirmed_at
    )
    again = actions.message_send(
        actor=staff, incident=case, body="Wij bellen u.", unless_sent_since=confirmed_at
    )
    other_text = actions.message_send(
        actor=staff, incident=case, body="Iets anders.", unless_sent_since=confirmed_at
    )
    other_sender = actions.message_send(
        actor=colleague, incident=case, body="Wij bellen u.", unless_sent_since=confirmed_at
    )
    assert first != before and again == first
    assert len({before.pk, first.pk, other_text.pk, other_sender.pk}) == 4
    assert Message.objects.count() == 4

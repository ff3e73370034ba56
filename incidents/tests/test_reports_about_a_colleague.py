"""Reports about a colleague: as a witness, or on a colleague's behalf. The reporter names a
colleague of their own government body; once sent, the colleague is linked, hears of it without
content, sees the case, and gives or withholds consent; on an on-behalf report that answer
governs sharing. Nobody else sees anything (404): not another officeholder of the same body,
not the griffier."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

import audit.models
from accounts.models import OfficeType
from accounts.tests import factories as people
from incidents import actions, concerned, privacy
from incidents.models import ConcernedConsent, EventKind, Incident, ReportedFor
from incidents.pdf import render_dossier
from incidents.tests import factories
from incidents.tests.test_pdf import pages_text
from incidents.workflow import TransitionNotAllowed
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    """A council member who reports, the colleague it happened to, a third member of the same
    council, the griffier, and an officeholder of another municipality."""
    return {
        "reporter": people.officeholder(full_name="Rita Raadslid"),
        "colleague": people.officeholder(full_name="Wim Wethouder", office_type="wethouder"),
        "third": people.officeholder(full_name="Derk Derde"),
        "griffier": people.griffier(full_name="Gerda Griffier"),
        "elsewhere": people.officeholder(
            full_name="Anna Anderstad", body=people.municipality("GM0363")
        ),
    }


def about_colleague(council, reported_for=ReportedFor.WITNESS, **data):
    return factories.submitted(
        council["reporter"],
        reported_for=reported_for,
        concerned_person=council["colleague"],
        **data,
    )


def get(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(name, args=args))


def test_the_form_lists_only_officeholders_of_the_reporters_own_body(client, council):
    draft = factories.draft(council["reporter"])
    html = get(client, council["reporter"], "incidents:edit", draft.pk).content.decode()
    assert "Wie is dit overkomen?" in html and "Een collega (ik was getuige)" in html
    assert "Wim Wethouder" in html and "Derk Derde" in html
    for absent in ("Anna Anderstad", "Gerda Griffier"):
        assert absent not in html
    select = re.search(r'<select name="concerned_person".*?</select>', html, re.S).group(0)
    options = set(re.findall(r'<option value="(\d+)"', select))
    assert options == {str(council["colleague"].pk), str(council["third"].pk)}


def test_a_colleague_of_another_body_cannot_be_named_by_a_forged_post(client, council):
    draft = factories.draft(council["reporter"])
    client.force_login(council["reporter"])
    response = client.post(
        reverse("incidents:edit", args=[draft.pk]),
        {"reported_for": "witness", "concerned_person": council["elsewhere"].pk, "next": ""},
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    draft.refresh_from_db()
    assert draft.concerned_person_id is None
    with pytest.raises(ValidationError):
        actions.incident_save_draft(
            actor=council["reporter"],
            incident=draft,
            data={"reported_for": "witness", "concerned_person": council["elsewhere"]},
        )


def test_the_report_form_saves_whom_it_is_about(client, council):
    draft = factories.draft(council["reporter"])
    client.force_login(council["reporter"])
    response = client.post(
        reverse("incidents:edit", args=[draft.pk]),
        {
            "reported_for": "on_behalf",
            "concerned_person": council["colleague"].pk,
            "kinds": ["threat"],
            "description": factories.DESCRIPTION,
            "later": "",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.reported_for, draft.concerned_person) == ("on_behalf", council["colleague"])


def test_switching_back_to_oneself_unlinks_the_colleague(council):
    draft = factories.draft(
        council["reporter"], reported_for="witness", concerned_person=council["colleague"]
    )
    actions.incident_save_draft(
        actor=council["reporter"], incident=draft, data={"reported_for": "self"}
    )
    draft.refresh_from_db()
    assert draft.reported_for == "self" and draft.concerned_person is None


def test_a_report_about_a_colleague_is_not_sent_without_naming_them(council):
    draft = factories.draft(council["reporter"], reported_for="witness")
    with pytest.raises(ValidationError, match="Kies de collega om wie het gaat"):
        actions.incident_submit(actor=council["reporter"], incident=draft)


def test_the_colleague_sees_nothing_of_a_draft(client, council):
    draft = factories.draft(
        council["reporter"], reported_for="witness", concerned_person=council["colleague"]
    )
    assert get(client, council["colleague"], "incidents:detail", draft.pk).status_code == 404
    assert not concerned.cases_concerning(council["colleague"])


def test_once_sent_the_colleague_is_linked_sees_it_and_nobody_else_does(client, council):
    incident = about_colleague(council)
    incident.refresh_from_db()
    evidence = actions.evidence_add(
        actor=council["reporter"],
        incident=incident,
        uploaded_file=factories.upload("foto.png", factories.png_bytes()),
    )
    listing = get(client, council["colleague"], "incidents:list").content.decode()
    assert "Meldingen over u" in listing and incident.reference in listing
    assert "Gemeld door Rita Raadslid, als getuige" in listing
    page = get(client, council["colleague"], "incidents:detail", incident.pk)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Deze melding gaat over u" in html and factories.DESCRIPTION in html
    assert "Ja, ik geef toestemming" in html
    # The messages between the reporter and BZK stay theirs; no staff forms.
    assert 'id="berichten"' not in html and "incidents:message" not in html
    assert reverse("incidents:message", args=[incident.pk]) not in html
    assert get(client, council["colleague"], "incidents:dossier", incident.pk).status_code == 200
    assert (
        get(client, council["colleague"], "incidents:evidence_file", incident.pk, evidence.pk)
    ).status_code == 200
    # The colleague's reads are audited: they are not the reporter.
    assert audit.models.AccessEntry.objects.filter(
        actor=council["colleague"], object_id=str(incident.pk)
    ).exists()
    # The reporter keeps seeing what they reported.
    assert get(client, council["reporter"], "incidents:detail", incident.pk).status_code == 200
    for other in ("third", "griffier", "elsewhere"):
        for name, args in (
            ("incidents:detail", [incident.pk]),
            ("incidents:dossier", [incident.pk]),
            ("incidents:evidence_file", [incident.pk, evidence.pk]),
        ):
            assert get(client, council[other], name, *args).status_code == 404, (other, name)
        listing = get(client, council[other], "incidents:list")
        assert incident.reference not in listing.content.decode()


def test_the_colleague_is_notified_once_without_content(
    council, smtp_settings, eager_tasks, django_capture_on_commit_callbacks
):
    before = len(smtp_settings.messages)
    with django_capture_on_commit_callbacks(execute=True):
        incident = about_colleague(council)
    rows = Notification.objects.filter(
        object_id=incident.pk, kind="incidents.concerned_linked"
    ).values_list("recipient", flat=True)
    assert list(rows) == [council["colleague"].pk]
    mails = [m for m in smtp_settings.messages[before:] if m["To"] == council["colleague"].email]
    assert len(mails) == 1
    body = mails[0].get_payload(decode=True).decode()
    assert incident.reference in mails[0]["Subject"] + body
    assert reverse("incidents:detail", args=[incident.pk]) in body
    for secret in (factories.DESCRIPTION, "Jan K.", "Rita", "Raadslid", "getuige"):
        assert secret not in body and secret not in mails[0]["Subject"]


def test_the_colleague_gives_consent_and_may_change_it(client, council):
    incident = about_colleague(council, reported_for=ReportedFor.ON_BEHALF)
    client.force_login(council["colleague"])
    url = reverse("incidents:consent", args=[incident.pk])
    response = client.post(url, {"consent-answer": "given"})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.concerned_consent == ConcernedConsent.GIVEN
    assert incident.concerned_consent_at is not None
    event = incident.events.get(kind=EventKind.CONSENT)
    assert (event.actor, event.to_value) == (council["colleague"], "given")
    assert audit.models.AccessEntry.objects.filter(
        actor=council["colleague"], action="change", what=EventKind.CONSENT
    ).exists()
    client.post(url, {"consent-answer": "withheld"})
    incident.refresh_from_db()
    assert incident.concerned_consent == ConcernedConsent.WITHHELD
    # Nonsense is refused with a Dutch message, nothing changes.
    response = client.post(url, {"consent-answer": "<script>"}, follow=True)
    assert "Kies of u toestemming geeft." in response.content.decode()
    incident.refresh_from_db()
    assert incident.concerned_consent == ConcernedConsent.WITHHELD


def test_nobody_but_the_colleague_answers_for_them(client, council):
    incident = about_colleague(council, reported_for=ReportedFor.ON_BEHALF)
    staff = people.triage_staff()
    for user in (council["reporter"], council["third"], council["griffier"], staff):
        client.force_login(user)
        response = client.post(
            reverse("incidents:consent", args=[incident.pk]), {"consent-answer": "given"}
        )
        assert response.status_code == 404
        with pytest.raises(PermissionDenied):
            concerned.concerned_consent_set(actor=user, incident=incident, consent="given")
    incident.refresh_from_db()
    assert incident.concerned_consent == ConcernedConsent.ASKED


def test_on_behalf_the_colleagues_consent_governs_deploying_the_team(council):
    incident = about_colleague(council, reported_for=ReportedFor.ON_BEHALF)
    staff, member = people.triage_staff(), people.support_team_member()
    assert concerned.sharing_decided_by(incident) == council["colleague"]
    with pytest.raises(TransitionNotAllowed, match="nog geen toestemming"):
        actions.incident_deploy(actor=staff, incident=incident, member=member)
    concerned.concerned_consent_set(
        actor=council["colleague"], incident=incident, consent="withheld"
    )
    with pytest.raises(TransitionNotAllowed, match="gaf geen toestemming"):
        actions.incident_deploy(actor=staff, incident=incident, member=member)
    concerned.concerned_consent_set(actor=council["colleague"], incident=incident, consent="given")
    assert actions.incident_deploy(actor=staff, incident=incident, member=member)


def test_a_witness_governs_sharing_of_their_own_observation(council):
    incident = about_colleague(council, reported_for=ReportedFor.WITNESS)
    assert concerned.sharing_decided_by(incident) == council["reporter"]
    staff, member = people.triage_staff(), people.support_team_member()
    assert actions.incident_deploy(actor=staff, incident=incident, member=member)


def test_staff_see_who_reported_and_whom_it_concerns(client, council):
    incident = about_colleague(council, reported_for=ReportedFor.ON_BEHALF)
    html = get(client, people.triage_staff(), "incidents:detail", incident.pk).content.decode()
    assert "Melding namens een collega" in html
    assert "Rita Raadslid (melder) meldt dit namens Wim Wethouder." in html
    assert council["colleague"].email in html and "Nog niet beantwoord" in html
    assert "heeft nog geen toestemming gegeven om de melding te delen" in html
    assert reverse("incidents:deploy", args=[incident.pk]) not in html


def test_the_reporter_sees_the_colleagues_answer(client, council):
    incident = about_colleague(council)
    concerned.concerned_consent_set(actor=council["colleague"], incident=incident, consent="given")
    html = get(client, council["reporter"], "incidents:detail", incident.pk).content.decode()
    assert "U meldde dit als getuige van wat uw collega Wim Wethouder overkwam." in html
    assert "Toestemming gegeven" in html
    assert council["colleague"].email not in html


def test_a_case_handler_does_not_handle_a_report_about_themselves(council):
    handler = people.triage_staff()
    people.with_role(handler, "officeholder", OfficeType.RAADSLID, people.municipality())
    incident = factories.submitted(
        council["reporter"], reported_for="witness", concerned_person=handler
    )
    with pytest.raises(PermissionDenied):
        actions.incident_assign(actor=handler, incident=incident, assignee=handler)


def test_erasing_the_colleague_anonymises_reports_about_them(council):
    incident = about_colleague(council)
    privacy.erase(user=council["colleague"])
    incident = Incident.objects.get(pk=incident.pk)
    assert incident.description == ""


def test_the_dossier_says_it_is_a_witness_report_and_whom_it_concerns(council):
    incident = about_colleague(council)
    _reader, pages = pages_text(render_dossier(incident))
    assert "Melding van een getuige: de melder zag dit gebeuren bij Wim Wethouder." in pages[0]


def test_the_colleague_does_not_see_how_to_reach_the_reporter(client, council):
    incident = about_colleague(council, contact_preference="phone", contact_phone="06 1234 5678")
    colleague_page = get(client, council["colleague"], "incidents:detail", incident.pk)
    assert "06 1234 5678" not in colleague_page.content.decode()
    reporter_page = get(client, council["reporter"], "incidents:detail", incident.pk)
    assert "06 1234 5678" in reporter_page.content.decode()


def test_a_case_handler_the_report_is_about_neither_writes_notes_nor_messages(council):
    handler = people.triage_staff()
    people.with_role(handler, "officeholder", OfficeType.RAADSLID, people.municipality())
    incident = factories.submitted(
        council["reporter"], reported_for="on_behalf", concerned_person=handler
    )
    with pytest.raises(PermissionDenied):
        actions.note_add(actor=handler, incident=incident, body="Over mijzelf.")
    with pytest.raises(PermissionDenied):
        actions.message_send(actor=handler, incident=incident, body="Over mijzelf.")


def test_the_queue_says_which_reports_are_about_a_colleague(client, council):
    witnessed = about_colleague(council)
    on_behalf = about_colleague(council, reported_for=ReportedFor.ON_BEHALF)
    html = get(client, people.triage_staff(), "incidents:queue").content.decode()
    rows = {
        ref: re.search(rf"{ref}.*?</tr>", html, re.S).group(0)
        for ref in (witnessed.reference, on_behalf.reference)
    }
    assert "als getuige, over een collega" in rows[witnessed.reference]
    assert "namens een collega" in rows[on_behalf.reference]

"""Issue 17, grants: the decision is previewed before it binds, the assessment and the
attachment kind have no preselected choice, the four-eyes dead end shows the way out, and a
second application for the same body leads to the existing one."""

import re

import pytest
from django.urls import reverse

from accounts.tests import factories as people
from subsidies.models import Decision, GrantApplication
from subsidies.tests import factories
from subsidies.workflow import Status

pytestmark = pytest.mark.django_db


def selected_options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, flags=re.S)
    assert select, f"the form has a {name} choice"
    return re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', select.group(1))


# 1. Preview, then "Besluit definitief versturen".


def test_the_decision_preview_shows_each_measure_and_writes_nothing(client):
    application = factories.assessed(costs=("12500.00", "2500.50"))
    client.force_login(people.triage_staff())
    decide = reverse("subsidies:decide", args=[application.pk])
    lines = list(application.lines.order_by("pk"))
    response = client.post(
        decide,
        {
            "outcome": "partly_granted",
            f"amount_{lines[0].pk}": "10000,00",
            f"amount_{lines[1].pk}": "0",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    summary = html.split('class="mb-4 decision-summary"')[1].split("</section>")[0]
    assert "Deels toegekend" in summary
    assert all(f"€\xa0{amount}" in summary for amount in ("12.500,00", "10.000,00", "2.500,50"))
    assert "Besluit definitief versturen" in html
    assert "er is niets vastgelegd of verstuurd" in html
    assert not Decision.objects.exists()
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_deciding_without_the_confirmation_step_records_nothing(client):
    application = factories.assessed()
    client.force_login(people.triage_staff())
    decide = reverse("subsidies:decide", args=[application.pk])
    client.post(decide, {"outcome": "granted", "confirm": "1"})
    assert not Decision.objects.exists()


# 2. No preselected score or advice.


def test_the_assessment_form_preselects_no_score_and_no_advice(client):
    application = factories.in_review()
    client.force_login(people.triage_staff())
    html = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert selected_options(html, "score") == [""]
    assert selected_options(html, "advice") == [""]
    assert "— kies een score —" in html


def test_an_assessment_without_score_and_advice_is_refused_at_the_fields(client):
    application = factories.in_review()
    client.force_login(people.triage_staff())
    response = client.post(
        reverse("subsidies:assess", args=[application.pk]), {"body_eligible": "on"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een score van 1 tot en met 5." in html
    assert "Kies een advies." in html
    assert re.search(r'<select name="score"[^>]*aria-invalid="true"', html)
    assert not application.assessments.exists()


# 3. The four-eyes dead end explains the way out.


def test_a_lone_reviewer_is_told_how_to_get_a_second_person(client):
    reviewer = people.triage_staff()
    application = factories.assessed(reviewer=reviewer)
    client.force_login(reviewer)
    html = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert "Er is nog geen tweede medewerker die kan besluiten" in html
    assert f'href="{reverse("accounts:invitation_list")}"' in html


def test_with_a_colleague_the_hint_is_not_shown(client):
    reviewer = people.triage_staff()
    people.triage_staff()
    application = factories.assessed(reviewer=reviewer)
    client.force_login(reviewer)
    html = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert "Een collega neemt het besluit" in html
    assert "Er is nog geen tweede medewerker" not in html


# 4. The attachment kind is chosen, not defaulted.


def test_the_attachment_kind_has_no_default_and_must_be_chosen(client):
    application = factories.draft()
    client.force_login(application.created_by)
    step = reverse("subsidies:step", args=[application.pk, 5])
    html = client.get(step).content.decode()
    assert selected_options(html, "kind") == [""]
    assert "— kies het soort bijlage —" in html
    response = client.post(step, {"file": factories.pdf_upload(), "upload": ""})
    assert "Kies het soort bijlage." in response.content.decode()
    assert application.attachments.count() == 2  # only the two from the factory


# 5. A second Veilig Vergaderen application leads to the existing one.


def test_a_second_application_for_a_body_leads_to_the_existing_one(client):
    application = factories.draft()
    colleague = people.griffier(body=application.body)
    client.force_login(colleague)
    response = client.post(
        reverse("subsidies:start"),
        {"scheme": application.scheme_id, "body": application.body_id},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("subsidies:detail", args=[application.pk])
    page = client.get(response["Location"]).content.decode()
    assert "is al een aanvraag voor Veilig Vergaderen" in page
    assert GrantApplication.objects.count() == 1

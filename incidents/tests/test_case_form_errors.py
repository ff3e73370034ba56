"""The assign and deploy forms of the case page and the queue's save-filter form, sent with a
wrong or missing choice: the page again with the error summary linking to the field, the field
marked aria-invalid with its own message, and nothing typed lost (no redirect with a flash)."""

import re

import pytest
from django.urls import reverse

from accounts.tests import factories as people
from incidents.models import SavedQueueFilter, SupportDeployment
from incidents.tests import factories
from incidents.workflow import Status
from tests.test_form_errors import error_page_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return factories.submitted()


@pytest.fixture
def staff(client):
    user = people.triage_staff()
    client.force_login(user)
    return user


def field_tag(html, field_id):
    match = re.search(rf'<(?:select|input|textarea)\b[^>]*\bid="{re.escape(field_id)}"[^>]*>', html)
    assert match, f"no field #{field_id} on the page"
    return match.group(0)


def assert_field_error(response, field_id, message):
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("data-error-summary") == 1
    summary = html[html.index("data-error-summary") :]
    summary = summary[: summary.index("</div>")]
    assert f'href="#{field_id}"' in summary
    assert message in summary
    tag = field_tag(html, field_id)
    assert 'aria-invalid="true"' in tag
    assert error_page_problems(html) == []
    return html


def textarea_value(html, name):
    match = re.search(rf'<textarea[^>]*\bname="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, f"no textarea {name!r}"
    return match.group(1).strip()


def test_deploy_without_a_member_shows_the_page_with_the_field_marked_and_texts_kept(
    client, case, staff
):
    response = client.post(
        reverse("incidents:deploy", args=[case.pk]),
        {"deploy-member": "", "message-body": "Beste melder,", "note-body": "Eerst bellen."},
    )
    html = assert_field_error(
        response, "id_deploy-member", "Kies een lid van het Ondersteuningsteam."
    )
    assert textarea_value(html, "message-body") == "Beste melder,"
    assert textarea_value(html, "note-body") == "Eerst bellen."
    assert not SupportDeployment.objects.filter(incident=case).exists()


def test_deploy_of_someone_not_in_the_team_marks_the_field(client, case, staff):
    outsider = people.triage_staff()
    response = client.post(
        reverse("incidents:deploy", args=[case.pk]), {"deploy-member": outsider.pk}
    )
    assert_field_error(response, "id_deploy-member", "Lid van het Ondersteuningsteam:")


def test_deploy_on_a_closed_case_stays_a_flash_message_not_a_field_error(client, case, staff):
    case.status = Status.CLOSED
    case.save(update_fields=["status"])
    response = client.post(reverse("incidents:deploy", args=[case.pk]), {"deploy-member": ""})
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "afgesloten melding" in page
    assert "data-error-summary" not in page


def test_assign_to_a_handler_no_longer_active_marks_the_field_and_keeps_the_texts(
    client, case, staff
):
    gone = people.triage_staff(is_active=False)
    response = client.post(
        reverse("incidents:assign", args=[case.pk]),
        {"assign-assignee": gone.pk, "message-body": "Beste melder,"},
    )
    html = assert_field_error(response, "id_assign-assignee", "Behandelaar:")
    assert textarea_value(html, "message-body") == "Beste melder,"
    case.refresh_from_db()
    assert case.assignee_id is None


def test_saving_a_filter_without_a_name_shows_the_queue_with_the_filter_kept(client, staff):
    factories.submitted(immediate_danger=True)
    response = client.post(
        reverse("incidents:save_filter"), {"name": "", "urgent": "1", "assignee": "me"}
    )
    html = assert_field_error(response, "id_name", "Geef het filter een naam.")
    assert not SavedQueueFilter.objects.exists()
    # The save form still carries the filter, and the filters panel is open on the field.
    assert '<input type="hidden" name="urgent" value="1">' in html
    assert '<input type="hidden" name="assignee" value="me">' in html
    assert re.search(r'<details class="queue-filters[^"]*" open>', html)

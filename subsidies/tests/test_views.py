"""The pages: who gets what (owner, colleague, other body, staff, outsider), drafts that resume,
query budgets that do not grow with rows."""

import pytest
from django.urls import reverse

from accounts.tests import factories as people
from audit.models import AccessEntry
from subsidies import actions
from subsidies.models import GrantApplication
from subsidies.tests import factories
from subsidies.workflow import Status

pytestmark = pytest.mark.django_db


def people_around(application):
    return {
        "owner": application.created_by,
        "colleague": people.griffier(body=application.body),
        "other_body": people.griffier(body=people.municipality("GM0363")),
        "staff": people.triage_staff(),
        "officeholder": people.officeholder(body=application.body),
        "partner": people.partner(),
    }


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 200),
        ("colleague", 200),
        ("other_body", 404),
        ("staff", 200),
        ("officeholder", 404),
        ("partner", 404),
    ],
)
def test_detail_and_attachment(client, who, status):
    application = factories.submitted()
    client.force_login(people_around(application)[who])
    assert client.get(reverse("subsidies:detail", args=[application.pk])).status_code == status
    attachment = application.attachments.first()
    response = client.get(reverse("subsidies:attachment", args=[application.pk, attachment.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("colleague", 200), ("other_body", 404), ("staff", 404), ("partner", 404)],
)
def test_only_the_griffiers_of_the_body_edit_a_draft(client, who, status):
    application = factories.draft()
    client.force_login(people_around(application)[who])
    assert client.get(reverse("subsidies:step", args=[application.pk, 1])).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("colleague", 200), ("other_body", 404), ("staff", 200), ("partner", 404)],
)
def test_decision_letter(client, who, status):
    decision = factories.decided()
    actions.decision_send(actor=people.triage_staff(), decision=decision)
    application = decision.application
    client.force_login(people_around(application)[who])
    response = client.get(reverse("subsidies:letter", args=[application.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"


def test_no_letter_before_a_decision_is_sent(client):
    application = factories.submitted()
    client.force_login(application.created_by)
    assert client.get(reverse("subsidies:letter", args=[application.pk])).status_code == 404


@pytest.mark.parametrize("who", ["griffier", "other_griffier", "partner"])
def test_staff_pages_are_404_for_others(client, who):
    application = factories.assessed()
    user = {
        "griffier": application.created_by,
        "other_griffier": people.griffier(body=people.municipality("GM0363")),
        "partner": people.partner(),
    }[who]
    client.force_login(user)
    for name in ("decide",):
        assert client.get(reverse(f"subsidies:{name}", args=[application.pk])).status_code == 404
    for name in ("transition", "assess", "pay", "account_approve"):
        response = client.post(reverse(f"subsidies:{name}", args=[application.pk]), {"to": "x"})
        assert response.status_code == 404
    assert client.get(reverse("subsidies:budget")).status_code == 404
    assert client.get(reverse("subsidies:export")).status_code == 404


def test_a_draft_resumes_at_the_next_step(client):
    griffier = people.griffier()
    client.force_login(griffier)
    scheme = factories.veilig_vergaderen()
    response = client.post(
        reverse("subsidies:start"),
        {"scheme": scheme.pk, "body": griffier.role_assignments.get().body_id},
    )
    application = GrantApplication.objects.get()
    assert response.url == reverse("subsidies:step", args=[application.pk, 1])
    response = client.post(
        reverse("subsidies:step", args=[application.pk, 1]),
        {"current_situation": "Krappe zaal", "incidents": "", "later": ""},
    )
    assert response.url == reverse("subsidies:detail", args=[application.pk])
    page = client.get(response.url).content.decode()
    assert reverse("subsidies:step", args=[application.pk, 2]) in page
    assert "Verder gaan met de aanvraag" in page
    application.refresh_from_db()
    assert (application.current_situation, application.last_step) == ("Krappe zaal", 1)
    step1 = client.get(reverse("subsidies:step", args=[application.pk, 1])).content.decode()
    assert "Krappe zaal" in step1
    assert 'aria-current="step"' in step1


def test_measure_lines_accept_dutch_amounts_and_compute_the_total(client):
    application = factories.draft(costs=())
    client.force_login(application.created_by)
    data = {
        "regels-TOTAL_FORMS": "3",
        "regels-INITIAL_FORMS": "0",
        "regels-0-kind": "room_layout",
        "regels-0-description": "Tribune verplaatsen",
        "regels-0-cost": "1.250,50",
        "regels-1-kind": "training",
        "regels-1-description": "Training voorzitter",
        "regels-1-cost": "1250.50",
        "regels-2-kind": "",
        "regels-2-description": "",
        "regels-2-cost": "",
        "next": "",
    }
    response = client.post(reverse("subsidies:step", args=[application.pk, 2]), data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert str(application.requested_total) == "2501.00"
    assert application.lines.count() == 2


def test_a_negative_amount_gets_a_dutch_error_at_the_field(client):
    application = factories.draft(costs=())
    client.force_login(application.created_by)
    data = {
        "regels-TOTAL_FORMS": "1",
        "regels-INITIAL_FORMS": "0",
        "regels-0-kind": "room_layout",
        "regels-0-description": "Tribune",
        "regels-0-cost": "-5",
    }
    response = client.post(reverse("subsidies:step", args=[application.pk, 2]), data)
    assert response.status_code == 200
    assert "Een bedrag kan niet negatief zijn." in response.content.decode()
    assert application.lines.count() == 0


def test_submitting_from_the_last_step(client):
    application = factories.draft()
    client.force_login(application.created_by)
    response = client.post(reverse("subsidies:step", args=[application.pk, 6]))
    assert response.url == reverse("subsidies:detail", args=[application.pk])
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    page = client.get(response.url).content.decode()
    assert "Ingediend" in page
    # A sent-in application is no longer editable through the steps.
    response = client.get(reverse("subsidies:step", args=[application.pk, 1]))
    assert response.status_code == 302


def test_staff_review_then_a_colleague_decides_through_the_pages(client):
    application = factories.submitted()
    reviewer, decider = people.triage_staff(), people.triage_staff()
    client.force_login(reviewer)
    detail = reverse("subsidies:detail", args=[application.pk])
    client.post(reverse("subsidies:transition", args=[application.pk]), {"to": "in_review"})
    client.post(
        reverse("subsidies:assess", args=[application.pk]),
        {"body_eligible": "on", "score": "4", "advice": "grant"},
    )
    page = client.get(detail).content.decode()
    assert "Een collega neemt het besluit" in page
    assert client.get(reverse("subsidies:decide", args=[application.pk])).status_code == 200
    response = client.post(
        reverse("subsidies:decide", args=[application.pk]), {"outcome": "granted"}
    )
    assert "vier ogen" in response.content.decode()
    client.force_login(decider)
    decide = reverse("subsidies:decide", args=[application.pk])
    preview = client.post(decide, {"outcome": "granted"})
    assert "Beschikking versturen?" in preview.content.decode()
    token = preview.context["letter_preview"].token
    response = client.post(decide, {"outcome": "granted", "preview_token": token, "confirm": "1"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.GRANTED
    assert application.decision.is_sent


def test_list_query_budget_does_not_grow_with_rows(client, django_assert_max_num_queries):
    staff = people.triage_staff()
    client.force_login(staff)
    factories.submitted()
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("subsidies:list"))
    for code in ("GM0363", "GM0014", "GM0034"):
        factories.decided(griffier=people.griffier(body=people.municipality(code)))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("subsidies:list"))
    assert response.content.decode().count("status-badge") == 4


def test_budget_overview_and_its_query_budget(client, django_assert_max_num_queries):
    staff = people.triage_staff()
    client.force_login(staff)
    factories.decided()
    with django_assert_max_num_queries(10) as first:
        client.get(reverse("subsidies:budget"))
    factories.decided(griffier=people.griffier(body=people.municipality("GM0363")))
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(reverse("subsidies:budget"))
    page = response.content.decode()
    assert "€\xa03.000.000,00" in page
    assert "€\xa030.001,00" in page  # granted: two times 15.000,50
    assert "€\xa02.969.999,00" in page


def test_export_csv_for_staff(client):
    decision = factories.decided()
    client.force_login(people.triage_staff())
    response = client.get(reverse("subsidies:export"))
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    header, row = body.strip().splitlines()[:2]
    assert header.startswith("kenmerk;regeling;overheid")
    assert decision.application.reference in row
    assert "15000.50" in row
    assert "bedreigd" not in body  # no free text from the application


def test_navigation_per_role():
    from subsidies.navigation import links_for

    assert [link.title for link in links_for(people.griffier())] == [
        "Subsidie aanvragen",
        "Mijn aanvragen",
    ]
    assert [link.title for link in links_for(people.triage_staff())] == [
        "Aanvragen beoordelen",
        "Budgetoverzicht",
    ]
    assert links_for(people.partner()) == []


def test_demo_seed_is_idempotent():
    import io

    from accounts.demo import seed_accounts
    from subsidies import demo

    seed_accounts(password=people.PASSWORD)
    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    applications = GrantApplication.objects.filter(body__code="GM0344")
    # The mayor's own fund draft, the one on the alderman's behalf, and the griffie's two.
    assert sorted(applications.values_list("status", flat=True)) == [
        "draft",
        "draft",
        "paid",
        "submitted",
    ]
    assert applications.filter(on_behalf_by__isnull=False).count() == 1


def test_staff_see_what_changed_between_revisions(client):
    application = factories.in_review()
    staff = people.triage_staff()
    actions.application_transition(
        actor=staff, application=application, to_status=Status.INFO_REQUESTED, reason="Offerte?"
    )
    griffier = application.created_by
    client.force_login(griffier)
    page = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert "BZK vraagt om een aanvulling." in page
    assert "Offerte?" in page
    client.post(
        reverse("subsidies:step", args=[application.pk, 3]),
        {"planning": "Na het reces.", "co_financing": "2.000,00", "later": ""},
    )
    client.post(reverse("subsidies:step", args=[application.pk, 6]))
    application.refresh_from_db()
    assert application.status == Status.RESUBMITTED
    client.force_login(staff)
    page = client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    assert "Versie 1 → versie 2" in page
    assert "Na het reces." in page and "Voor het zomerreces klaar." in page
    # The griffier does not get the staff panel.
    client.force_login(griffier)
    assert (
        "Versie 1 → versie 2"
        not in client.get(reverse("subsidies:detail", args=[application.pk])).content.decode()
    )


def test_griffier_submits_the_account_and_staff_approve_it(client):
    decision = factories.decided()
    application = decision.application
    staff = people.triage_staff()
    actions.application_mark_paid(actor=staff, application=application)
    client.force_login(application.created_by)
    response = client.post(
        reverse("subsidies:account", args=[application.pk]),
        {"what_was_done": "Zaal aangepast", "actual_costs": "-1", "lessons": "Vroeg beginnen"},
    )
    assert response.status_code == 400
    assert "Een bedrag kan niet negatief zijn." in response.content.decode()
    client.post(
        reverse("subsidies:account", args=[application.pk]),
        {"what_was_done": "Zaal aangepast", "actual_costs": "14.000", "lessons": "Vroeg beginnen"},
    )
    assert str(application.account.actual_costs) == "14000.00"
    other = people.griffier(body=people.municipality("GM0363"))
    client.force_login(other)
    assert client.post(reverse("subsidies:account", args=[application.pk])).status_code == 404
    client.force_login(staff)
    client.post(reverse("subsidies:account_approve", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == Status.ACCOUNTED


def test_garbage_ids_in_posts_are_404_not_500(client):
    application = factories.draft()
    client.force_login(application.created_by)
    assert client.post(reverse("subsidies:start"), {"scheme": "abc"}).status_code == 404
    response = client.post(reverse("subsidies:step", args=[application.pk, 5]), {"remove": "x"})
    assert response.status_code == 404


def test_a_second_application_for_the_same_body_shows_the_existing_one(client):
    application = factories.draft()
    client.force_login(application.created_by)
    response = client.post(
        reverse("subsidies:start"),
        {"scheme": application.scheme_id, "body": application.body_id},
        follow=True,
    )
    assert "u ziet hier de bestaande aanvraag" in response.content.decode()
    assert GrantApplication.objects.count() == 1


def test_uploads_are_checked_by_content(client):
    application = factories.draft()
    client.force_login(application.created_by)
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("offerte.pdf", b"<html><script>alert(1)</script>", "application/pdf")
    response = client.post(
        reverse("subsidies:step", args=[application.pk, 5]),
        {"kind": "quote", "file": fake, "upload": ""},
    )
    assert response.status_code == 200
    assert "Dit soort bestand kan niet worden toegevoegd" in response.content.decode()
    assert application.attachments.count() == 2  # only the two from the factory


def test_reads_by_staff_leave_an_audit_row_and_the_griffie_does_not(client):
    application = factories.submitted()
    client.force_login(application.created_by)
    client.get(reverse("subsidies:detail", args=[application.pk]))
    assert not AccessEntry.objects.filter(action="read").exists()
    staff = people.triage_staff()
    client.force_login(staff)
    client.get(reverse("subsidies:detail", args=[application.pk]))
    attachment = application.attachments.first()
    client.get(reverse("subsidies:attachment", args=[application.pk, attachment.pk]))
    reads = AccessEntry.objects.for_object(application).filter(action="read")
    assert list(reads.order_by("at", "pk").values_list("actor", "what")) == [
        (staff.pk, "detail"),
        (staff.pk, "attachment"),
    ]


def test_a_second_send_that_loses_the_race_shows_the_application_not_a_404(client, monkeypatch):
    """Two clicks on "Indienen": both found the draft editable, the other one sent it first."""
    application = factories.draft()
    client.force_login(application.created_by)
    real_submit = actions.application_submit

    def the_other_click_wins(*, actor, application):
        real_submit(actor=actor, application=GrantApplication.objects.get(pk=application.pk))
        return real_submit(actor=actor, application=application)

    monkeypatch.setattr(actions, "application_submit", the_other_click_wins)
    response = client.post(reverse("subsidies:step", args=[application.pk, 6]))
    assert response.status_code == 302
    assert response.url == reverse("subsidies:detail", args=[application.pk])
    page = client.get(response.url).content.decode()
    assert "Deze aanvraag is al ingediend" in page
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.events.filter(to_status=Status.SUBMITTED).count() == 1


def test_saving_a_step_after_the_application_was_sent_in_keeps_the_typed_text(client, monkeypatch):
    """A second tab saves step 1 while the first sends the application in: a 409 that gives the
    typed text back, not a 404 that loses it."""
    application = factories.draft()
    client.force_login(application.created_by)
    real_save = actions.application_save_step

    def sent_in_meanwhile(**kwargs):
        actions.application_submit(
            actor=application.created_by,
            application=GrantApplication.objects.get(pk=application.pk),
        )
        return real_save(**kwargs)

    monkeypatch.setattr(actions, "application_save_step", sent_in_meanwhile)
    typed = "De tribune staat vlak achter de raadsleden; er is geen tweede uitgang."
    response = client.post(
        reverse("subsidies:step", args=[application.pk, 1]),
        {"current_situation": typed, "incidents": ""},
    )
    assert response.status_code == 409
    assert typed in response.content.decode()

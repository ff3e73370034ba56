"""The catalogue's pages through the real stack: who sees what, signing up and cancelling on
the page, the provider's pages, and the certificate."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import OfficeType
from accounts.tests import factories as people
from audit.models import AccessEntry
from network.tests import factories as network_factories
from training import actions
from training.models import Registration, Session, Training
from training.tests import factories
from training.workflow import RegistrationStatus

pytestmark = pytest.mark.django_db


def test_the_catalogue_filters_by_office_within_a_query_budget(client, django_assert_num_queries):
    for_council = factories.training(title="Integriteit voor raadsleden")
    factories.session(for_council)
    factories.session(for_council, days=30)
    for_mayors = factories.training(
        title="De burgemeester en de openbare orde",
        for_raadslid=False,
        for_wethouder=False,
        for_burgemeester=True,
    )
    factories.session(for_mayors)
    client.force_login(factories.council_member())
    url = reverse("training:catalogue")
    client.get(url)  # the session and the user's roles once
    # Session, user, roles, trainings, their sessions; partner membership and starterspakket
    # for the menu: one query for the trainings and one for all their sessions.
    with django_assert_num_queries(7):
        body = client.get(url, {"voor": "burgemeester"}).content.decode()
    assert "De burgemeester en de openbare orde" in body
    assert "Integriteit voor raadsleden" not in body
    body = client.get(url).content.decode()
    assert "Integriteit voor raadsleden" in body and "De burgemeester" in body


def test_the_catalogue_is_for_officeholders_griffiers_partners_and_staff(client):
    training = factories.training()
    for person, code in (
        (factories.council_member(), 200),
        (people.griffier(), 200),
        (network_factories.member(network_factories.organisation("ngb")), 200),
        (people.triage_staff(), 200),
        (people.support_team_member(), 404),
    ):
        client.force_login(person)
        assert client.get(reverse("training:catalogue")).status_code == code
        assert client.get(training.get_absolute_url()).status_code == code


def test_a_council_member_signs_up_and_cancels_on_the_page(client):
    session = factories.session(capacity=1)
    member = factories.council_member()
    client.force_login(member)
    response = client.post(reverse("training:sign_up", args=[session.pk]), follow=True)
    assert "U bent aangemeld." in response.content.decode()
    registration = Registration.objects.get(user=member)
    assert registration.status == RegistrationStatus.CONFIRMED

    late = factories.council_member()
    client.force_login(late)
    body = client.get(session.training.get_absolute_url()).content.decode()
    assert "Op de wachtlijst" in body
    response = client.post(reverse("training:sign_up", args=[session.pk]), follow=True)
    assert "U staat op de wachtlijst" in response.content.decode()

    client.force_login(member)
    response = client.post(reverse("training:cancel", args=[registration.pk]), follow=True)
    assert "U bent afgemeld." in response.content.decode()
    assert Registration.objects.get(user=late).status == RegistrationStatus.CONFIRMED


def test_someone_elses_sign_up_and_certificate_are_a_404(client):
    session = factories.session()
    owner = factories.council_member()
    registration = actions.registration_sign_up(actor=owner, session=session)
    factories.begin(session)
    actions.session_attendance_record(
        actor=people.triage_staff(mfa=False), session=session, attended=[registration.pk]
    )
    colleague = factories.council_member()  # same council
    for person in (colleague, people.triage_staff(), network_factories.member()):
        client.force_login(person)
        assert (
            client.get(reverse("training:certificate", args=[registration.pk])).status_code == 404
        )
        response = client.post(reverse("training:cancel", args=[registration.pk]))
        assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ATTENDED


def test_the_certificate_is_for_an_attended_sign_up_only(client):
    session = factories.session()
    owner = factories.council_member(full_name="Roos Raadslid")
    registration = actions.registration_sign_up(actor=owner, session=session)
    client.force_login(owner)
    url = reverse("training:certificate", args=[registration.pk])
    assert client.get(url).status_code == 404
    factories.begin(session)
    actions.session_attendance_record(
        actor=network_factories.member(), session=session, attended=[registration.pk]
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Certificaat van deelname" in text
    assert "Roos Raadslid" in text
    assert "Omgaan met agressie in de raadszaal" in text
    assert "Nederlandse Vereniging voor Raadsleden" in text
    assert len(reader.pages) == 1
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert str(catalog["/Lang"]).startswith("nl")
    assert b"pdfuaid" in reader.xmp_metadata.stream.get_data()


def test_a_partner_offers_a_training_and_adds_a_date(client):
    member = network_factories.member()
    client.force_login(member)
    response = client.post(
        reverse("training:create"),
        {
            "title": "Weerbaar in de raad",
            "topic": "Agressie",
            "description": "Oefenen.",
            "audience": ["raadslid", "griffier"],
            "provider": member.memberships.get().organisation_id,
        },
    )
    training = Training.objects.get(title="Weerbaar in de raad")
    assert response.status_code == 302
    assert (training.for_raadslid, training.for_griffier, training.for_wethouder) == (
        True,
        True,
        False,
    )
    response = client.post(
        reverse("training:session_add", args=[training.pk]),
        {
            "starts_at": "2099-03-01T19:00",
            "ends_at": "2099-03-01T21:30",
            "place": "",
            "online": "on",
            "capacity": "20",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(training=training)
    assert (session.online, session.capacity) == (True, 20)


def test_a_partner_cannot_offer_for_another_organisation(client):
    member = network_factories.member()
    client.force_login(member)
    response = client.post(
        reverse("training:create"),
        {
            "title": "Namens een ander",
            "topic": "x",
            "description": "x",
            "audience": ["raadslid"],
            "provider": network_factories.organisation("ngb").pk,
        },
    )
    assert response.status_code == 200
    assert not Training.objects.exists()


def test_the_session_form_refuses_an_end_before_the_start_and_a_missing_place(client):
    training = factories.training()
    client.force_login(people.triage_staff())
    response = client.post(
        reverse("training:session_add", args=[training.pk]),
        {"starts_at": "2099-03-01T19:00", "ends_at": "2099-03-01T18:00", "capacity": "5"},
    )
    body = response.content.decode()
    assert "Het einde ligt na het begin." in body
    assert "Vul de plaats in, of kies online." in body
    assert not Session.objects.exists()


def test_the_provider_marks_attendance_on_the_page_and_another_partner_gets_a_404(client):
    provider = network_factories.organisation()
    session = factories.session(factories.training(provider=provider))
    member = factories.council_member(full_name="Anna de Vries")
    registration = actions.registration_sign_up(actor=member, session=session)
    url = reverse("training:attendance", args=[session.pk])

    client.force_login(network_factories.member(network_factories.organisation("ngb")))
    assert client.get(url).status_code == 404
    assert client.post(url, {"attended": [registration.pk]}).status_code == 404

    provider_member = network_factories.member(provider)
    client.force_login(provider_member)
    body = client.get(url).content.decode()
    assert "Anna de Vries" in body
    # Reading other people's sign-ups leaves an audit row, without their names.
    entry = AccessEntry.objects.get(actor=provider_member, object_id=str(session.pk))
    assert (entry.action, entry.what) == ("read", "participants")
    assert "zodra de bijeenkomst begonnen is" in body
    response = client.post(url, {"attended": [registration.pk]}, follow=True)
    assert "zodra de bijeenkomst begonnen is" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED

    factories.begin(session)
    response = client.post(url, {"attended": [registration.pk]})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ATTENDED


def test_the_attendance_form_refuses_someone_not_on_the_session(client):
    session = factories.session()
    stranger = actions.registration_sign_up(
        actor=factories.council_member(), session=factories.session()
    )
    client.force_login(people.triage_staff())
    response = client.post(
        reverse("training:attendance", args=[session.pk]), {"attended": [stranger.pk]}
    )
    assert response.status_code in (200, 400)
    stranger.refresh_from_db()
    assert stranger.status == RegistrationStatus.CONFIRMED


def test_a_mayor_sees_their_place_and_after_attending_the_certificate_link(client):
    session = factories.session(factories.training(for_burgemeester=True))
    mayor = people.officeholder(office_type=OfficeType.BURGEMEESTER)
    registration = actions.registration_sign_up(actor=mayor, session=session)
    client.force_login(mayor)
    body = client.get(session.training.get_absolute_url()).content.decode()
    assert "U bent aangemeld." in body and "Afmelden" in body
    factories.begin(session)
    body = client.get(session.training.get_absolute_url()).content.decode()
    assert "U bent aangemeld." in body and "Afmelden" not in body
    actions.session_attendance_record(
        actor=people.triage_staff(mfa=False), session=session, attended=[registration.pk]
    )
    body = client.get(session.training.get_absolute_url()).content.decode()
    assert reverse("training:certificate", args=[registration.pk]) in body

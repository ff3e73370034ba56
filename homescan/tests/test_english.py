"""The home scan in English: the questions, answers and advice are data staff maintain, so they
have English fields next to the Dutch; the reader sees their language, Dutch where there is no
translation; the scoring is the same in every language; a published version takes a translation
but no other change."""

import importlib
import io

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from accounts.tests import factories as people
from homescan import actions, reference_data, scoring
from homescan.models import AnswerOption, Question, QuestionnaireVersion, VersionLocked
from homescan.selectors import current_version
from homescan.tests import factories

pytestmark = pytest.mark.django_db

ADDRESS_NL = "Is uw woonadres openbaar te vinden?"
ADDRESS_EN = "Can your home address be found in public sources?"
SHIELD_NL = "Laat uw woonadres afschermen in het Handelsregister van de KVK"
SHIELD_EN = "Have your home address shielded in the KVK business register"
LOCKS_EN = "Burglar-resistant locks and hinges to the Police Quality Mark for Secure Housing"


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def pdf_text(response):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_every_question_answer_and_advice_of_the_basisscan_has_english():
    version = current_version()
    assert version.introduction_en and version.questionnaire.name_en
    for question in version.questions.all():
        assert question.text_en
        assert bool(question.help_text_en) == bool(question.help_text)
        for option in question.options.all():
            assert option.label_en
            assert bool(option.advice_en) == bool(option.advice)
            assert bool(option.measure_description_en) == bool(option.measure_description)


def test_the_scan_form_in_english_shows_the_english_questions_and_answers(client):
    client.force_login(people.officeholder())
    page = in_english(client).get(reverse("homescan:scan")).content.decode()
    assert ADDRESS_EN in page
    assert "For example in the Chamber of Commerce (KVK) business register" in page
    assert "Yes, it is public or has been published before" in page
    assert ADDRESS_NL not in page
    index = client.get(reverse("homescan:index")).content.decode()
    assert "In a few minutes, this scan maps out the risks" in index


def test_the_scan_form_in_dutch_is_unchanged(client):
    client.force_login(people.officeholder())
    page = client.get(reverse("homescan:scan")).content.decode()
    assert ADDRESS_NL in page
    assert "Ja, het is openbaar of is eerder gepubliceerd" in page
    assert ADDRESS_EN not in page


def test_a_scan_in_english_scores_the_same_and_shows_english_advice(client):
    owner = people.officeholder()
    client.force_login(owner)
    version = current_version()
    answers = factories.highest_answers(version)
    data = {f"vraag_{question}": option for question, option in answers.items()}
    response = in_english(client).post(reverse("homescan:scan"), data)
    scan = owner.home_scans.get()
    assert (scan.score, scan.risk_level) == (38, "high")  # as in Dutch (test_views)
    page = client.get(response["Location"]).content.decode()
    assert SHIELD_EN in page
    assert LOCKS_EN in page  # the measures for the fund
    assert "Yes, at my door or near my home" in page  # the answers, and the reason of advice
    assert SHIELD_NL not in page


def test_the_outcome_is_the_same_in_every_language_but_its_words():
    version = current_version()
    answers = factories.highest_answers(version)
    with translation.override("nl"):
        dutch = scoring.evaluate(version, answers)
    with translation.override("en"):
        english = scoring.evaluate(version, answers)
    assert (english.score, english.risk_level) == (dutch.score, dutch.risk_level)
    assert [(i.priority, i.weight, i.measure_kind) for i in english.advice] == [
        (i.priority, i.weight, i.measure_kind) for i in dutch.advice
    ]
    assert english.suggested_measures == dutch.suggested_measures  # Dutch: what the fund gets
    assert [shown for _k, _d, shown in english.suggested_measures_shown][0].isascii()
    assert english.advice[0].advice != dutch.advice[0].advice


def test_a_text_without_english_is_shown_in_dutch(client):
    version = current_version()
    question = version.questions.get(text=ADDRESS_NL)
    Question.objects.filter(pk=question.pk).update(text_en="", help_text_en="")
    AnswerOption.objects.filter(question=question).update(label_en="  ", advice_en="")
    owner = people.officeholder()
    client.force_login(owner)
    page = in_english(client).get(reverse("homescan:scan")).content.decode()
    assert ADDRESS_NL in page and ADDRESS_EN not in page
    assert "Ja, het is openbaar of is eerder gepubliceerd" in page
    assert "Can your home be recognised as the home of an officeholder?" in page
    scan = factories.scan(owner=owner, answers=factories.highest_answers(version))
    result = client.get(reverse("homescan:result", args=[scan.pk])).content.decode()
    assert SHIELD_NL in result and SHIELD_EN not in result
    assert "Remove your name from the front door" in result


def test_the_pdf_is_in_the_language_of_the_person_who_downloads_it(client):
    owner = people.officeholder(full_name="Anna de Vries")
    scan = factories.scan(owner=owner)
    client.force_login(owner)
    url = reverse("homescan:pdf", args=[scan.pk])
    dutch = pdf_text(client.get(url))
    english = pdf_text(in_english(client).get(url))
    assert "hang- en sluitwerk" in dutch and "Remove your name" not in dutch
    assert "Remove your name from the front door" in english
    assert "Burglar-resistant locks and hinges" in english
    assert "hang- en sluitwerk" not in english
    assert "Anna de Vries" in english


def test_the_pdf_declares_its_language(monkeypatch):
    from django.template.loader import render_to_string

    from homescan import pdf

    rendered = []
    monkeypatch.setattr(
        pdf,
        "render_pdf",
        lambda template, context, **kw: rendered.append(render_to_string(template, context)),
    )
    scan = factories.scan(owner=people.officeholder())
    questions = scoring.questions_of(scan.version)
    context = {
        "scan": scan,
        "outcome": scoring.evaluate(scan.version, scan.answers, questions),
        "answered": [(question, question.options.all()[0]) for question in questions],
    }
    pdf.render_scan_pdf(**context, language="en")
    pdf.render_scan_pdf(**context, language="nl")
    assert '<html lang="en">' in rendered[0]
    assert '<html lang="nl">' in rendered[1]


def test_a_published_version_takes_a_translation_but_no_other_change():
    version = current_version()
    question = version.questions.first()
    option = question.options.last()

    question.text_en = "A better English wording"
    question.save()
    option.advice_en = "Better English advice."
    option.save()
    version.introduction_en = "A better introduction."
    version.save()
    question.refresh_from_db()
    option.refresh_from_db()
    assert question.text_en == "A better English wording"
    assert option.advice_en == "Better English advice."

    for obj, field, value in [
        (question, "text", "Anders"),
        (option, "weight", option.weight + 1),
        (option, "advice", "Ander advies."),
        (version, "high_from", 99),
    ]:
        fresh = type(obj).objects.get(pk=obj.pk)
        setattr(fresh, field, value)
        with pytest.raises(VersionLocked):
            fresh.save()
    version.refresh_from_db()
    option.refresh_from_db()
    assert (version.high_from, option.advice_en) == (20, "Better English advice.")
    with pytest.raises(VersionLocked):
        option.delete()


def test_a_new_draft_keeps_the_english():
    staff = people.administrator()
    draft = actions.version_new_draft(actor=staff, questionnaire=current_version().questionnaire)
    assert draft.introduction_en == current_version().introduction_en
    copied = draft.questions.get(text=ADDRESS_NL)
    assert copied.text_en == ADDRESS_EN
    assert copied.options.filter(advice_en__startswith=SHIELD_EN).exists()


def test_loading_the_english_again_never_overwrites_a_staff_translation():
    question = current_version().questions.get(text=ADDRESS_NL)
    Question.objects.filter(pk=question.pk).update(text_en="Staff's own wording")
    reference_data.ensure()
    importlib.import_module("homescan.migrations.0010_translate_basisscan").translate(apps, None)
    question.refresh_from_db()
    assert question.text_en == "Staff's own wording"
    assert QuestionnaireVersion.objects.count() == 1


def test_staff_translate_a_published_question_in_the_admin(client):
    client.force_login(people.administrator())
    question = current_version().questions.get(text=ADDRESS_NL)
    url = reverse("admin:homescan_question_change", args=[question.pk])
    page = client.get(url).content.decode()
    assert 'name="text_en"' in page and 'name="text"' not in page
    assert 'name="options-0-advice_en"' in page and 'name="options-0-weight"' not in page
    response = client.post(
        url,
        {
            "text_en": "Is your address public?",
            "help_text_en": question.help_text_en,
            "text": "Anders",
            "options-TOTAL_FORMS": "0",
            "options-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.text, question.text_en) == (ADDRESS_NL, "Is your address public?")


def test_the_fund_request_in_english_shows_english_measures_and_stores_the_dutch(client):
    from subsidies.models import GrantApplication

    owner = factories.mayor()
    scan = factories.scan(owner=owner)
    body = owner.role_assignments.get().body
    client.force_login(owner)
    url = reverse("homescan:fund_request", args=[scan.pk])
    page = in_english(client).get(url).content.decode()
    assert f"Securing the home: {LOCKS_EN}" in page
    assert "Extra security measures for threatened mayors" in page
    measures = scoring.evaluate(scan.version, scan.answers).suggested_measures
    client.post(url, {"body": body.pk, "measures": [str(i) for i in range(len(measures))]})
    application = GrantApplication.objects.get(applicant=owner)
    # What BZK assesses is the Dutch of the scan, whatever language the person used.
    assert list(application.lines.values_list("kind", "description")) == measures
    assert any("hang- en sluitwerk" in description for _kind, description in measures)

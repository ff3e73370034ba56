"""`get_FOO_display()` of the portal's models: the label in the active language, each field's
labels translated once per language and process instead of all of them on every call."""

from unittest import mock

import pytest
from django.utils import translation

from incidents.models import Incident, TriageStep
from incidents.workflow import Status, Step


def test_the_label_follows_the_active_language():
    step = TriageStep(step=Step.CONTACT_REPORTER)
    with translation.override("nl"):
        assert step.get_step_display() == "Contact opnemen met de melder"
    with translation.override("en"):
        assert step.get_step_display() == "Contact the reporter"
    with translation.override("nl"):
        assert step.get_step_display() == "Contact opnemen met de melder"


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert Incident(status="gone").get_status_display() == "gone"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_many_lookups_translate_each_label_at_most_once(language):
    steps = [TriageStep(step=value) for value, _label in Step.choices] * 5
    incidents = [Incident(status=value) for value, _label in Status.choices] * 5
    # Every lazy label of the portal ends in this call of the active translation.
    catalogue = translation._trans.gettext
    with (
        translation.override(language),
        mock.patch.object(translation._trans, "gettext", wraps=catalogue) as gettext,
    ):
        shown = [obj.get_step_display() for obj in steps]
        shown += [obj.get_status_display() for obj in incidents]
    assert len(shown) == 5 * (len(Step.choices) + len(Status.choices))
    assert gettext.call_count <= len(Step.choices) + len(Status.choices)

import io

import pytest
from django.core.management import call_command

from training.models import Registration, Training
from training.workflow import RegistrationStatus

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_the_catalogue_and_signs_people_up_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--password", "demo-wachtwoord-2026", stdout=io.StringIO())
    assert set(Training.objects.values_list("provider__slug", flat=True)) == {"nvvr", "bzk"}
    assert all(training.sessions.count() == 1 for training in Training.objects.all())
    signed_up = {
        r.user.email: (r.status, r.office, r.signed_up_by.email if r.signed_up_by else None)
        for r in Registration.objects.select_related("user", "signed_up_by")
    }
    assert signed_up == {
        "raadslid@demo.test": (RegistrationStatus.CONFIRMED, "raadslid", None),
        "wethouder@demo.test": (RegistrationStatus.CONFIRMED, "wethouder", "griffier@demo.test"),
        "burgemeester@demo.test": (RegistrationStatus.CONFIRMED, "burgemeester", None),
    }
    call_command("seed_demo", stdout=io.StringIO())
    assert Training.objects.count() == 2
    assert Registration.objects.count() == 3

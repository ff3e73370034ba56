import io

import pytest
from django.core.management import call_command

from learning.models import Answer, Thread

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_three_threads_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--password", "demo-wachtwoord-2026", stdout=io.StringIO())
    assert Thread.objects.count() == 3
    assert Answer.objects.filter(helpful_at__isnull=False).count() == 1
    assert Thread.objects.filter(locked_at__isnull=False).count() == 1
    assert {t.author.email for t in Thread.objects.all()} == {
        "griffier@demo.test",
        "partner@demo.test",
        "bzk@demo.test",
    }
    call_command("seed_demo", stdout=io.StringIO())
    assert Thread.objects.count() == 3
    assert Answer.objects.count() == 2

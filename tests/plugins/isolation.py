"""Each test's own world: its own directory for uploaded files, the reference data back after
a transactional test flushed it, and the default language."""

import pytest
from django.utils import translation

from weerbaar.discovery import app_modules


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads, evidence and letters of a test go to a directory of its own (never the
    portal's var/uploads); the one place a test sets MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request):
    """A transactional test flushes every table after it ran, the rows that data migrations
    loaded included. Load them again before each such test: every app may have a
    `reference_data.py` with an idempotent `ensure()`."""
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" not in request.fixturenames and not (
        marker and marker.kwargs.get("transaction")
    ):
        return
    request.getfixturevalue("transactional_db")
    for module in app_modules("reference_data"):
        module.ensure()


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request in English (the language cookie) leaves English active in the test's thread:
    LocaleMiddleware activates the request's language and nothing deactivates it. The next test
    would then read English messages where it expects Dutch ones."""
    yield
    translation.deactivate()

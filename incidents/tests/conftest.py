import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Evidence of a test goes to a directory of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT

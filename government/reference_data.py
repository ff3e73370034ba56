"""Reference data that the data migrations load, loadable again after a test flushed it."""

from government.models import GovernmentBody
from government.refdata_loader import load_government_bodies


def ensure():
    if not GovernmentBody.objects.exists():
        load_government_bodies(GovernmentBody)

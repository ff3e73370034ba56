from django.core.management.base import BaseCommand

from government.models import GovernmentBody
from government.refdata_loader import load_government_bodies


class Command(BaseCommand):
    help = "Load or update the municipalities, provinces and water boards from refdata/."

    def handle(self, *args, **options):
        counts = load_government_bodies(GovernmentBody)
        self.stdout.write(
            "{provinces} provinces, {municipalities} municipalities, "
            "{water_boards} water boards loaded.".format(**counts)
        )

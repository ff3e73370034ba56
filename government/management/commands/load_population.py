import csv

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from government.models import BodyKind, GovernmentBody


class Command(BaseCommand):
    help = (
        "Load the number of inhabitants per municipality from a CSV file with the columns "
        "gm_code,population (e.g. exported from CBS StatLine, 'Bevolking op 1 januari'). "
        "The monitor groups municipalities into size classes by it."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file")

    @transaction.atomic
    def handle(self, *args, csv_file, **options):
        municipalities = {
            body.code: body for body in GovernmentBody.objects.filter(kind=BodyKind.MUNICIPALITY)
        }
        updated, unknown = [], []
        with open(csv_file, encoding="utf-8-sig", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                try:
                    code = row["gm_code"].strip().upper()
                    population = int(row["population"].replace(".", "").strip())
                except (KeyError, ValueError, AttributeError) as error:
                    raise CommandError(f"line {line}: expected gm_code,population") from error
                body = municipalities.get(code)
                if body is None:
                    unknown.append(code)
                    continue
                body.population = population
                updated.append(body)
        GovernmentBody.objects.bulk_update(updated, ["population"])
        self.stdout.write(f"{len(updated)} municipalities updated.")
        if unknown:
            self.stdout.write(f"Unknown codes (skipped): {', '.join(sorted(unknown))}")

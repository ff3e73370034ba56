import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import seed_accounts
from weerbaar.discovery import app_modules


class Command(BaseCommand):
    help = (
        "Create demo data: one account per role (burgemeester@demo.test, raadslid@demo.test, "
        "griffier@demo.test, bzk@demo.test, ondersteuning@demo.test, partner@demo.test) and the "
        "demo content of each app. Idempotent. Refuses to run with DEBUG off unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", help="Password for new demo accounts (default: random, printed once)."
        )
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")

    def handle(self, *args, password=None, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo makes accounts with known passwords; it refuses to run with DEBUG off. "
                "Use --force if you really mean to."
            )
        generated = password is None
        password = password or secrets.token_urlsafe(12)
        with transaction.atomic():
            created, totp_secrets = seed_accounts(password=password)
            # Each app may add demo content in <app>/demo.py with seed(stdout=...).
            for module in app_modules("demo"):
                if hasattr(module, "seed"):
                    module.seed(stdout=self.stdout)
            # The learning network's exchange (learning/demo_threads.py) needs the participants
            # that the apps' demo content makes, so it comes after all of them.
            for module in app_modules("demo_threads"):
                module.seed(stdout=self.stdout)
        if not created:
            self.stdout.write("Demo accounts already exist; nothing changed.")
            return
        self.stdout.write(self.style.SUCCESS(f"Created {len(created)} demo accounts:"))
        for user in created:
            self.stdout.write(f"  {user.email}")
        if generated:
            self.stdout.write(f"Password of these accounts (shown only now): {password}")
        if totp_secrets:
            self.stdout.write(
                "These roles must use two-step verification. Add the secret to an authenticator "
                "app (TOTP) to log in (shown only now):"
            )
            for email, secret in totp_secrets.items():
                self.stdout.write(f"  {email}: {secret}")

from functools import partial

from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction

from weerbaar import crypto
from weerbaar.fields import EncryptedTextField


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the first key in FIELD_ENCRYPTION_KEYS. "
        "Run after putting a new key first; drop the old key only afterwards."
    )

    def handle(self, *args, **options):
        for model in apps.get_models():
            fields = [
                f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)
            ]
            if not fields:
                continue
            count = 0
            for pk in model._base_manager.values_list("pk", flat=True).iterator():
                with transaction.atomic():
                    row = model._base_manager.select_for_update().only(*fields).get(pk=pk)
                    # Reading decrypts with any key; writing encrypts with the first.
                    model._base_manager.filter(pk=pk).update(
                        **{name: getattr(row, name) for name in fields}
                    )
                count += 1
            self.stdout.write(
                f"{model._meta.label}: {count} rows re-encrypted ({', '.join(fields)})."
            )
        self.rotate_encrypted_files()
        self.rotate_mfa_secrets()

    def rotate_encrypted_files(self):
        """Files whose content is Fernet ciphertext: models list them in ENCRYPTED_FILE_FIELDS.
        Each file is re-encrypted to a new name, the row updated, then the old file removed."""
        for model in apps.get_models():
            names = getattr(model, "ENCRYPTED_FILE_FIELDS", ())
            count = 0
            for pk in model._base_manager.values_list("pk", flat=True).iterator() if names else ():
                with transaction.atomic():
                    row = model._base_manager.select_for_update().get(pk=pk)
                    for name in names:
                        field_file = getattr(row, name)
                        if not field_file:
                            continue
                        old = field_file.name
                        with field_file.open("rb") as handle:
                            token = handle.read()
                        try:
                            rotated = crypto.fernet().rotate(token)
                        except Exception as error:
                            raise crypto.DecryptionError(f"{model._meta.label} {pk}") from error
                        new = field_file.storage.save(old, ContentFile(rotated))
                        model._base_manager.filter(pk=pk).update(**{name: new})
                        transaction.on_commit(partial(field_file.storage.delete, old))
                count += 1
            if names:
                self.stdout.write(f"{model._meta.label}: {count} files re-encrypted.")

    def rotate_mfa_secrets(self):
        count = 0
        for authenticator in Authenticator.objects.all().iterator():
            data = dict(authenticator.data)
            changed = False
            for key in ("secret", "seed"):
                if data.get(key):
                    data[key] = crypto.rotate(data[key])
                    changed = True
            if changed:
                Authenticator.objects.filter(pk=authenticator.pk).update(data=data)
                count += 1
        self.stdout.write(f"mfa.Authenticator: {count} secrets re-encrypted.")

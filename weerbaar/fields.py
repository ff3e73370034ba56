"""Model fields whose content is encrypted at rest (see weerbaar.crypto)."""

from django.db import models

from weerbaar import crypto


class EncryptedTextField(models.TextField):
    """Text stored as Fernet ciphertext. Cannot be searched or ordered by in SQL.

    Rotate with `manage.py rotate_encryption_keys`, which re-saves every such field.
    """

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return crypto.encrypt(value)

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return crypto.decrypt(value)

    def deconstruct(self):
        return super().deconstruct()

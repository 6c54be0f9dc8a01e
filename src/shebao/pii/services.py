"""Key rotation: re-encrypt every stored personal value under the active data key."""

from __future__ import annotations

from django.apps import apps
from django.db import transaction

from .fields import EncryptedTextField
from .keyring import keyring


def encrypted_fields() -> list[tuple[type, EncryptedTextField]]:
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, EncryptedTextField)
    ]


def pii_reencrypt_all(*, batch_size: int = 1000) -> int:
    """Re-encrypt values written under older keys; returns how many values changed.

    Runs in batches so a large city does not hold one long transaction; safe to re-run.
    """
    ring = keyring()
    changed = 0
    for model, field in encrypted_fields():
        column = field.attname
        last_pk = 0
        while True:
            rows = list(
                model.objects.filter(pk__gt=last_pk)
                .exclude(**{column: ""})
                .order_by("pk")
                .values_list("pk", column)[:batch_size]
            )
            if not rows:
                break
            last_pk = rows[-1][0]
            stale = [(pk, token) for pk, token in rows if ring.needs_rotation(token)]
            with transaction.atomic():
                for pk, token in stale:
                    fresh = ring.encrypt(
                        ring.decrypt(token, context=field.kind), context=field.kind
                    )
                    model.objects.filter(pk=pk).update(**{column: fresh})
            changed += len(stale)
    return changed

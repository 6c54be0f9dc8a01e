from django.db import models

from shebao.pii.fields import EncryptedTextField


class LedgerEvent(models.Model):
    """One business event (outbox row, then log entry once sequenced).

    ``body`` is the exact canonical JSON that becomes the leaf; it carries identifiers and keyed
    hashes, never plain personal data. ``leaf_index`` is null until the sequencer assigns it.
    """

    office = models.ForeignKey("regions.Office", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=64)
    body = models.TextField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    leaf_index = models.BigIntegerField(null=True, blank=True)
    sequenced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "leaf_index"], name="ledger_leaf_unique"),
        ]
        indexes = [
            models.Index(
                fields=["office", "id"],
                name="ledger_outbox_pending",
                condition=models.Q(leaf_index__isnull=True),
            ),
        ]


class LogNode(models.Model):
    """Hash of a complete subtree of an office's log: 2**level leaves from index * 2**level.

    Level 0 rows are the leaf hashes. Proofs read O(log n) of these rows.
    """

    office = models.ForeignKey("regions.Office", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField()
    index = models.BigIntegerField()
    hash = models.BinaryField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "level", "index"], name="lognode_position"),
        ]


class LogKey(models.Model):
    """An office's Ed25519 checkpoint-signing key; the private half is stored encrypted."""

    office = models.OneToOneField(
        "regions.Office", on_delete=models.PROTECT, related_name="log_key"
    )
    vkey = models.CharField(max_length=200, help_text="C2SP verifier key: name+keyid+base64")
    skey_enc = EncryptedTextField(kind="ledger-skey")
    created_at = models.DateTimeField(auto_now_add=True)


class Checkpoint(models.Model):
    """A signed tree head (C2SP tlog-checkpoint) of an office's log, kept in history."""

    office = models.ForeignKey("regions.Office", on_delete=models.PROTECT, related_name="+")
    size = models.BigIntegerField()
    root_hash = models.BinaryField(max_length=32)
    signed_note = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "size"], name="checkpoint_size")]

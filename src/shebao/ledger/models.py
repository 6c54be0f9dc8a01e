from django.db import models


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
            models.Index(fields=["office", "id"], name="ledger_outbox_pending",
                         condition=models.Q(leaf_index__isnull=True)),
        ]

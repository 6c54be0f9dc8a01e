"""Transfers between regions (关系转移接续): the case behind a transfer application and the
packages exchanged with the other region's office.

A `Transfer` is created with its application and says which region, which direction and, once
the other office has answered, what actually moved (the amounts on its certificate, with the
rule version). Every package sent or received is kept as an `ExchangeRecord`, so the person and
the ledger can follow each step of the exchange.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from shebao.standards.dictionary import MONEY


class Transfer(models.Model):
    class Direction(models.TextChoices):
        IN = "in", _("Transfer in (from there to here)")
        OUT = "out", _("Transfer out (from here to there)")

    class Stage(models.TextChoices):
        FILED = "filed", _("Filed, waiting for the office's review")
        SENT = "sent", _("Sent to the other office")
        COMPLETED = "completed", _("Completed")
        REFUSED = "refused", _("Refused by the other office")

    application = models.OneToOneField(
        "applications.Application", on_delete=models.PROTECT, related_name="transfer"
    )
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey("regions.Office", on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(max_length=3, choices=Direction.choices)
    region_code = models.CharField(max_length=6)  # the other region (city level)
    partner = models.ForeignKey(
        "regions.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.FILED)
    # The months the transfer covers (the first and last contribution month that moves).
    months_from = models.DateField()
    months_to = models.DateField()
    # What moved, from the certificate and funds notice of the sending office.
    account_moved = models.DecimalField(**MONEY, null=True, blank=True)
    pooled_moved = models.DecimalField(**MONEY, null=True, blank=True)
    total_moved = models.DecimalField(**MONEY, null=True, blank=True)
    months_moved = models.PositiveIntegerField(null=True, blank=True)
    moved_rule_version = models.CharField(max_length=48, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "region_code"], name="transfer_person_region")]


class ExchangeRecord(models.Model):
    """One package of the exchange (联系函, 参保缴费凭证, funds notice …), as sent or received.
    ``data`` holds only masked identifiers and the transfer figures."""

    class Way(models.TextChoices):
        SENT = "sent", _("sent")
        RECEIVED = "received", _("received")

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="packages")
    kind = models.CharField(max_length=16)
    way = models.CharField(max_length=8, choices=Way.choices)
    from_office = models.CharField(max_length=32)  # office codes: the exchange's addresses
    to_office = models.CharField(max_length=32)
    data = models.JSONField(default=dict)
    at = models.DateTimeField()
    processed_at = models.DateTimeField(null=True, blank=True)  # the partner's answer is done
    # The exact bytes of the package as signed and logged (canonical JSON), and the ledger
    # event that recorded their digest: what seals it for the other office.
    body = models.TextField(blank=True)
    ledger_event = models.ForeignKey(
        "ledger.LedgerEvent", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]

"""Payment orders (缴费订单), their month lines, receipts (缴费凭证) and the sandbox bank's book.

An order is created once per submitted form (the person's idempotency key) and moves
pending → paid | failed | refused, only by `services.py`. A line is one month of one insurance
type; a *paid* line is unique per (person, insurance type, month), so no month is ever paid
twice through two orders, whatever the order of callbacks.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shebao.standards.dictionary import MONEY, InsuranceType


class PaymentOrder(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Being confirmed")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Not paid")
        REFUSED = "refused", _("Not applied: already paid")

    class Method(models.TextChoices):
        BANK_CARD = "bank_card", _("Bank card")
        WECHAT = "wechat", _("WeChat Pay")
        ALIPAY = "alipay", _("Alipay")

    class Channel(models.TextChoices):
        WEB = "web", _("Online")
        API = "api", _("App (API)")

    ref = models.CharField(max_length=20, unique=True)
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.UUIDField()
    base_ratio = models.DecimalField(max_digits=5, decimal_places=2)
    method = models.CharField(max_length=16, choices=Method.choices)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.WEB)
    total = models.DecimalField(**MONEY)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    gateway = models.CharField(max_length=16)
    gateway_ref = models.CharField(max_length=48, unique=True, null=True, blank=True)
    gateway_txn = models.CharField(max_length=48, blank=True)
    pay_url = models.CharField(max_length=300, blank=True)  # where the payer pays (the bank)
    problem = models.CharField(max_length=200, blank=True)  # why it failed or was refused
    created_at = models.DateTimeField()
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "idempotency_key"], name="payment_order_once_per_form"
            ),
        ]
        indexes = [models.Index(fields=["person", "-created_at"])]


class PaymentLine(models.Model):
    order = models.ForeignKey(PaymentOrder, on_delete=models.CASCADE, related_name="lines")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    insurance_type = models.CharField(max_length=32, choices=InsuranceType.choices)
    month = models.DateField()
    base = models.DecimalField(**MONEY)
    amount = models.DecimalField(**MONEY)
    account_credit = models.DecimalField(**MONEY)
    rule_version = models.CharField(max_length=48)
    paid = models.BooleanField(default=False)

    class Meta:
        ordering = ["month", "insurance_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "insurance_type", "month"],
                condition=Q(paid=True),
                name="payment_month_paid_once",
            ),
        ]


class Receipt(models.Model):
    """The electronic receipt (缴费凭证) of a paid order; its number is printed on the PDF."""

    order = models.OneToOneField(PaymentOrder, on_delete=models.PROTECT, related_name="receipt")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(max_length=24, unique=True)
    issued_at = models.DateTimeField()
    total = models.DecimalField(**MONEY)


class SandboxTransaction(models.Model):
    """The sandbox bank's own book (not ours): what a real bank would keep on its side."""

    class State(models.TextChoices):
        AWAITING = "awaiting", _("Waiting for the payer")
        PROCESSING = "processing", _("Processing at the bank")
        SUCCEEDED = "succeeded", _("Paid")
        FAILED = "failed", _("Declined")
        REFUNDED = "refunded", _("Refunded")

    token = models.CharField(max_length=48, unique=True)
    order_ref = models.CharField(max_length=20)
    amount = models.DecimalField(**MONEY)
    method = models.CharField(max_length=16)
    state = models.CharField(max_length=12, choices=State.choices, default=State.AWAITING)
    txn = models.CharField(max_length=48, blank=True)
    created_at = models.DateTimeField()

from django.db import models
from django.utils.translation import gettext_lazy as _

from shebao.standards.dictionary import MONEY


class PensionAward(models.Model):
    """A granted monthly pension with its components, rule version and the inputs it used."""

    class Status(models.TextChoices):
        PAYING = "paying", _("Being paid")
        STOPPED = "stopped", _("Stopped")

    person = models.OneToOneField(
        "registry.Person", on_delete=models.PROTECT, related_name="pension"
    )
    office = models.ForeignKey("regions.Office", on_delete=models.PROTECT, related_name="+")
    start_month = models.DateField()
    basic = models.DecimalField(**MONEY)
    account = models.DecimalField(**MONEY)
    transitional = models.DecimalField(**MONEY)
    extra = models.DecimalField(**MONEY)
    monthly_amount = models.DecimalField(_("monthly pension"), **MONEY)
    rule_version = models.CharField(max_length=48)
    inputs = models.JSONField(help_text="Inputs of the calculation, so it can be recomputed")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PAYING)
    stopped_month = models.DateField(null=True, blank=True)
    stop_reason = models.CharField(max_length=64, blank=True)


class PensionPayment(models.Model):
    """One month's pension paid to a retiree."""

    award = models.ForeignKey(PensionAward, on_delete=models.CASCADE, related_name="payments")
    month = models.DateField()
    amount = models.DecimalField(**MONEY)
    paid_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["award", "month"], name="pension_payment_month")
        ]

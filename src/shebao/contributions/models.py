from django.db import models
from django.utils.translation import gettext_lazy as _

from shebao.standards.dictionary import MONEY, InsuranceType, Participation


class Enrolment(models.Model):
    """A person's enrolment (参保) in one insurance type, in one region, for one period."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Paying")
        SUSPENDED = "suspended", _("Suspended (断缴)")
        ENDED = "ended", _("Ended")
        TRANSFERRED = "transferred", _("Transferred out")

    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="enrolments"
    )
    insurance_type = models.CharField(max_length=32, choices=InsuranceType.choices)
    participation = models.CharField(max_length=16, choices=Participation.choices)
    region_code = models.CharField(max_length=6)
    office = models.ForeignKey(
        "regions.Office",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Null when another region's office holds it",
    )
    employer = models.ForeignKey(
        "registry.Employer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    start_month = models.DateField()
    end_month = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        indexes = [models.Index(fields=["person", "insurance_type", "start_month"])]


class DeemedPeriod(models.Model):
    """Deemed contribution time (视同缴费年限): working years before contributions began."""

    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="deemed_periods"
    )
    start_month = models.DateField()
    end_month = models.DateField()
    source = models.CharField(max_length=64)


class ContributionRecord(models.Model):
    """One month of one insurance type for one person (缴费记录).

    The index (person, insurance_type, month) makes a person's whole history one range read.
    """

    class Status(models.TextChoices):
        PAID = "paid", _("Paid")
        ARREARS = "arrears", _("Due, not paid")

    class Source(models.TextChoices):
        EMPLOYER = "employer", _("Employer declaration")
        FLEXIBLE = "flexible", _("Paid by the person")
        TRANSFER = "transfer", _("Transferred in")
        IMPORT = "import", _("Historical import")

    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="+")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="records")
    insurance_type = models.CharField(max_length=32, choices=InsuranceType.choices)
    month = models.DateField()
    region_code = models.CharField(max_length=6)
    base = models.DecimalField(**MONEY)
    employer_amount = models.DecimalField(**MONEY)
    individual_amount = models.DecimalField(**MONEY)
    account_credit = models.DecimalField(**MONEY, default=0)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PAID)
    source = models.CharField(max_length=16, choices=Source.choices)
    rule_version = models.CharField(max_length=48, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "insurance_type", "month"], name="contribution_person_type_month"
            ),
        ]


class AccountYear(models.Model):
    """The personal pension account (个人账户) for one year: opening, credits, interest, closing."""

    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="account_years"
    )
    year = models.PositiveSmallIntegerField()
    opening = models.DecimalField(**MONEY)
    credits = models.DecimalField(**MONEY)
    rate = models.DecimalField(max_digits=7, decimal_places=5)
    rate_assumed = models.BooleanField(default=False)
    interest = models.DecimalField(**MONEY)
    closing = models.DecimalField(**MONEY)
    rule_version = models.CharField(max_length=48)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="account_person_year")
        ]

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from shebao.pii.fields import EncryptedTextField
from shebao.standards.dictionary import FIELDS, RetirementCategory, Sex


class Person(models.Model):
    """An insured person (参保人).

    The ID number, phone and bank account are stored encrypted (``*_enc``), found by keyed blind
    index (``*_bidx``) and shown masked (``*_masked``). ``ref`` is the opaque identifier used in
    URLs and the API.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Insured")
        RETIRED = "retired", _("Retired, drawing a pension")
        DECEASED = "deceased", _("Deceased")
        MOVED_OUT = "moved_out", _("Moved out")

    ref = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(
        FIELDS["person_name"].label,
        max_length=30,
        validators=[FIELDS["person_name"].django_validator()],
    )
    id_number_enc = EncryptedTextField(kind="resident_id")
    id_number_bidx = models.CharField(max_length=64, unique=True)
    id_number_masked = models.CharField(FIELDS["resident_id"].label, max_length=18)
    sex = models.CharField(FIELDS["sex"].label, max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("date of birth"))
    retirement_category = models.CharField(
        FIELDS["retirement_category"].label, max_length=16, choices=RetirementCategory.choices
    )
    hukou_region_code = models.CharField(
        _("hukou place"), max_length=6, validators=[FIELDS["region_code"].django_validator()]
    )
    hukou_rural = models.BooleanField(_("rural hukou"), default=False)
    phone_enc = EncryptedTextField(kind="mobile")
    phone_bidx = models.CharField(max_length=64, db_index=True)
    phone_masked = models.CharField(FIELDS["mobile"].label, max_length=11)
    bank_name = models.CharField(_("bank"), max_length=32, blank=True)
    bank_account_enc = EncryptedTextField(kind="bank_account", blank=True)
    bank_account_bidx = models.CharField(max_length=64, blank=True, db_index=True)
    bank_account_masked = models.CharField(FIELDS["bank_account"].label, max_length=12, blank=True)
    # Mailing address (通讯地址), for letters from the office: encrypted, shown masked.
    address_enc = EncryptedTextField(kind="address", blank=True)
    address_masked = models.CharField(_("mailing address"), max_length=16, blank=True)
    office = models.ForeignKey("regions.Office", on_delete=models.PROTECT, related_name="persons")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    # Record merging (duplicates found by data-quality work) keeps the merged record, pointing
    # at the survivor, so history and the ledger stay traceable.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_records"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["office", "status"]), models.Index(fields=["name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.id_number_masked})"


class Employer(models.Model):
    """An insured employer (参保单位)."""

    name = models.CharField(_("employer"), max_length=100)
    credit_code = models.CharField(
        FIELDS["credit_code"].label,
        max_length=18,
        unique=True,
        validators=[FIELDS["credit_code"].django_validator()],
    )
    industry = models.CharField(_("industry"), max_length=32)
    work_injury_class = models.PositiveSmallIntegerField(_("work-injury industry class"), default=1)
    region_code = models.CharField(
        max_length=6, validators=[FIELDS["region_code"].django_validator()]
    )
    office = models.ForeignKey("regions.Office", on_delete=models.PROTECT, related_name="employers")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class LifeEvent(models.Model):
    """A fact of life the office was told about: death, retirement, unemployment, a move."""

    class Kind(models.TextChoices):
        DEATH = "death", _("Death")
        RETIREMENT = "retirement", _("Retirement")
        UNEMPLOYMENT = "unemployment", _("Registered unemployed")
        MOVE_IN = "move_in", _("Moved in from another region")
        MOVE_OUT = "move_out", _("Moved out to another region")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="life_events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    date = models.DateField()
    region_code = models.CharField(max_length=6, blank=True)
    source = models.CharField(_("source"), max_length=64)
    note = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["person", "date"])]


class Kinship(models.Model):
    """A family tie the office holds (for survivor benefits and claims by relatives)."""

    class Relation(models.TextChoices):
        CHILD = "child", _("Child")
        SPOUSE = "spouse", _("Spouse")
        PARENT = "parent", _("Parent")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="kin")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(
        max_length=8, choices=Relation.choices, help_text="What the relative is to the person"
    )
    source = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "relative"], name="kinship_pair")]


class IdentifierReveal(models.Model):
    """One break-glass showing of a person's full identifier to a staff member, with the reason
    they recorded. Auditors read these; the ledger holds a digest of each."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    field = models.CharField(max_length=16)
    reason = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True)

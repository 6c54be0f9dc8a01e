from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """One administrative division code for the years it was in use (a code may be reused)."""

    code = models.CharField(_("region code"), max_length=6, db_index=True)
    name = models.CharField(_("name"), max_length=64)
    province_code = models.CharField(max_length=6)
    valid_from_year = models.PositiveSmallIntegerField(null=True, blank=True)
    valid_to_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["code", "name", "valid_from_year"], name="region_code_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Office(models.Model):
    """A social insurance service centre (社保经办机构); each keeps its own ledger."""

    code = models.SlugField(unique=True, max_length=32)
    name = models.CharField(_("office"), max_length=64)
    region_code = models.CharField(max_length=6)
    province_code = models.CharField(max_length=6)
    ledger_origin = models.CharField(
        max_length=128,
        unique=True,
        help_text="Origin line of this office's transparency-log checkpoints",
    )

    def __str__(self) -> str:
        return self.name

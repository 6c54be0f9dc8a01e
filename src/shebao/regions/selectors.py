"""Reads for regions and offices."""

from __future__ import annotations

from django.db.models import Q

from .models import Office, Region


def region_name(code: str, *, year: int | None = None) -> str:
    """The name a code had in ``year`` (or its current name); the code itself if unknown."""
    rows = Region.objects.filter(code=code)
    if year is not None:
        rows = rows.filter(
            Q(valid_from_year__isnull=True) | Q(valid_from_year__lte=year),
            Q(valid_to_year__isnull=True) | Q(valid_to_year__gte=year),
        )
    region = rows.order_by("-valid_from_year").first()
    return region.name if region else code


def offices_all() -> list[Office]:
    return list(Office.objects.order_by("code"))


# Province of a region code -> the region name the policy engine (shebao_rules) uses.
_POLICY_REGIONS = {"13": "hebei", "51": "sichuan", "22": "jilin", "11": "beijing", "14": "shanxi"}


def policy_region(region_code: str) -> str:
    """The policy engine's region for a GB/T 2260 code, e.g. 130181 (辛集市) -> "hebei"."""
    try:
        return _POLICY_REGIONS[region_code[:2]]
    except KeyError:
        raise LookupError(f"no policy rules for the province of {region_code}") from None


def office_by_code(code: str) -> Office | None:
    return Office.objects.filter(code=code).first()


def office_for_region(region_code: str) -> Office | None:
    """The office that keeps the insurance of a region (an exchange's address)."""
    return Office.objects.filter(region_code=region_code).first()


def office_names() -> dict[str, str]:
    """Office code -> name."""
    return dict(Office.objects.values_list("code", "name"))


def region_is_current(code: str) -> bool:
    return Region.objects.filter(code=code, valid_to_year__isnull=True).exists()


def regions_current() -> list[tuple[str, str, str]]:
    """(code, name, province code) of every code in use today."""
    return list(
        Region.objects.filter(valid_to_year__isnull=True).values_list(
            "code", "name", "province_code"
        )
    )


def offices_in_reach(user) -> list[int]:
    """The offices whose cases a staff member may see: their own office; a provincial office
    (its region is the province) sees every office of its province."""
    office = getattr(user, "office", None)
    if office is None or getattr(user, "kind", "") != "staff":
        return []
    if office.region_code == office.province_code:
        return list(
            Office.objects.filter(province_code=office.province_code).values_list("pk", flat=True)
        )
    return [office.pk]

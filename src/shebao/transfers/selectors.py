"""Reads for transfers (关系转移接续): the region choices, what a transfer would move, open and
finished transfers, and the steps of the exchange as the person sees them.

The contribution and region reads here are new reads the transfer needs (a person's pension
months with the office that holds each, the current city list); each is one indexed query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shebao.applications.selectors import applications_of
from shebao.applications.workflow import HOLDER, OPEN
from shebao.benefits.selectors import pension_for
from shebao.contributions.selectors import (
    account_latest,
    enrolled_with,
    paid_months_untransferred,
)
from shebao.regions.selectors import (
    office_for_region,
    region_is_current,
    region_name,
    regions_current,
)
from shebao.regions.selectors import office_names as _office_names

from .models import ExchangeRecord, Transfer
from .reckoning import Reckoning, Row, place_of, reckon, within

SERVICE = "transfer"
PENSION = "enterprise_pension"
IN, OUT = Transfer.Direction.IN, Transfer.Direction.OUT
# Names in the code list that are groupings, not places one is insured in.
_NOT_PLACES = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政单位")
_NOT_MAINLAND = ("71", "81", "82")


class TransferRefused(Exception):
    """The transfer cannot be filed as chosen; ``field`` says which choice to change."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Choices:
    held: list[tuple[str, str]]  # (code, name): regions with contributions not yet transferred
    others: list[tuple[str, list[tuple[str, str]]]]  # (province name, [(code, name)])
    preselected: str
    direction: str  # the direction pre-selected

    def known(self, code: str) -> bool:
        return any(c == code for c, _ in self.held) or any(
            c == code for _, cities in self.others for c, _ in cities
        )


def _rows(person) -> list[Row]:
    """Every paid pension month of the person, with whether this office holds it."""
    return [
        Row(month, region, base, credit, individual, office_id == person.office_id)
        for month, region, base, credit, individual, office_id in paid_months_untransferred(
            person, insurance_type=PENSION
        )
    ]


def _done_until(person) -> dict[tuple[str, str], dt.date]:
    """Per (direction, region), the last month a completed transfer already moved."""
    out: dict[tuple[str, str], dt.date] = {}
    for direction, region, until in Transfer.objects.filter(
        person=person, stage=Transfer.Stage.COMPLETED
    ).values_list("direction", "region_code", "months_to"):
        key = (direction, region)
        out[key] = max(out.get(key, until), until)
    return out


def _untransferred(person, rows: list[Row]) -> dict[str, list[Row]]:
    """Rows another region's office holds, not moved yet, by pooling-level place."""
    done = _done_until(person)
    places: dict[str, list[Row]] = {}
    for row in rows:
        if row.here:
            continue
        place = place_of(row.region_code)
        until = done.get((IN, place))
        if until is not None and row.month <= until:
            continue
        places.setdefault(place, []).append(row)
    return places


def _here_rows(person, rows: list[Row], region: str) -> list[Row]:
    until = _done_until(person).get((OUT, region))
    return [r for r in rows if r.here and (until is None or r.month > until)]


def pays_here_now(person) -> bool:
    """An active pension enrolment with this office: the person pays here now."""
    return enrolled_with(person, insurance_type=PENSION, office_id=person.office_id)


def _current_places() -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """(code, name, province code) of every current city-level place in code order, and the
    province names."""
    rows = regions_current()
    provinces = {code: name for code, name, prov in rows if code == prov}
    cities: dict[str, tuple[str, str, str]] = {}
    for code, name, prov in rows:
        if code[:2] in _NOT_MAINLAND or code == prov or name in _NOT_PLACES:
            continue
        place = place_of(code)
        if place == code:
            cities[code] = (code, name, prov)
        elif place == prov and prov not in cities:  # a municipality: the city is the province
            cities[prov] = (prov, provinces.get(prov, prov), prov)
    return [cities[c] for c in sorted(cities)], provinces


def region_choices(person, *, as_of: dt.date) -> Choices:
    """Regions to pick from: those with contributions not yet transferred first (the first of
    them pre-selected), then every other province's cities by province; this office's own
    province is left out (moves within a province are not this service)."""
    rows = _rows(person)
    held_places = _untransferred(person, rows)
    held = [(code, region_name(code)) for code in sorted(held_places)]
    cities, provinces = _current_places()
    own_province = person.office.province_code
    grouped: dict[str, list[tuple[str, str]]] = {}
    for code, name, prov in cities:
        if prov == own_province or code in held_places:
            continue
        grouped.setdefault(prov, []).append((code, name))
    others = [(provinces.get(p, p), grouped[p]) for p in sorted(grouped)]
    return Choices(
        held=held,
        others=others,
        preselected=held[0][0] if held else "",
        direction=IN if pays_here_now(person) else OUT,
    )


def transfer_preview(person, *, region: str, direction: str, as_of: dt.date) -> Reckoning:
    """What a transfer with the other region `region` would move, or `TransferRefused`
    naming the choice to change. The same checks guard the page, the API and submission."""
    office = person.office
    if direction not in (IN, OUT):
        raise TransferRefused("direction", _("Please choose the direction of the transfer."))
    region = (region or "").strip()
    if not region:
        raise TransferRefused("region", _("Please choose the other region."))
    if not region_is_current(region):
        raise TransferRefused(
            "region", _("We do not know this region. Please pick one from the list.")
        )
    if within(office.region_code, region) or region == office.region_code:
        raise TransferRefused(
            "region", _("This is the region of this office, where you are insured now.")
        )
    if region[:2] == office.province_code[:2]:
        raise TransferRefused(
            "region",
            _(
                "That region is in the same province as this office: your years there already "
                "count here without a transfer between regions."
            ),
        )
    if person.status != "active" or pension_for(person) is not None:
        raise TransferRefused(
            "region", _("A pension is already being paid, so nothing can be transferred.")
        )
    rows = _rows(person)
    name = region_name(region)
    if direction == IN:
        moving = _untransferred(person, rows).get(region, [])
        if not moving:
            raise TransferRefused(
                "region",
                _(
                    "We hold no contributions of yours from %(region)s that are not transferred "
                    "yet, so there is nothing to transfer from there."
                )
                % {"region": name},
            )
        balance, version = None, ""
    else:
        if pays_here_now(person):
            raise TransferRefused(
                "direction",
                _(
                    "You pay here now, so your insurance stays here. A transfer out is made when "
                    "you pay in the other region."
                ),
            )
        moving = _here_rows(person, rows, region)
        if not moving:
            raise TransferRefused(
                "region", _("You have no contributions here that could be transferred.")
            )
        latest = account_latest(person)
        closed = latest.closing if latest else Decimal("0.00")
        this_year = sum(
            (r.account_credit for r in moving if latest is None or r.month.year > latest.year),
            Decimal("0.00"),
        )
        balance, version = closed + this_year, "account books"
    return reckon(
        direction=direction,
        region=region,
        moving=moving,
        all_rows=rows,
        account_balance=balance,
        account_rule_version=version,
        hukou=person.hukou_region_code,
        office_region=office.region_code,
        as_of=as_of,
    )


def open_transfer(person, *, region: str):
    """The person's transfer application with this region still in progress, if any."""
    for application in applications_of(person):
        if (
            application.service == SERVICE
            and application.status in OPEN
            and application.payload.get("region") == region
        ):
            return application
    return None


def transfer_for(application) -> Transfer | None:
    return Transfer.objects.filter(application=application).select_related("partner").first()


def partner_office(region: str):
    """The office that keeps the insurance of `region` (the exchange's address)."""
    return office_for_region(region)


def exchange_records(transfer: Transfer) -> list[ExchangeRecord]:
    return list(transfer.packages.all())


def pending_partner_packages() -> list[int]:
    """Packages sent to a simulated partner that it has not answered yet (oldest first)."""
    return list(
        ExchangeRecord.objects.filter(
            way=ExchangeRecord.Way.SENT, processed_at__isnull=True
        ).values_list("pk", flat=True)
    )


def partner_holdings(person, *, region: str, as_of: dt.date) -> Reckoning | None:
    """What the office of `region` holds for the person, reckoned as that office would: the
    months it keeps that were not moved yet. Used by the simulated partner."""
    moving = _untransferred(person, _rows(person)).get(region, [])
    if not moving:
        return None
    rows = _rows(person)
    return reckon(
        direction=IN,
        region=region,
        moving=moving,
        all_rows=rows,
        account_balance=None,
        account_rule_version="",
        hukou=person.hukou_region_code,
        office_region=person.office.region_code,
        as_of=as_of,
    )


def place_name(code: str) -> str:
    return region_name(code)


DIRECTIONS = Transfer.Direction.choices
PACKAGE_WORDS = {
    "contact_letter": gettext_lazy("contact letter (联系函)"),
    "certificate": gettext_lazy("certificate of contributions (参保缴费凭证)"),
    "funds_notice": gettext_lazy("notice of the funds transferred"),
    "receipt": gettext_lazy("receipt of the funds"),
    "refusal": gettext_lazy("refusal letter"),
}


def status_holder(application) -> str:
    """Who holds the application now, in the person's words."""
    return str(HOLDER.get(application.status, ""))


def claim_words(rule: int, *, claim: str, hukou: str) -> str:
    """The claim-place rule (第六条) that applies, in plain words."""
    names = {"claim": region_name(claim), "hukou": region_name(hukou)}
    if rule == 1:
        return _("You are insured at your household registration place, %(claim)s.") % names
    if rule == 2:
        return (
            _(
                "You are not insured at your household registration place (%(hukou)s), but you "
                "have paid for 10 years or more where you are insured now, %(claim)s."
            )
            % names
        )
    if rule == 3:
        return (
            _(
                "You have paid for less than 10 years where you are insured now, so it is the "
                "last earlier place where you paid for 10 years or more, %(claim)s."
            )
            % names
        )
    return (
        _(
            "No place where you were insured reaches 10 years, so it is your household "
            "registration place, %(claim)s."
        )
        % names
    )


def open_transfers(person) -> list:
    """The person's transfer applications still in progress, newest first."""
    return [a for a in applications_of(person) if a.service == SERVICE and a.status in OPEN]


def office_names() -> dict[str, str]:
    """Office code -> name (the exchange addresses packages by office code)."""
    return _office_names()


def transfer_steps(application, transfer: Transfer | None) -> list[dict]:
    """Every step the person can follow, oldest first: the application's changes and the
    packages exchanged between the offices ({"at", "text"})."""
    from shebao.applications.selectors import application_events

    status = type(application).Status
    steps = []
    for event in application_events(application):
        text = str(status(event.to_status).label)
        if event.reason:
            text += _(": %(reason)s") % {"reason": event.reason}
        steps.append({"at": event.at, "text": text})
    if transfer is not None:
        offices = office_names()
        for package in exchange_records(transfer):
            steps.append(
                {
                    "at": package.at,
                    "text": _("%(sender)s sent the %(what)s to %(receiver)s")
                    % {
                        "sender": offices.get(package.from_office, package.from_office),
                        "what": PACKAGE_WORDS.get(package.kind, package.kind),
                        "receiver": offices.get(package.to_office, package.to_office),
                    },
                }
            )
    return sorted(steps, key=lambda s: s["at"])


def pooled_rate_text(on: dt.date) -> str:
    """The pooled-part rate (第四条(二)) in force on `on`, as a percentage: "12%"."""
    from shebao_rules.params import lookup

    rate = lookup("transfer.pooled_rate", "national", on.year).value
    return f"{(rate * 100).normalize():f}%"

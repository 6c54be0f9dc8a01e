"""What a certificate certifies (the snapshot), as the exact text the office signs.

The signed text is a C2SP signed note (see `shebao_tlog.note`) whose body is two lines::

    shebao/certificate/v1
    {"code":"…","issued_at":"…","office":{…},"person":{…},"insurance":[…],"deemed":[…]}

The first line names the format, so a signature on a certificate can never be taken for a
signature on anything else. The second is canonical JSON (sorted keys, no spaces, UTF-8).
It holds only what a stranger may see: the name and ID number masked, periods as codes.
Labels are looked up when shown, in the reader's language, from the closed vocabularies below;
a snapshot with a code outside them is rejected rather than shown half-understood.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from shebao.standards.dictionary import InsuranceType

FORMAT = "shebao/certificate/v1"

# Same English text as the models' choices, so the existing translations apply; kept here
# because a signed document's vocabulary must not change when a model's labels do.
PERSON_STATUS = {
    "active": _("Insured"),
    "retired": _("Retired, drawing a pension"),
    "deceased": _("Deceased"),
    "moved_out": _("Moved out"),
}
ENROLMENT_STATUS = {
    "active": _("Paying"),
    "suspended": _("Suspended (断缴)"),
    "ended": _("Ended"),
    "transferred": _("Transferred out"),
    "": _("Not enrolled"),
}
INSURANCE_TYPES = {t.value: t.label for t in InsuranceType}


class SnapshotError(ValueError):
    """The text is not a certificate snapshot this code understands."""


def _month(text: str) -> dt.date:
    year, month = text.split("-")
    return dt.date(int(year), int(month), 1)


def _month_text(value: dt.date | None) -> str | None:
    return f"{value.year:04d}-{value.month:02d}" if value else None


@dataclass(frozen=True)
class Period:
    """A stretch of consecutive paid months in one region."""

    start: dt.date
    end: dt.date
    months: int
    region_code: str
    region_name: str


@dataclass(frozen=True)
class Insurance:
    """One insurance type (险种) on the certificate."""

    insurance_type: str
    status: str
    months_paid: int
    months_due: int
    last_paid: dt.date | None
    periods: tuple[Period, ...]

    @property
    def type_label(self):
        return INSURANCE_TYPES[self.insurance_type]

    @property
    def status_label(self):
        return ENROLMENT_STATUS[self.status]


@dataclass(frozen=True)
class Deemed:
    """Deemed contribution time (视同缴费年限)."""

    start: dt.date
    end: dt.date
    months: int


@dataclass(frozen=True)
class Snapshot:
    """Everything a certificate states, as signed."""

    code: str
    issued_at: dt.datetime  # aware, in the office's time zone
    office_code: str
    office_name: str
    name_masked: str
    id_number_masked: str
    person_status: str
    insurance: tuple[Insurance, ...]
    deemed: tuple[Deemed, ...]

    @property
    def person_status_label(self):
        return PERSON_STATUS[self.person_status]

    def to_text(self) -> str:
        """The note body to sign: format line, canonical JSON line."""
        body = {
            "code": self.code,
            "issued_at": self.issued_at.isoformat(),
            "office": {"code": self.office_code, "name": self.office_name},
            "person": {
                "name": self.name_masked,
                "id_number": self.id_number_masked,
                "status": self.person_status,
            },
            "insurance": [
                {
                    "type": i.insurance_type,
                    "status": i.status,
                    "months_paid": i.months_paid,
                    "months_due": i.months_due,
                    "last_paid": _month_text(i.last_paid),
                    "periods": [
                        {
                            "from": _month_text(p.start),
                            "to": _month_text(p.end),
                            "months": p.months,
                            "region": p.region_code,
                            "region_name": p.region_name,
                        }
                        for p in i.periods
                    ],
                }
                for i in self.insurance
            ],
            "deemed": [
                {"from": _month_text(d.start), "to": _month_text(d.end), "months": d.months}
                for d in self.deemed
            ],
        }
        line = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return f"{FORMAT}\n{line}\n"

    @classmethod
    def from_text(cls, text: str) -> Snapshot:
        """Parse a note body written by `to_text`; `SnapshotError` for anything else."""
        first, _, rest = text.partition("\n")
        if first != FORMAT or not rest.endswith("\n") or "\n" in rest[:-1]:
            raise SnapshotError("not a shebao/certificate/v1 body")
        try:
            body = json.loads(rest)
            person = body["person"]
            snapshot = cls(
                code=body["code"],
                issued_at=dt.datetime.fromisoformat(body["issued_at"]),
                office_code=body["office"]["code"],
                office_name=body["office"]["name"],
                name_masked=person["name"],
                id_number_masked=person["id_number"],
                person_status=person["status"],
                insurance=tuple(
                    Insurance(
                        insurance_type=i["type"],
                        status=i["status"],
                        months_paid=i["months_paid"],
                        months_due=i["months_due"],
                        last_paid=_month(i["last_paid"]) if i["last_paid"] else None,
                        periods=tuple(
                            Period(
                                start=_month(p["from"]),
                                end=_month(p["to"]),
                                months=p["months"],
                                region_code=p["region"],
                                region_name=p["region_name"],
                            )
                            for p in i["periods"]
                        ),
                    )
                    for i in body["insurance"]
                ),
                deemed=tuple(
                    Deemed(start=_month(d["from"]), end=_month(d["to"]), months=d["months"])
                    for d in body["deemed"]
                ),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SnapshotError(f"malformed certificate body: {exc}") from None
        if snapshot.person_status not in PERSON_STATUS or any(
            i.insurance_type not in INSURANCE_TYPES or i.status not in ENROLMENT_STATUS
            for i in snapshot.insurance
        ):
            raise SnapshotError("certificate body uses a code outside its vocabulary")
        return snapshot

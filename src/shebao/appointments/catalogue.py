"""What a person can book a counter visit for: the online services of the service catalogue
(服务事项目录) — some people prefer a counter — and a few things done only at a counter.

Counter-only services are data here, kept few; everything else comes from
`shebao.applications.catalogue`, so a name is written once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from shebao.applications.catalogue import SERVICES


@dataclass(frozen=True)
class CounterServiceSpec:
    code: str
    name: Promise


# Done only in person: the card needs a photo and a signature; a correction needs the papers.
COUNTER_ONLY: tuple[CounterServiceSpec, ...] = (
    CounterServiceSpec(
        "social_security_card",
        _("Social security card (社会保障卡): apply, replace or unblock"),
    ),
    CounterServiceSpec(
        "records_correction",
        _("Correction of contribution records (with your papers)"),
    ),
)

# Not bookable: booking a booking makes no sense.
_NOT_AT_COUNTER = {"appointment"}

BOOKABLE: tuple[CounterServiceSpec, ...] = (
    *(CounterServiceSpec(s.code, s.name) for s in SERVICES if s.code not in _NOT_AT_COUNTER),
    *COUNTER_ONLY,
)
BY_CODE = {s.code: s for s in BOOKABLE}


def service_name(code: str) -> str:
    spec = BY_CODE.get(code)
    return str(spec.name) if spec else code

"""The exchange between two offices for a transfer (关系转移接续), as a real one would use it.

Under 国办发〔2009〕66号 the two offices exchange four kinds of documents:

- ``contact_letter`` (联系函): the receiving office asks the sending office to transfer;
- ``certificate`` (参保缴费凭证): the sending office lists the years, months and bases;
- ``funds_notice`` (转移资金通知): the sending office says what it transferred (account,
  pooled part, total);
- ``receipt`` (到账确认): the receiving office confirms the funds arrived (an out-transfer ends
  with it); ``refusal`` (退回函): an office cannot carry the transfer out and says why.

An `ExchangePackage` is one such document: kind, from-office and to-office (office codes,
the exchange's addresses), the transfer data with identifiers only masked (the person travels
as the opaque ``person`` key and a masked ID number; a real exchange would carry the full ID
number over its own secured channel, never through this object, logs or the ledger) and the
application number.

A `PartnerGateway` delivers a package to the other office: ``send(package)``. Our office calls
it only after the transaction that recorded the package has committed. In the demo every other
office is a `SimulatedPartner`: a second `Office` row with its own ledger origin, which answers
in a Celery task (`transfers.tasks.partner_answer_task`) through the same receiving function a
real answer would reach (`services.transfer_receive`). A real gateway is named in the setting
``SHEBAO_TRANSFER_GATEWAY`` (a dotted path), default the simulated one.

Signing (a later issue, with the ledger): a package will be signed by the sending office's
ledger key when it is recorded (in `services._package_record`, where its canonical JSON is
known) and checked by `services.transfer_receive` against the sender's published key before
anything is recorded; the signature will travel beside the package, not inside ``data``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

CONTACT_LETTER = "contact_letter"
CERTIFICATE = "certificate"
FUNDS_NOTICE = "funds_notice"
RECEIPT = "receipt"
REFUSAL = "refusal"
KINDS = (CONTACT_LETTER, CERTIFICATE, FUNDS_NOTICE, RECEIPT, REFUSAL)


@dataclass(frozen=True)
class ExchangePackage:
    kind: str
    from_office: str
    to_office: str
    application_ref: str
    data: dict[str, Any] = field(default_factory=dict)
    record_id: int | None = None  # the sender's copy (ExchangeRecord), for the answer task

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown package kind {self.kind!r}")


class PartnerGateway(Protocol):
    def send(self, package: ExchangePackage) -> None:
        """Deliver the package to ``package.to_office``; the answer comes back later through
        `services.transfer_receive`."""


class SimulatedPartner:
    """The other office in the demo: answers in a Celery task, as a worker would."""

    def send(self, package: ExchangePackage) -> None:
        from .tasks import partner_answer_task

        partner_answer_task.delay(package.record_id)


def gateway() -> PartnerGateway:
    path = getattr(
        settings, "SHEBAO_TRANSFER_GATEWAY", "shebao.transfers.exchange.SimulatedPartner"
    )
    return import_string(path)()

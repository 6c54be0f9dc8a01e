"""Payment gateways (支付渠道): the interface the services use, and the sandbox that ships.

A gateway takes an order to the payer's bank (`start` gives the address to send them to),
tells us the outcome by a signed server-to-server notice (回调通知), answers a status query
(`query`) when no notice came, and refunds (`refund`). Notices are signed with HMAC-SHA256;
the key is ``PAYMENT_GATEWAY_KEY`` in the settings or ``SHEBAO_PAYMENT_GATEWAY_KEY`` in the
environment, else derived from ``SECRET_KEY`` (fine for the sandbox, never for a real bank).

`SandboxGateway` stands in for the bank card, WeChat Pay and Alipay alike. Its "bank" page
lets the demonstrator or tester choose the outcome, as the payer would at a real bank:
success, failure, or timeout — the bank takes the payment but its notice does not reach us,
so the order stays pending until a late notice or a status query settles it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import SandboxTransaction

SUCCEEDED, FAILED, PROCESSING, UNKNOWN = "succeeded", "failed", "processing", "unknown"
OUTCOMES = ("success", "failure", "timeout")
SIGNATURE_HEADER = "X-Gateway-Signature"


def signing_key() -> bytes:
    configured = getattr(settings, "PAYMENT_GATEWAY_KEY", "") or os.environ.get(
        "SHEBAO_PAYMENT_GATEWAY_KEY", ""
    )
    if configured:
        return configured.encode()
    return hmac.new(
        settings.SECRET_KEY.encode(), b"shebao.payments.gateway-notice", hashlib.sha256
    ).digest()


def sign(body: bytes) -> str:
    return hmac.new(signing_key(), body, hashlib.sha256).hexdigest()


def signature_valid(body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(body), (signature or "").strip().lower())


@dataclass(frozen=True)
class Notice:
    """A gateway's notice of an outcome, as sent over the wire: the body and its signature."""

    body: bytes
    signature: str


def notice_for(*, gateway_ref: str, order_ref: str, outcome: str, amount: Decimal, txn: str):
    """Build and sign a notice (what the bank's server would post to ours)."""
    payload = {
        "gateway_ref": gateway_ref,
        "order_ref": order_ref,
        "outcome": outcome,  # "succeeded" or "failed"
        "amount": f"{amount:.2f}",
        "txn": txn,
        "sent_at": timezone.now().isoformat(timespec="seconds"),
    }
    body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    return Notice(body=body, signature=sign(body))


@dataclass(frozen=True)
class Started:
    gateway_ref: str
    redirect_url: str  # where the payer goes to pay


@dataclass(frozen=True)
class Status:
    state: str  # SUCCEEDED | FAILED | PROCESSING | UNKNOWN
    txn: str = ""
    amount: Decimal | None = None


class Gateway(Protocol):
    name: str

    def start(self, *, order_ref: str, amount: Decimal, method: str) -> Started: ...

    def query(self, *, gateway_ref: str) -> Status: ...

    def refund(self, *, gateway_ref: str, amount: Decimal) -> None: ...


class SandboxGateway:
    """The sandbox bank: its own book (`SandboxTransaction`) and its payer-facing choices."""

    name = "sandbox"

    def start(self, *, order_ref: str, amount: Decimal, method: str) -> Started:
        token = secrets.token_urlsafe(24)
        SandboxTransaction.objects.create(
            token=token,
            order_ref=order_ref,
            amount=amount,
            method=method,
            created_at=timezone.now(),
        )
        return Started(token, reverse("portal:pay-sandbox-bank", args=[token]))

    def query(self, *, gateway_ref: str) -> Status:
        row = SandboxTransaction.objects.filter(token=gateway_ref).first()
        if row is None:
            return Status(UNKNOWN)
        state = {
            SandboxTransaction.State.SUCCEEDED: SUCCEEDED,
            SandboxTransaction.State.REFUNDED: SUCCEEDED,
            SandboxTransaction.State.FAILED: FAILED,
        }.get(row.state, PROCESSING)
        return Status(state, row.txn, row.amount)

    def refund(self, *, gateway_ref: str, amount: Decimal) -> None:
        SandboxTransaction.objects.filter(
            token=gateway_ref, state=SandboxTransaction.State.SUCCEEDED
        ).update(state=SandboxTransaction.State.REFUNDED)

    # --- the bank's side (only the sandbox has these) -------------------------------------

    def transaction(self, token: str) -> SandboxTransaction | None:
        return SandboxTransaction.objects.filter(token=token).first()

    def payer_chooses(self, *, token: str, outcome: str, notify: bool = True) -> Notice | None:
        """The payer (the tester) finishes at the bank. success/failure settle the bank's side
        and give the notice to post to us; timeout leaves the payment processing at the bank
        and sends nothing. A processing payment can be settled later (a late notice), or
        quietly (``notify=False``: the notice is lost, only a status query will tell)."""
        if outcome not in OUTCOMES:
            raise ValueError(outcome)
        with transaction.atomic():
            row = SandboxTransaction.objects.select_for_update().filter(token=token).first()
            open_states = (SandboxTransaction.State.AWAITING, SandboxTransaction.State.PROCESSING)
            if row is None or row.state not in open_states:
                return None
            if outcome == "timeout":
                row.state = SandboxTransaction.State.PROCESSING
                row.save(update_fields=["state"])
                return None
            row.state = (
                SandboxTransaction.State.SUCCEEDED
                if outcome == "success"
                else SandboxTransaction.State.FAILED
            )
            row.txn = "SBX" + secrets.token_hex(8).upper()
            row.save(update_fields=["state", "txn"])
        if not notify:
            return None
        return notice_for(
            gateway_ref=row.token,
            order_ref=row.order_ref,
            outcome=SUCCEEDED if outcome == "success" else FAILED,
            amount=row.amount,
            txn=row.txn,
        )


GATEWAYS: dict[str, Gateway] = {"sandbox": SandboxGateway()}


def current_gateway() -> Gateway:
    """The configured gateway (``PAYMENT_GATEWAY`` in the settings; the sandbox by default)."""
    return GATEWAYS[getattr(settings, "PAYMENT_GATEWAY", "sandbox")]


def gateway_named(name: str) -> Gateway | None:
    return GATEWAYS.get(name)

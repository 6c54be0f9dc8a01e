"""Pluggable SMS senders. ``SHEBAO_SMS_SENDER`` names the class (a dotted path).

- `OutboxSender` (the default, and the demo's): sends nothing; the message stays readable in the
  outbox, which the demo shows on a page.
- `ConsoleSender` (development): prints the masked number and the text to standard output.
- `HttpGatewaySender` (production): POSTs JSON to ``SHEBAO_SMS_GATEWAY_URL`` with the bearer token
  from ``SHEBAO_SMS_GATEWAY_TOKEN`` — a small bridge in front of the operator's SMS platform.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

DEFAULT_SENDER = "shebao.messaging.senders.OutboxSender"


@dataclass(frozen=True)
class Outgoing:
    """What a sender needs: the number in clear (only here, in memory) and the text."""

    phone: str
    phone_masked: str
    body: str
    reference: str  # the outbox id, for the gateway's idempotency


class DeliveryError(Exception):
    """The message could not be handed over; ``retry`` says whether trying later may help."""

    def __init__(self, reason: str, *, retry: bool) -> None:
        super().__init__(reason)
        self.retry = retry


class Sender:
    """Interface: hand one message to its carrier. Return True when really sent, False when only
    kept (the outbox sender). Raise `DeliveryError` on failure."""

    #: Network senders run in the worker (with retries); local ones run right after the commit.
    needs_worker = False

    def send(self, message: Outgoing) -> bool:  # pragma: no cover - interface
        raise NotImplementedError


class OutboxSender(Sender):
    """Sends nothing: the row in the outbox is the message (demo, tests)."""

    def send(self, message: Outgoing) -> bool:
        return False


class ConsoleSender(Sender):
    """Prints to standard output for a developer's terminal; the number is masked. Not a logger
    on purpose: log lines are shipped and kept, and the text may hold a code."""

    def send(self, message: Outgoing) -> bool:
        print(f"[sms to {message.phone_masked}] {message.body}", file=sys.stdout, flush=True)
        return True


class HttpGatewaySender(Sender):
    """POST ``{"to", "text", "reference"}`` as JSON to the configured gateway."""

    needs_worker = True
    timeout_seconds = 10

    def __init__(self) -> None:
        self.url = getattr(settings, "SHEBAO_SMS_GATEWAY_URL", "") or ""
        self.token = getattr(settings, "SHEBAO_SMS_GATEWAY_TOKEN", "") or os.environ.get(
            "SHEBAO_SMS_GATEWAY_TOKEN", ""
        )
        if not self.url:
            raise ImproperlyConfigured(
                "SHEBAO_SMS_SENDER is the HTTP gateway but SHEBAO_SMS_GATEWAY_URL is not set"
            )

    def send(self, message: Outgoing) -> bool:
        payload = json.dumps(
            {"to": message.phone, "text": message.body, "reference": message.reference}
        ).encode("utf-8")
        request = urllib.request.Request(
            self.url,
            data=payload,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                **({"Authorization": f"Bearer {self.token}"} if self.token else {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:
                response.read(1024)
        except urllib.error.HTTPError as exc:
            # 4xx: the gateway refused this message; trying again will not help (except 429).
            raise DeliveryError(
                f"gateway answered HTTP {exc.code}", retry=exc.code >= 500 or exc.code == 429
            ) from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise DeliveryError(f"gateway unreachable ({type(exc).__name__})", retry=True) from None
        return True


@lru_cache(maxsize=4)
def _sender_class(path: str) -> type[Sender]:
    cls = import_string(path)
    if not (isinstance(cls, type) and issubclass(cls, Sender)):
        raise ImproperlyConfigured(f"SHEBAO_SMS_SENDER {path!r} is not a Sender class")
    return cls


def current_sender() -> Sender:
    """The configured sender (a fresh instance, so changed settings apply in tests)."""
    path = getattr(settings, "SHEBAO_SMS_SENDER", "") or DEFAULT_SENDER
    return _sender_class(path)()

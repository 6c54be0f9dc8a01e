"""Rate limits (限流) on sign-in, text messages and the API, counted in the Django cache.

A limit is "so many requests per period from one source": the client address for the sign-in
and text-message pages, the account (or the address when nobody is signed in) for the API.
Counting uses fixed windows — a counter per source per period, created with ``cache.add`` and
raised with ``cache.incr`` — so it costs one or two cache calls and needs nothing but the cache.
The limit holds within each window and resets when the next one starts; a burst across a window
boundary can reach twice the limit, which is acceptable for what this guards (guessing, text
message abuse, scraping) and is why the limits are set at half of what we would tolerate.

The counters must be shared by every web process, so production needs a shared cache (the
database cache or Redis, see docs/operations.md); the default per-process memory cache only
limits each process on its own. Cache keys hold a hash of the source, never an address.

Limits come from ``settings.SHEBAO_RATE_LIMITS`` (scope -> "count/period", period one of
``s``, ``min``, ``h``, ``d`` with an optional multiplier, e.g. ``"10/10min"``), read on every
request so tests and operators can change them; the defaults are in `DEFAULT_LIMITS`.

The answer to a request over the limit is 429 with ``Retry-After`` (whole seconds) and a page or
JSON message in the person's language.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from ninja.throttling import BaseThrottle

from shebao.client_address import client_address as _address

# Per source. Sign-in pages count every POST (right or wrong: django-axes separately pauses one
# account after five wrong tries); a shared address (an office, a mobile carrier's NAT) must
# still get through, so the per-address limits are generous and the per-account pause is strict.
DEFAULT_LIMITS: dict[str, str] = {
    "sign-in": "20/min",  # citizen password, SMS code, passkey sign-in POSTs per address
    "staff-sign-in": "10/min",  # staff password and TOTP POSTs per address
    # Text messages asked for (send and resend) per address; above the per-number limits
    # (one a minute, ten a day) so that one person always meets those, with their own message.
    "sms": "20/10min",
    "api-anon": "60/min",  # API calls per address without a signed-in account
    "api-user": "300/min",  # API calls per signed-in account
    # The public ledger endpoints (/ledger/…) per address: a partner auditing the log fetches a
    # checkpoint and a few proofs a minute; a mirror copying entries one by one gets 20 a second.
    "ledger": "1200/min",
}

CACHE_ALIAS = "default"
# Sent (scope=, request=) for every refused request, so security monitoring can see guessing
# that the limits stopped before it reached a password check.
rate_limited = Signal()
# The clock, replaceable in tests to step past a window without waiting.
clock: Callable[[], float] = time.time

_PERIODS = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([a-z]+)\s*$")


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int
    limit: Limit
    retry_after: int  # whole seconds until the window resets


def parse_rate(rate: str) -> Limit:
    match = _RATE.match(rate.lower())
    if not match or match.group(3) not in _PERIODS:
        raise ValueError(f"Invalid rate {rate!r}: use 'count/period', e.g. '10/10min'")
    multiplier = int(match.group(2) or 1)
    return Limit(count=int(match.group(1)), seconds=multiplier * _PERIODS[match.group(3)])


def limit_for(scope: str) -> Limit:
    configured = getattr(settings, "SHEBAO_RATE_LIMITS", None) or {}
    rate = configured.get(scope) or DEFAULT_LIMITS.get(scope)
    if rate is None:
        raise KeyError(f"No rate limit configured for scope {scope!r}")
    return parse_rate(rate)


def hit(scope: str, source: str) -> Verdict:
    """Count one request from ``source`` in ``scope`` and say whether it is within the limit."""
    limit = limit_for(scope)
    now = clock()
    window = int(now // limit.seconds)
    digest = hashlib.sha256(f"{scope}\0{source}".encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}:{window}"
    cache = caches[CACHE_ALIAS]
    ttl = limit.seconds + 5
    cache.add(key, 0, timeout=ttl)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=ttl)
        count = 1
    retry_after = max(1, math.ceil((window + 1) * limit.seconds - now))
    return Verdict(allowed=count <= limit.count, count=count, limit=limit, retry_after=retry_after)


def client_address(request: HttpRequest) -> str:
    """The client's address by the rule lockouts and monitoring use too (shebao.client_address)."""
    return _address(request) or "unknown"


def too_many_message(retry_after: int) -> str:
    minutes = max(1, math.ceil(retry_after / 60))
    return ngettext(
        "Too many tries in a short time. Please wait %(minutes)d minute and try again. "
        "For help, call 12333.",
        "Too many tries in a short time. Please wait %(minutes)d minutes and try again. "
        "For help, call 12333.",
        minutes,
    ) % {"minutes": minutes}


def too_many_page(request: HttpRequest, verdict: Verdict) -> HttpResponse:
    """The 429 page, in the person's language, in the staff or the citizen look."""
    base = "backoffice/base.html" if request.path.startswith("/staff/") else "portal/base.html"
    response = render(
        request,
        "ops/too_many.html",
        {"base": base, "message": too_many_message(verdict.retry_after)},
        status=429,
    )
    response["Retry-After"] = str(verdict.retry_after)
    return response


def too_many_json(request: HttpRequest, verdict: Verdict) -> JsonResponse:
    """The 429 for the pages' own JSON calls (the passkey steps): ``{"error": message}``, which
    their script shows where it shows every other refusal."""
    response = JsonResponse({"error": too_many_message(verdict.retry_after)}, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


def rate_limit(
    scope: str,
    *,
    methods: tuple[str, ...] = ("POST",),
    when: Callable[[HttpRequest], bool] | None = None,
    source: Callable[[HttpRequest], str] = client_address,
    refuse: Callable[[HttpRequest, Verdict], HttpResponse] = too_many_page,
):
    """Decorate a view: requests with one of ``methods`` (and, if given, for which ``when`` holds)
    count towards ``scope``'s limit per ``source``; over it the view is not run and the person
    gets ``refuse``'s answer (the 429 page unless a JSON endpoint names its own)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and (when is None or when(request)):
                verdict = hit(scope, source(request))
                if not verdict.allowed:
                    rate_limited.send(sender=__name__, scope=scope, request=request)
                    return refuse(request, verdict)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def asks_for_a_new_code(request: HttpRequest) -> bool:
    """The code page's "Send a new code" button (a text message), not a typed code."""
    return "resend" in request.POST


def types_a_code(request: HttpRequest) -> bool:
    """A code page's POST that checks a typed code (counted as a sign-in try, not a message)."""
    return "resend" not in request.POST and "send" not in request.POST


def code_page_limits(view):
    """The limits of a page where a code is both sent and typed: "send" and "resend" count as
    text messages (``sms``), a typed code as a sign-in try (``sign-in``)."""
    sends = rate_limit("sms", when=lambda request: not types_a_code(request))
    tries = rate_limit("sign-in", when=types_a_code)
    return sends(tries(view))


# --- The API (django-ninja throttles) ------------------------------------------------------------


class ApiThrottle(BaseThrottle):
    """One throttle for the whole API: per account when signed in (``api-user``), per address
    otherwise (``api-anon``). Use as ``NinjaAPI(throttle=[ApiThrottle()])`` with
    `api_throttled` as the handler of ``ninja.errors.Throttled``. One instance serves every
    thread, so the last verdict (for ``wait``) is kept per thread."""

    def __init__(self) -> None:
        self._last = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        user = getattr(request, "user", None)
        scope = "api-user" if user is not None and user.is_authenticated else "api-anon"
        source = f"user:{user.pk}" if scope == "api-user" else client_address(request)
        verdict = hit(scope, source)
        self._last.verdict = verdict
        if not verdict.allowed:
            rate_limited.send(sender=__name__, scope=scope, request=request)
        return verdict.allowed

    def wait(self) -> float | None:
        verdict = getattr(self._last, "verdict", None)
        return float(verdict.retry_after) if verdict is not None else None


def api_throttled(request: HttpRequest, exc) -> JsonResponse:
    """The API's 429: ``{"detail": ...}`` in the request's language, with ``Retry-After``
    (django-ninja adds the header from the throttle's wait; set here too for direct use)."""
    wait = getattr(exc, "wait", None)
    retry_after = max(1, math.ceil(wait)) if wait else 60
    response = JsonResponse({"detail": too_many_message(retry_after)}, status=429)
    response["Retry-After"] = str(retry_after)
    return response

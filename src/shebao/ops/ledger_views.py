"""Public, read-only audit endpoints of each office's transparency log (账本), as in Certificate
Transparency: the latest signed checkpoint, the verifier key, entries and proofs.

One log per office (社保经办机构). The office is named in the path (`/ledger/<office>/…`, the
form to give partners) or, on the short paths of issue 7 (`/ledger/checkpoint` …), with
`?office=<code>`; the short paths without it answer for the only office when there is exactly
one, and otherwise refuse with 400 naming the offices. See docs/ledger-api.md.

Entries are pseudonymous (identifiers and keyed hashes, no personal data), so these need no
sign-in; they are rate-limited per address (scope ``ledger``, `shebao.ops.ratelimit`). Every
refusal is JSON `{"detail": reason}`: 400 for unusable parameters, 404 for an unknown office or
a log with nothing signed yet, 429 with Retry-After over the limit; never a 500 for anything a
caller sends.
"""

from __future__ import annotations

import re

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from shebao.ledger import selectors as ledger
from shebao.regions.selectors import office_by_code, offices_all

from .ratelimit import Verdict, rate_limit, too_many_message

# Sizes and indices travel as uint64 on the wire everywhere else (RFC 6962); anything longer
# than 20 ASCII digits is refused before int() sees it.
_NUMBER = re.compile(r"[0-9]{1,20}")
TEXT = "text/plain; charset=utf-8"
# Entries and proofs for given sizes never change once signed; the checkpoint does.
IMMUTABLE = "public, max-age=3600"


class _Refusal(Exception):
    def __init__(self, status: int, detail: str, **extra) -> None:
        super().__init__(detail)
        self.status = status
        self.body = {"detail": detail, **extra}


def _refused(exc: _Refusal) -> JsonResponse:
    response = JsonResponse(exc.body, status=exc.status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


def _office(request, office_code: str | None):
    if office_code is None:
        office_code = request.GET.get("office")
    if office_code is None:
        offices = offices_all()
        if len(offices) == 1:
            return offices[0]
        codes = [o.code for o in offices]
        raise _Refusal(
            400,
            "this site keeps one log per office: name it with ?office=<code> or "
            "/ledger/<code>/…; offices: " + ", ".join(codes),
            offices=codes,
        )
    office = office_by_code(office_code)
    if office is None:
        codes = [o.code for o in offices_all()]
        raise _Refusal(
            404, f"no office {office_code[:40]!r}; offices: " + ", ".join(codes), offices=codes
        )
    return office


def _number(request, name: str, raw: str | None = None) -> int:
    value = request.GET.get(name) if raw is None else raw
    if value is None:
        raise _Refusal(400, f"parameter {name} is missing")
    if not _NUMBER.fullmatch(value):
        raise _Refusal(400, f"{name} must be a whole number 0 or more, got {value[:40]!r}")
    return int(value)


def _too_many(request, verdict: Verdict) -> JsonResponse:
    response = _refused(_Refusal(429, too_many_message(verdict.retry_after)))
    response["Retry-After"] = str(verdict.retry_after)
    return response


def _endpoint(view):
    """Resolve the office, run the view, and turn every refusal into JSON."""

    @require_safe
    @rate_limit("ledger", methods=("GET", "HEAD"), refuse=_too_many)
    def wrapper(request, office: str | None = None, **kwargs):
        try:
            return view(request, _office(request, office), **kwargs)
        except _Refusal as exc:
            return _refused(exc)
        except ledger.LogRequestError as exc:
            return _refused(_Refusal(400, str(exc)))
        except LookupError as exc:  # signed but no longer stored: `shebao ledger verify` names it
            return _refused(_Refusal(404, str(exc)))

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _hashes(hashes: list[bytes]) -> JsonResponse:
    response = JsonResponse({"hashes": [h.hex() for h in hashes]})
    response["Cache-Control"] = IMMUTABLE
    return response


@_endpoint
def checkpoint(request, office):
    """The latest signed checkpoint (C2SP signed note): exactly the signed bytes."""
    head = ledger.log_head(office)
    if head is None:
        raise _Refusal(404, f"the log of office {office.code!r} has no checkpoint yet")
    response = HttpResponse(head.signed_note.encode("utf-8"), content_type=TEXT)
    response["Cache-Control"] = "no-cache"
    return response


@_endpoint
def key(request, office):
    """The office's verifier key (C2SP vkey); check it against the one published out of band."""
    vkey = ledger.log_verifier_key(office)
    if vkey is None:
        raise _Refusal(404, f"the log of office {office.code!r} has no key yet")
    response = HttpResponse(vkey.encode("utf-8"), content_type=TEXT)
    response["Cache-Control"] = "public, max-age=300"
    return response


@_endpoint
def entry(request, office, index: str):
    """The exact bytes hashed as leaf ``index`` (canonical JSON, UTF-8)."""
    body = ledger.log_entry(office, _number(request, "index", index))
    response = HttpResponse(body, content_type="application/json")
    response["Cache-Control"] = IMMUTABLE
    return response


@_endpoint
def inclusion(request, office):
    """Inclusion proof of leaf ``index`` in the tree of ``size`` entries."""
    index, size = _number(request, "index"), _number(request, "size")
    return _hashes(ledger.log_inclusion_proof(office, index=index, size=size))


@_endpoint
def consistency(request, office):
    """Consistency proof from the tree of ``old`` entries to the tree of ``new``."""
    old, new = _number(request, "old"), _number(request, "new")
    return _hashes(ledger.log_consistency_proof(office, old=old, new=new))

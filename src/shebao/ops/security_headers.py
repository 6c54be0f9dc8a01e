"""Content-Security-Policy (内容安全策略) on every response.

Django 5.2 has no built-in CSP, and the policy is small enough not to need a dependency. Pages
load script, style and images only from this site; no inline script at all; no plugins; no
framing; forms post only back here. The one inline thing the pages carry is the ``<style>``
element pygal writes inside each server-rendered SVG chart (its colours and fonts, scoped to
that chart's id): the template gives it the per-request nonce (``{{ chart|csp_nonce:request }}``,
`shebao.ops.templatetags.csp`), so ``style-src`` allows exactly those and no other inline style.

The nonce is made per request (``request.csp_nonce``, 128 random bits) and is only useful to
markup the server itself rendered in that response. Another view may set its own
``Content-Security-Policy`` header; it is then left alone.
"""

from __future__ import annotations

import secrets

from django.conf import settings

HEADER = "Content-Security-Policy"


def policy(nonce: str, *, secure: bool) -> str:
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        f"style-src 'self' 'nonce-{nonce}'",
        # data: for the small images the bundled API documentation puts in its stylesheet.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
    if secure:
        directives.append("upgrade-insecure-requests")
    return "; ".join(directives)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        nonce = secrets.token_urlsafe(16)
        request.csp_nonce = nonce
        response = self.get_response(request)
        if HEADER not in response:
            response[HEADER] = policy(nonce, secure=getattr(settings, "SECURE", False))
        return response

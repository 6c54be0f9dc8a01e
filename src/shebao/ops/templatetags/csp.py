"""``{{ chart|csp_nonce:request }}``: mark the ``<style>`` elements of markup the server itself
rendered (the pygal SVG charts) with this response's CSP nonce, so the Content-Security-Policy
(`shebao.ops.security_headers`) allows those styles and no other inline style. Never apply it to
text that came from a person: it would let their styles through."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_STYLE_TAG = re.compile(r"<style\b")


@register.filter
def csp_nonce(markup: SafeString | str, request) -> SafeString:
    nonce = getattr(request, "csp_nonce", "")
    if not nonce:
        return mark_safe(markup)  # noqa: S308 (server-rendered chart; no policy to satisfy)
    return mark_safe(_STYLE_TAG.sub(f'<style nonce="{escape(nonce)}"', str(markup)))  # noqa: S308

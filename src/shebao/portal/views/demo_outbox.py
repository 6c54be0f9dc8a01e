"""The demo's text messages (演示短信): the demo city has no real phones, so the codes it sends
are read here. Exists only when SHEBAO_DEMO is on; anywhere else it is a 404."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from shebao.messaging.selectors import sms_outbox_recent


@never_cache
@require_GET
def demo_outbox(request):
    if not settings.DEMO:
        raise Http404
    return render(request, "portal/auth/demo_outbox.html", {"messages_sent": sms_outbox_recent()})

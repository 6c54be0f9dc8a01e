"""The training switch (/staff/training/): a staff member turns practice on the sandbox on or
off for their own session. While it is on, every page says so and nothing reaches real records
(see `shebao.training`)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shebao.training import SESSION_KEY, is_active
from shebao.training.selectors import training_ready_for

from ..access import staff_required


@require_http_methods(["GET", "POST"])
@staff_required()
def training(request):
    if request.method == "POST":
        if request.POST.get("mode") == "on":
            if not training_ready_for(request.user):
                messages.error(
                    request,
                    _("The practice database is not ready. Ask an administrator to prepare it."),
                )
                return redirect("backoffice:training")
            request.session[SESSION_KEY] = True
            messages.success(
                request, _("Training mode is on. You are working on practice data only.")
            )
        else:
            request.session.pop(SESSION_KEY, None)
            messages.success(request, _("Training mode is off. You are working on real records."))
        return redirect("backoffice:queue")
    return render(
        request,
        "backoffice/training.html",
        {"on": is_active(), "ready": is_active() or training_ready_for(request.user)},
    )

"""Signing in and out."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from shebao.ops.ratelimit import rate_limit

from ..forms import SignInForm


@require_http_methods(["GET", "POST"])
@rate_limit("sign-in")
def sign_in(request):
    if request.user.is_authenticated:
        return redirect("portal:home")
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)  # rotates the session key
        return redirect("portal:home")
    return render(
        request,
        "portal/sign_in.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def sign_out(request):
    logout(request)
    return redirect("portal:sign-in")

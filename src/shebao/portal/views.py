"""Citizen pages: parse, check access, call one selector or service, render."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from shebao.benefits.selectors import pension_for
from shebao.contributions.selectors import account_latest, enrolments_current, last_paid_month
from shebao.standards.dictionary import InsuranceType

from .forms import SignInForm


@require_http_methods(["GET", "POST"])
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


@login_required
def home(request):
    person = request.user.person
    if person is None:
        return render(request, "portal/no_person.html", status=403)
    enrolments = enrolments_current(person)
    pension_enrolment = next(
        (e for e in enrolments if e.insurance_type == InsuranceType.ENTERPRISE_PENSION), None
    )
    context = {
        "person": person,
        "enrolments": enrolments,
        "last_paid": last_paid_month(person, insurance_type=InsuranceType.ENTERPRISE_PENSION)
        if pension_enrolment
        else None,
        "account": account_latest(person),
        "pension": pension_for(person),
    }
    return render(request, "portal/home.html", context)

"""The insurance certificate (参保证明): the holder's page and download, and the public
verification page anyone reaches by scanning the QR code or typing the code."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from shebao.certificates import selectors
from shebao.certificates.services import certificate_issue

from ..access import person_or_403

# HTTP status per verification outcome: an unknown or mistyped code is "not found"; a revoked
# one is still a real record, shown as such.
VERIFY_STATUS = {
    selectors.GENUINE: 200,
    selectors.REVOKED: 200,
    selectors.UNKNOWN: 404,
    selectors.MALFORMED: 404,
    selectors.UNVERIFIABLE: 409,
}


@login_required
@require_GET
def certificate(request):
    """What a certificate contains, the button to issue one, and the ones issued so far."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    context = {
        "person": person,
        "contents": selectors.certificate_contents(person, at=timezone.now()),
        "issued": selectors.certificates_of(person),
    }
    return render(request, "portal/certificate/page.html", context)


@login_required
@require_POST
def certificate_issue_view(request):
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    certificate_issue(person=person, actor=request.user)
    messages.success(request, _("Your certificate is ready. Download it from the list below."))
    return redirect(reverse("portal:certificate") + "#issued")


@login_required
@require_GET
def certificate_download(request, code: str):
    """The PDF, for its owner only: anyone else's code answers 404, as if it did not exist."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    certificate = selectors.certificate_of_owner(person=person, code=code)
    if certificate is None:
        raise Http404
    if certificate.revoked_at:
        messages.error(request, _("That certificate was revoked, so it cannot be downloaded."))
        return redirect("portal:certificate")
    pdf = selectors.certificate_pdf(
        certificate,
        full_name=person.name,
        verify_url=request.build_absolute_uri(
            reverse("portal:verify-code", args=[certificate.code])
        ),
        verify_form_url=request.build_absolute_uri(reverse("portal:verify")),
    )
    return attachment(pdf, f"certificate-{certificate.code}.pdf", "application/pdf")


@require_GET
def verify(request):
    """The form to type a code; a well-formed code goes on to its own page."""
    typed = request.GET.get("code")
    if typed is None:
        return render(request, "portal/certificate/verify.html", {"typed": ""})
    result = selectors.certificate_verify(typed)
    if result.outcome != selectors.MALFORMED:
        return redirect("portal:verify-code", code=result.code)
    return render(
        request,
        "portal/certificate/verify.html",
        {"typed": typed[:40], "problem": result.problem},
        status=400,
    )


@never_cache  # a revocation must show at once, not from some cache
@require_GET
def verify_code(request, code: str):
    """Public: is the certificate with this code genuine, revoked, or not known at all?"""
    result = selectors.certificate_verify(code)
    response = render(
        request,
        "portal/certificate/verify_result.html",
        {"result": result, "certificate": result.certificate},
        status=VERIFY_STATUS[result.outcome],
    )
    response["X-Robots-Tag"] = "noindex, nofollow"  # verification pages are not for search
    return response


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """A download. File names carry no personal data: they end up in download folders,
    browser histories and e-mail attachments."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # personal documents stay off shared caches
    return response

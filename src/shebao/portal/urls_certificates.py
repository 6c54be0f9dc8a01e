"""The insurance certificate (参保证明), its public verification page, and the downloads of
the contribution records."""

from django.urls import path

from .views import certificate, exports

urlpatterns = [
    path("certificate/", certificate.certificate, name="certificate"),
    path("certificate/issue/", certificate.certificate_issue_view, name="certificate-issue"),
    path(
        "certificate/<str:code>/download/",
        certificate.certificate_download,
        name="certificate-download",
    ),
    # Public (no sign-in): whoever is shown a certificate checks it here.
    path("verify/", certificate.verify, name="verify"),
    path("verify/<str:code>", certificate.verify_code, name="verify-code"),
    path("contributions/records.pdf", exports.records_pdf_download, name="records-pdf"),
    path("contributions/records.csv", exports.records_csv_download, name="records-csv"),
]

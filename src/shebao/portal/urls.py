from django.urls import path

from . import (
    urls_appointments,
    urls_auth,
    urls_certificates,
    urls_claims,
    urls_payments,
    urls_services,
    urls_transfer,
)
from .views import account, auth, estimate, guide, home, preferences, records

app_name = "portal"
urlpatterns = [
    path("", home.home, name="home"),
    path("sign-in/", auth.sign_in, name="sign-in"),
    path("sign-out/", auth.sign_out, name="sign-out"),
    path("guide/", guide.guide, name="guide"),
    path("contributions/", records.records, name="records"),
    path("account/", account.account, name="account"),
    path("estimate/", estimate.estimate, name="estimate"),
    path("preferences/elder-mode/", preferences.elder_mode, name="elder-mode"),
    *urls_auth.urlpatterns,
    *urls_certificates.urlpatterns,
    *urls_services.urlpatterns,
    *urls_claims.urlpatterns,
    *urls_transfer.urlpatterns,
    *urls_payments.urlpatterns,
    *urls_appointments.urlpatterns,
]

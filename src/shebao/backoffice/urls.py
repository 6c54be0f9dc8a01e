"""Back-office URLs, all under /staff/."""

from django.urls import path

from . import urls_figures, urls_review, urls_security, urls_training
from .views import appointments, audit, auth, case, queue

app_name = "backoffice"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("sign-in/", auth.sign_in, name="sign-in"),
    path("sign-in/code/", auth.sign_in_code, name="sign-in-code"),
    path("sign-out/", auth.sign_out, name="sign-out"),
    path("cases/<int:pk>/", case.case_page, name="case"),
    path("cases/<int:pk>/act/", case.case_act, name="case-act"),
    path("cases/<int:pk>/reveal/", case.case_reveal, name="case-reveal"),
    path("audit/", audit.audit, name="audit"),
    path("appointments/", appointments.appointments_today, name="appointments"),
    *urls_review.urlpatterns,
    *urls_figures.urlpatterns,
    *urls_training.urlpatterns,
    *urls_security.urlpatterns,
]

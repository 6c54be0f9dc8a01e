"""Portal URLs for counter appointments (在线预约): start, times, confirm, and each booking's
page with its check-in code, change and cancel."""

from django.urls import path

from .views import appointments

urlpatterns = [
    path("appointments/", appointments.start, name="appointments"),
    path("appointments/times/", appointments.times, name="appointment-times"),
    path("appointments/confirm/", appointments.confirm, name="appointment-confirm"),
    path("appointments/<int:booking_id>/", appointments.detail, name="appointment-detail"),
    path(
        "appointments/<int:booking_id>/change/",
        appointments.reschedule,
        name="appointment-reschedule",
    ),
    path(
        "appointments/<int:booking_id>/change/confirm/",
        appointments.reschedule_confirm,
        name="appointment-reschedule-confirm",
    ),
    path("appointments/<int:booking_id>/cancel/", appointments.cancel, name="appointment-cancel"),
]

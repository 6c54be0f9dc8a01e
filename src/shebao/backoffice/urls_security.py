"""Security dashboard routes (/staff/security/), included in the back office's urlpatterns."""

from django.urls import path

from .views import security

urlpatterns = [
    path("security/", security.dashboard, name="security"),
    path(
        "security/alerts/<int:pk>/acknowledge/",
        security.alert_acknowledge_view,
        name="security-acknowledge",
    ),
    path("security/alerts/<int:pk>/freeze/", security.alert_freeze_view, name="security-freeze"),
    path(
        "security/freezes/<int:pk>/release/", security.freeze_release_view, name="security-release"
    ),
]

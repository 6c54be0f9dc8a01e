"""Portal URLs for benefit claims (待遇申领)."""

from django.urls import path

from .views import claims

urlpatterns = [
    path("claims/pension/", claims.pension, name="claim-pension"),
    path("claims/unemployment/", claims.unemployment, name="claim-unemployment"),
    path("claims/survivor/", claims.survivor, name="claim-survivor"),
    path("claims/survivor/<uuid:ref>/", claims.survivor_for, name="claim-survivor-for"),
    path("claims/sent/<str:ref>/", claims.sent, name="claim-sent"),
]

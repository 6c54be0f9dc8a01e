"""Back-office URLs of the automated review (智能审核)."""

from django.urls import path

from .views import review

urlpatterns = [
    path("review/", review.flagged, name="review-flagged"),
]

"""Back-office URLs for training mode (the switch)."""

from django.urls import path

from .views import training

urlpatterns = [path("training/", training.training, name="training")]

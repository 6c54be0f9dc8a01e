"""Portal URLs for the transfer of pension insurance between regions (关系转移接续)."""

from django.urls import path

from .views import transfer

urlpatterns = [
    path("transfer/", transfer.transfer, name="transfer"),
    path("transfer/preview/", transfer.transfer_preview, name="transfer-preview"),
    path("transfer/<str:ref>/", transfer.transfer_status, name="transfer-status"),
]

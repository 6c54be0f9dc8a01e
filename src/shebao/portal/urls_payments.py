"""Portal URLs for contribution payment by flexible workers (灵活就业人员缴费)."""

from django.urls import path

from .views import payments

urlpatterns = [
    path("pay/", payments.pay, name="pay"),
    path("pay/orders/<str:ref>/", payments.order, name="pay-order"),
    path("pay/receipts/<str:number>/", payments.receipt, name="pay-receipt"),
    path("pay/receipts/<str:number>/pdf/", payments.receipt_pdf, name="pay-receipt-pdf"),
    path("pay/sandbox-bank/<str:token>/", payments.sandbox_bank, name="pay-sandbox-bank"),
]

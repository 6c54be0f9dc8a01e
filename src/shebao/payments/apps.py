from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "shebao.payments"
    label = "payments"

from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "shebao.appointments"
    label = "appointments"

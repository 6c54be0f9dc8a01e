from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "shebao.applications"
    label = "applications"

from django.apps import AppConfig


class PiiConfig(AppConfig):
    name = "shebao.pii"
    label = "pii"
    verbose_name = "Personal data protection"

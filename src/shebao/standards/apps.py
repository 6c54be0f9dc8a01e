from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "shebao.standards"
    label = "standards"
    verbose_name = "Data standards"

from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "shebao.ops"
    label = "ops"
    verbose_name = "Operations"

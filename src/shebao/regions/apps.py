from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "shebao.regions"
    label = "regions"
    verbose_name = "Regions and offices"

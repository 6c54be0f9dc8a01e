from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "shebao.transfers"
    label = "transfers"

from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "shebao.workdays"
    label = "workdays"

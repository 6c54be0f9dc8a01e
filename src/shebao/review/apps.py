from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "shebao.review"
    label = "review"

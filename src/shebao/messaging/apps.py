from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "shebao.messaging"
    label = "messaging"

from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "shebao.certificates"
    label = "certificates"

from django.apps import AppConfig


class TrainingConfig(AppConfig):
    """Training mode: no models of its own; the `training_reset` command and the Celery hooks."""

    name = "shebao.training"
    label = "training"

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (connects the Celery signal handlers)

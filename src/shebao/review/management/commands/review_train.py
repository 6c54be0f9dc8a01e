"""Train the automated review's anomaly model on the insured population (智能审核模型训练)."""

from django.core.management.base import BaseCommand

from shebao.review.services import risk_model_train


class Command(BaseCommand):
    help = "Train the review's anomaly model (IsolationForest) on the current population."

    def handle(self, *args, **options):
        model, created = risk_model_train()
        state = "trained" if created else "unchanged (same data and parameters)"
        self.stdout.write(f"{model.version}: {state}, {model.samples} persons")

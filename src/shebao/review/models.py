"""Automated review (智能审核): what the checks found about an application and its risk score,
and the anomaly model (异常检测模型) the score's model part comes from."""

from django.db import models


class Assessment(models.Model):
    """The automated review of one application: findings each with a reason a person can read,
    a risk score with its top contributing factors, and the rule and model versions used."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="assessment"
    )
    score = models.DecimalField(max_digits=5, decimal_places=2)  # 0 (no risk) … 100
    findings = models.JSONField(default=list)  # [{"code", "severity", "title", "reason", "data"}]
    factors = models.JSONField(default=list)  # [{"name", "label", "weight"}] largest first
    versions = models.JSONField(default=dict)  # {"rules": "...", "model": "..."}
    auto_approved = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    # The features the model saw, so the score can be explained (and recomputed) later.
    features = models.JSONField(default=dict)


class RiskModel(models.Model):
    """A trained anomaly model (IsolationForest) over the insured population's features.

    ``version`` is a hash of the training data and parameters: the same data and parameters
    give the same version (training again changes nothing), new data gives a new one. The
    newest row is the one in use; older rows stay so a decision's model can be named."""

    version = models.CharField(max_length=40, unique=True)
    params = models.JSONField()
    feature_names = models.JSONField()
    medians = models.JSONField()  # per feature: the population median (for the factors)
    scales = models.JSONField()  # per feature: the spread used to say how far off a value is
    samples = models.PositiveIntegerField()
    blob = models.BinaryField()  # the fitted estimator (pickled; written only by this app)
    trained_at = models.DateTimeField()

    class Meta:
        ordering = ["-trained_at", "-pk"]
        get_latest_by = ["trained_at", "pk"]

"""Automated review (智能审核): what the checks found about an application and its risk score."""

from django.db import models


class Assessment(models.Model):
    """The automated review of one application: findings each with a reason a person can read,
    a risk score with its top contributing factors, and the rule and model versions used."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="assessment"
    )
    score = models.DecimalField(max_digits=5, decimal_places=2)  # 0 (no risk) … 100
    findings = models.JSONField(default=list)  # [{"code", "severity", "reason", "data"}]
    factors = models.JSONField(default=list)  # [{"name", "label", "weight"}] largest first
    versions = models.JSONField(default=dict)  # {"rules": "...", "model": "..."}
    auto_approved = models.BooleanField(default=False)
    created_at = models.DateTimeField()

"""Writes of the automated review (智能审核): review an application, train the anomaly model.

`application_review` runs the service's rule checks (`checks.py`) and the anomaly model
(`anomaly.py`) over the records, stores the `Assessment` (findings with reasons, the risk score
with its top factors, the rule and model versions) and moves the application along as the
system: submitted → automated review → waiting for review, or → approved for a low-risk case of
a service whose catalogue entry allows it (never a service under maker-checker: pensions and
payments always go to a person). A second run on the same filing changes nothing.

`risk_model_train` trains the model on the population; the same data trains the same version.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from shebao.applications import workflow
from shebao.applications.catalogue import BY_CODE
from shebao.applications.services import TransitionRefused, application_transition
from shebao.ledger.services import record_event

from . import anomaly, checks, scoring
from .models import Assessment, RiskModel
from .selectors import (
    assessment_for,
    person_facts,
    population_facts,
    rejected_before,
    risk_model_current,
)

log = logging.getLogger(__name__)
S = workflow.S
_LOADED: dict[str, object] = {}  # model version -> fitted estimator, per process


def risk_model_train(*, as_of: dt.date | None = None) -> tuple[RiskModel, bool]:
    """Train the anomaly model on every insured person's features; (model, created). Data
    and parameters unchanged since the last training: the existing model, nothing written."""
    as_of = as_of or timezone.localdate()
    rows = [scoring.row(scoring.features(f, as_of=as_of)) for f in population_facts()]
    if not rows:
        rows = [[0.0] * len(scoring.FEATURE_NAMES)]
    version = anomaly.version_of(rows, anomaly.PARAMS)
    existing = RiskModel.objects.filter(version=version).first()
    if existing is not None:
        return existing, False
    fitted = anomaly.fit(rows)
    medians, scales = scoring.population_spread(rows)
    try:
        with transaction.atomic():
            model = RiskModel.objects.create(
                version=fitted.version,
                params=fitted.params,
                feature_names=list(scoring.FEATURE_NAMES),
                medians=medians,
                scales=scales,
                samples=len(rows),
                blob=fitted.dumps(),
                trained_at=timezone.now(),
            )
    except IntegrityError:
        # Two workers trained the same data at once (the first reviews after seeding): the
        # same version is the same model; take the one that was stored first.
        return RiskModel.objects.get(version=fitted.version), False
    log.info("review model trained", extra={"version": model.version, "samples": len(rows)})
    return model, True


def _model() -> tuple[RiskModel, object]:
    model = risk_model_current()
    if model is None or list(model.feature_names) != list(scoring.FEATURE_NAMES):
        model, _created = risk_model_train()
    if model.version not in _LOADED:
        _LOADED[model.version] = anomaly.load(bytes(model.blob))
    return model, _LOADED[model.version]


def _needs_review(application) -> bool:
    if application.status == S.SUBMITTED:
        return True
    # Moved on by staff before the automated review ran: still assess it, once, for the reviewer.
    return (
        application.status in (S.WAITING_REVIEW, S.PENDING_CHECK)
        and assessment_for(application) is None
    )


def application_review(*, application, as_of: dt.date | None = None) -> Assessment | None:
    """Review one filing automatically and move it on; None when there is nothing to do (it
    was reviewed already, or it is closed)."""
    application.refresh_from_db()
    if not _needs_review(application):
        return None
    as_of = as_of or timezone.localdate()
    with translation.override("zh-hans"):
        result = _assess(application, as_of)
    spec = BY_CODE[application.service]
    auto = (
        spec.auto_approve
        and application.service not in workflow.MAKER_CHECKER
        and scoring.may_auto_approve(result["score"], len(result["findings"]))
    )
    try:
        with transaction.atomic():
            moving = application.status == S.SUBMITTED
            if moving:
                application = application_transition(
                    application=application, to=S.AUTO_REVIEW, role=workflow.SYSTEM
                )
            assessment, _created = Assessment.objects.update_or_create(
                application=application,
                defaults={**result, "auto_approved": auto and moving, "created_at": timezone.now()},
            )
            record_event(
                office=application.office,
                kind="review.assessed",
                data={
                    "ref": application.ref,
                    "service": application.service,
                    "score": str(result["score"]),
                    "findings": [f["code"] for f in result["findings"]],
                    "versions": result["versions"],
                    "auto_approved": assessment.auto_approved,
                },
                subject=application.person,
            )
            if moving:
                _move_on(application, assessment.auto_approved)
            return assessment
    except TransitionRefused:
        # Another run (or a person) moved it first: that run's assessment stands.
        return None


def _move_on(application, approve: bool) -> None:
    if not approve:
        application_transition(application=application, to=S.WAITING_REVIEW, role=workflow.SYSTEM)
        return
    with translation.override("zh-hans"):
        reason = _("Approved automatically: the checks found nothing that needs a reviewer.")
    application = application_transition(
        application=application, to=S.APPROVED, role=workflow.SYSTEM, reason=reason
    )
    spec = BY_CODE[application.service]
    if spec.on_approved:
        import_string(spec.on_approved)(application=application, actor=None)


def _assess(application, as_of: dt.date) -> dict:
    applicant = person_facts(application.person)
    subject = person_facts(application.subject) if application.subject_id else None
    claim = checks.recompute_claim(application, as_of=as_of)
    ctx = checks.Context(
        application=application,
        as_of=as_of,
        applicant=applicant,
        subject=subject,
        claim=claim,
        shared_with=applicant.shared_account,
        rejected_before=rejected_before(application),
    )
    findings = checks.run(ctx)
    model, estimator = _model()
    retirement = checks._retirement_month(ctx)
    scored = []
    for facts, when in ((applicant, retirement), (subject, None)):
        if facts is None:
            continue
        values = scoring.features(facts, as_of=as_of, retirement=when)
        row = scoring.row(values)
        scored.append((anomaly.anomaly(estimator, row), values, row))
    anomaly_score, values, row = max(scored, key=lambda s: s[0])
    points = scoring.model_points(anomaly_score)
    model_factors = scoring.model_factors(row, model.medians, model.scales, points)
    score = scoring.combine([(f.code, f.severity) for f in findings], model_factors)
    titles = {f.code: f.title for f in findings}
    return {
        "score": score.score,
        "findings": [f.as_json() for f in findings],
        "factors": [_factor_json(f, titles) for f in score.factors],
        "versions": {
            "rules": scoring.RULES_VERSION,
            "model": model.version,
            "figures": (application.figures or {}).get("rule_version", ""),
        },
        "features": {**values, "anomaly": round(anomaly_score, 4)},
    }


FEATURE_LABELS = {
    "base_rise": lambda v: _("Base rise before retirement: %(v)s%%") % {"v": round(v * 100)},
    "regions": lambda v: _("Regions paid in: %(v)s") % {"v": int(v)},
    "overlap_months": lambda v: _("Months paid in two regions: %(v)s") % {"v": int(v)},
    "months_paid": lambda v: _("Months paid: %(v)s") % {"v": int(v)},
    "shared_account": lambda v: _("Unrelated people on the same account: %(v)s") % {"v": int(v)},
    "age": lambda v: _("Age: %(v)s") % {"v": int(v)},
    "rejections": lambda v: _("Earlier rejections: %(v)s") % {"v": int(v)},
    "paid_after_death": lambda v: _("Pension months paid after death: %(v)s") % {"v": int(v)},
}


def _factor_json(factor: scoring.Factor, titles: dict[str, str]) -> dict:
    if factor.finding:
        label = _("Rule: %(title)s") % {"title": titles[factor.finding]}
    else:
        label = _("Model: %(feature)s (population median %(median)s)") % {
            "feature": FEATURE_LABELS[factor.name](factor.value),
            "median": _plain(factor.median, factor.name),
        }
    return {
        "name": factor.name,
        "label": label,
        "weight": str(Decimal(str(factor.weight)).quantize(Decimal("0.1"))),
    }


def _plain(value: float | None, name: str) -> str:
    if value is None:
        return "—"
    if name == "base_rise":
        return f"{round(value * 100)}%"
    return f"{value:g}"

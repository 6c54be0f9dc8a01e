"""The anomaly model (异常检测): scikit-learn's IsolationForest over the population's features.

Pure of Django: `fit` takes the feature rows and returns the fitted estimator with its version
(a hash of the rows, the parameters and the library version, so the same data trains the same
model under the same name); `anomaly` gives IsolationForest's score s in 0…1 for one row
(above 0.5: easier to isolate than most, i.e. unusual).
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass

PARAMS = {"n_estimators": 200, "max_samples": 256, "random_state": 2026}


@dataclass(frozen=True)
class Fitted:
    version: str
    params: dict
    estimator: object

    def dumps(self) -> bytes:
        return pickle.dumps(self.estimator, protocol=pickle.HIGHEST_PROTOCOL)


def version_of(rows: list[list[float]], params: dict) -> str:
    import sklearn

    digest = hashlib.sha256(
        json.dumps(
            {"rows": sorted(rows), "params": params, "sklearn": sklearn.__version__},
            sort_keys=True,
        ).encode()
    ).hexdigest()
    return f"iforest-{digest[:12]}"


def fit(rows: list[list[float]], params: dict | None = None) -> Fitted:
    """Train on the population's rows (in a fixed order, with a fixed random state)."""
    import numpy as np
    from sklearn.ensemble import IsolationForest

    params = dict(params or PARAMS)
    data = np.array(sorted(rows), dtype=float)
    estimator = IsolationForest(
        n_estimators=params["n_estimators"],
        max_samples=min(params["max_samples"], len(data)),
        random_state=params["random_state"],
    ).fit(data)
    return Fitted(version_of(rows, params), params, estimator)


def load(blob: bytes) -> object:
    return pickle.loads(blob)  # noqa: S301 — only this app writes the blob, from `fit`


def anomaly(estimator, values: list[float]) -> float:
    """IsolationForest's anomaly score s of one row (0…1)."""
    import numpy as np

    return float(-estimator.score_samples(np.array([values], dtype=float))[0])

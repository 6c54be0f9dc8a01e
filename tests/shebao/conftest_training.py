"""Training mode's settings for the tests until config/settings.py carries them.

Imported by the training tests at collection time: it adds the "training" database (derived from
the default one as config/settings.py will do) before pytest-django creates the test databases,
and `training_settings` switches on the router, the middleware and the context processor.
Once the real settings carry them, every step here finds them in place and changes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

import shebao.training.jobs  # noqa: F401  (the Celery hooks; apps.ready imports it when installed)
from shebao.training import TRAINING
from shebao.training.dbconfig import training_database

ROUTER = "shebao.training.router.TrainingRouter"
MIDDLEWARE = "shebao.training.middleware.TrainingMiddleware"
PROCESSOR = "shebao.training.context_processors.training"

if TRAINING not in settings.DATABASES:
    entry = training_database(settings.DATABASES["default"], Path(os.environ["SHEBAO_HOME"]))
    if entry["ENGINE"] == "django.db.backends.sqlite3":
        entry["TEST"] = {"NAME": os.path.join(os.environ["SHEBAO_HOME"], "test-training.sqlite3")}
    both = connections.configure_settings(
        {"default": settings.DATABASES["default"], TRAINING: entry}
    )
    settings.DATABASES[TRAINING] = both[TRAINING]
    connections.settings[TRAINING] = both[TRAINING]


@pytest.fixture
def training_settings(settings):
    if ROUTER not in settings.DATABASE_ROUTERS:
        settings.DATABASE_ROUTERS = [*settings.DATABASE_ROUTERS, ROUTER]
    if MIDDLEWARE not in settings.MIDDLEWARE:
        middleware = list(settings.MIDDLEWARE)
        at = middleware.index("django.contrib.messages.middleware.MessageMiddleware") + 1
        settings.MIDDLEWARE = [*middleware[:at], MIDDLEWARE, *middleware[at:]]
    engine = settings.TEMPLATES[0]
    if PROCESSOR not in engine["OPTIONS"]["context_processors"]:
        settings.TEMPLATES = [
            {
                **engine,
                "OPTIONS": {
                    **engine["OPTIONS"],
                    "context_processors": [*engine["OPTIONS"]["context_processors"], PROCESSOR],
                },
            },
            *settings.TEMPLATES[1:],
        ]
    return settings

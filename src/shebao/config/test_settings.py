"""Settings for the test suite: fixed throwaway keys, the real stack otherwise.

DATABASE_URL chooses the database as in production (SQLite file by default, PostgreSQL in CI's
second pass), so the suite proves both.
"""

import os
import tempfile

os.environ.setdefault("SHEBAO_HOME", tempfile.mkdtemp(prefix="shebao-test-"))
os.environ.setdefault(
    "SHEBAO_SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
)
os.environ.setdefault("SHEBAO_DATA_KEYS", "t1:dGVzdC1vbmx5LWRhdGEta2V5LTMyLWJ5dGVzLWxvbmc=")
os.environ.setdefault("SHEBAO_INDEX_KEY", "dGVzdC1vbmx5LWluZGV4LWtleS0zMi1ieXRlcy1sb25nIQ==")
os.environ.setdefault("SHEBAO_SECURE", "0")
# Playwright's sync API runs an event loop in the test thread; the ORM calls around it are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from .settings import *  # noqa: E402,F401,F403
from .settings import DATABASES  # noqa: E402

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(os.environ["SHEBAO_HOME"], "test.sqlite3")}
if DATABASES["training"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["training"]["TEST"] = {
        "NAME": os.path.join(os.environ["SHEBAO_HOME"], "test-training.sqlite3")
    }

from .settings import STORAGES  # noqa: E402

# Tests serve static files straight from the apps (no collectstatic step, no manifest).
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Many tests sign in from the same test address within a minute: the per-address rate limits
# (ops/ratelimit.py) are raised here; the rate-limit tests set their own low limits.
SHEBAO_RATE_LIMITS = {
    scope: "100000/min"
    for scope in (
        "sign-in",
        "staff-sign-in",
        "sms",
        "api-anon",
        "api-user",
        "ledger",
    )
}

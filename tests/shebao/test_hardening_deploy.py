"""Production settings (issue 7 hardening): HTTPS only with HSTS, cookies that travel only over
HTTPS and never to scripts, the Content-Security-Policy and the rate-limit counters in a cache
every web process shares — read from the real settings module under a production environment
(see test_deployment for `check --deploy` itself)."""

import json

from .test_deployment import _run

PRINT_SETTINGS = """
import json
from django.conf import settings as s
print(json.dumps({
    "hsts": s.SECURE_HSTS_SECONDS,
    "hsts_subdomains": s.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "ssl_redirect": s.SECURE_SSL_REDIRECT,
    "session_secure": s.SESSION_COOKIE_SECURE,
    "session_httponly": s.SESSION_COOKIE_HTTPONLY,
    "csrf_secure": s.CSRF_COOKIE_SECURE,
    "frame": s.X_FRAME_OPTIONS,
    "nosniff": s.SECURE_CONTENT_TYPE_NOSNIFF,
    "middleware": s.MIDDLEWARE,
    "hasher": s.PASSWORD_HASHERS[0],
    "validators": [v["NAME"].rsplit(".", 1)[-1] for v in s.AUTH_PASSWORD_VALIDATORS],
    "cache": s.CACHES["default"]["BACKEND"],
    "apps": s.INSTALLED_APPS,
}))
"""


def _production_settings(**env) -> dict:
    result = _run("shell", "-c", PRINT_SETTINGS, env_overrides=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_is_https_only_with_hsts_and_secure_cookies():
    found = _production_settings()
    assert found["hsts"] >= 31536000 and found["hsts_subdomains"] and found["ssl_redirect"]
    assert found["session_secure"] and found["csrf_secure"] and found["session_httponly"]
    assert found["frame"] == "DENY" and found["nosniff"]


def test_the_policy_runs_right_after_the_security_middleware():
    middleware = _production_settings()["middleware"]
    assert middleware[0] == "django.middleware.security.SecurityMiddleware"
    assert middleware[1] == "shebao.ops.security_headers.ContentSecurityPolicyMiddleware"
    assert "django.middleware.csrf.CsrfViewMiddleware" in middleware


def test_passwords_use_argon2_and_the_strength_rules():
    found = _production_settings()
    assert found["hasher"].endswith("Argon2PasswordHasher")
    assert found["validators"] == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "StaffMinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]


def test_rate_limit_counters_are_shared_by_every_process():
    assert _production_settings()["cache"].endswith("FileBasedCache")
    redis = _production_settings(SHEBAO_CACHE_URL="redis://127.0.0.1:6379/1")
    assert redis["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_the_api_documentation_is_served_from_this_site():
    # Installed, django-ninja serves Swagger UI from its own static files with no inline script.
    assert "ninja" in _production_settings()["apps"]

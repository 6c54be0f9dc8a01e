"""Production settings pass Django's deployment checks; migrations match the models; settings
refuse to start without their secrets."""

import os
import subprocess
import sys

import pytest

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "shebao.config.settings",
    "SHEBAO_SECRET_KEY": "x" * 20 + "-production-like-secret-key-with-enough-entropy-9f8e7d6c5b4a",
    "SHEBAO_DATA_KEYS": "k1:dGVzdC1vbmx5LWRhdGEta2V5LTMyLWJ5dGVzLWxvbmc=",
    "SHEBAO_INDEX_KEY": "dGVzdC1vbmx5LWluZGV4LWtleS0zMi1ieXRlcy1sb25nIQ==",
    "SHEBAO_ALLOWED_HOSTS": "shebao.example.gov.cn",
}


def _run(*args, env_overrides=None, drop=()):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SHEBAO_")
        and k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", *drop}
    }
    env.update(PRODUCTION_ENV)
    env["SHEBAO_HOME"] = os.environ["SHEBAO_HOME"]
    env.update(env_overrides or {})
    for key in drop:
        env.pop(key, None)
    return subprocess.run(
        [sys.executable, "-m", "shebao.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = _run("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_models_and_migrations_agree():
    result = _run("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SHEBAO_SECRET_KEY", "SHEBAO_DATA_KEYS", "SHEBAO_INDEX_KEY"])
def test_settings_refuse_to_start_without_a_secret(missing):
    result = _run("check", drop=(missing,))
    assert result.returncode != 0
    assert missing in result.stderr and "not set" in result.stderr

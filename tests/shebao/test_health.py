"""/healthz reports the database and the broker, for the embedded default and for Redis."""

import pytest

from shebao.config.celery import app as celery_app


@pytest.fixture
def broker(settings):
    original = celery_app.conf.broker_url

    def use(url):
        celery_app.conf.broker_url = url
        celery_app.pool.force_close_all()
        celery_app._pool = None
        celery_app.conf.broker_transport_options = (
            {} if not url.startswith("filesystem") else celery_app.conf.broker_transport_options
        )

    yield use
    celery_app.conf.broker_url = original
    celery_app._pool = None


@pytest.mark.django_db
def test_health_is_ok_on_the_embedded_default(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "status": "ok"}


@pytest.mark.django_db
def test_health_is_ok_with_redis_as_broker(client, broker):
    broker("redis://127.0.0.1:6379/15")
    response = client.get("/healthz")
    assert response.json()["broker"] == "ok", (
        "Redis on 127.0.0.1:6379 must be running for this suite"
    )


@pytest.mark.django_db
def test_health_reports_an_unreachable_broker(client, broker):
    broker("redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["broker"] == "unavailable"

"""The SMS outbox and its senders: the demo keeps messages, the console prints them masked, the
HTTP gateway gets JSON with its token; failures are kept for a retry or given up."""

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from shebao.messaging.models import SmsMessage
from shebao.messaging.selectors import sms_outbox_recent
from shebao.messaging.senders import DeliveryError
from shebao.messaging.services import sms_deliver, sms_outbox_purge, sms_queue

pytestmark = pytest.mark.django_db
PHONE = "13912345678"


@pytest.fixture
def gateway():
    """A gateway on 127.0.0.1 that records what it receives and answers with ``status``."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        status = 200

        def do_POST(self):  # noqa: N802 - the standard library's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append({"auth": self.headers.get("Authorization"), "body": json.loads(body)})
            self.send_response(type(self).status)
            self.end_headers()

        def log_message(self, *args):  # keep the test output (and the number) quiet
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sms", Handler, received
    server.shutdown()


def test_the_demo_sender_keeps_the_message_in_the_outbox(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sms_queue(phone=PHONE, body="您的验证码是123456", purpose="sign_in")
    message = SmsMessage.objects.get()
    assert message.status == SmsMessage.Status.KEPT and message.sender == "OutboxSender"
    assert sms_outbox_recent()[0].body == "您的验证码是123456"
    assert sms_outbox_recent()[0].phone_masked == "139****5678"


def test_nothing_is_handed_to_a_sender_before_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sms_queue(phone=PHONE, body="x", purpose="sign_in")
    assert len(callbacks) == 1
    assert SmsMessage.objects.get().status == SmsMessage.Status.QUEUED


def test_the_console_sender_prints_the_number_masked(settings, capsys):
    settings.SHEBAO_SMS_SENDER = "shebao.messaging.senders.ConsoleSender"
    message = sms_queue(phone=PHONE, body="code 123456", purpose="sign_in")
    sms_deliver(message_id=message.pk)
    out = capsys.readouterr().out
    assert "139****5678" in out and "code 123456" in out and PHONE not in out
    assert SmsMessage.objects.get().status == SmsMessage.Status.SENT


def test_the_gateway_gets_json_with_the_bearer_token(settings, gateway):
    url, _, received = gateway
    settings.SHEBAO_SMS_SENDER = "shebao.messaging.senders.HttpGatewaySender"
    settings.SHEBAO_SMS_GATEWAY_URL = url
    settings.SHEBAO_SMS_GATEWAY_TOKEN = "gateway-token"
    message = sms_queue(phone=PHONE, body="您的验证码是123456", purpose="sign_in")
    sms_deliver(message_id=message.pk)
    assert received == [
        {
            "auth": "Bearer gateway-token",
            "body": {"to": PHONE, "text": "您的验证码是123456", "reference": f"sms-{message.pk}"},
        }
    ]
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.SENT and message.sent_at is not None
    sms_deliver(message_id=message.pk)  # a retried task does not send twice
    assert len(received) == 1


def test_a_gateway_failure_is_kept_for_a_retry_without_the_gateways_words(settings, gateway):
    url, handler, _ = gateway
    handler.status = 503
    settings.SHEBAO_SMS_SENDER = "shebao.messaging.senders.HttpGatewaySender"
    settings.SHEBAO_SMS_GATEWAY_URL = url
    message = sms_queue(phone=PHONE, body="x", purpose="sign_in")
    with pytest.raises(DeliveryError):
        sms_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == SmsMessage.Status.QUEUED and message.attempts == 1
    assert message.last_error == "gateway answered HTTP 503"


def test_a_message_the_gateway_refuses_is_given_up_at_once(settings, gateway):
    url, handler, _ = gateway
    handler.status = 400
    settings.SHEBAO_SMS_SENDER = "shebao.messaging.senders.HttpGatewaySender"
    settings.SHEBAO_SMS_GATEWAY_URL = url
    message = sms_queue(phone=PHONE, body="x", purpose="sign_in")
    sms_deliver(message_id=message.pk)
    assert SmsMessage.objects.get().status == SmsMessage.Status.FAILED


def test_a_network_sender_is_run_by_the_worker(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    from shebao.messaging import tasks

    settings.SHEBAO_SMS_SENDER = "shebao.messaging.senders.HttpGatewaySender"
    settings.SHEBAO_SMS_GATEWAY_URL = "http://127.0.0.1:9/unused"
    queued = []
    monkeypatch.setattr(tasks.sms_deliver_task, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        message = sms_queue(phone=PHONE, body="x", purpose="sign_in")
    assert queued == [message.pk]


def test_old_messages_are_purged():
    old = sms_queue(phone=PHONE, body="old", purpose="sign_in")
    SmsMessage.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    sms_queue(phone=PHONE, body="new", purpose="sign_in")
    assert sms_outbox_purge() == 1
    assert [m.body for m in sms_outbox_recent()] == ["new"]

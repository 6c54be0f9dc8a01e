"""The embedded broker never shows a worker a half-written message (kombu's own filesystem
transport did, and the worker stopped with a JSONDecodeError)."""

import json
import os

from kombu import Connection

from shebao.config import broker
from shebao.config.celery import app


def test_filesystem_urls_use_the_atomic_transport(tmp_path):
    assert app.main == "shebao"  # importing the Celery app installs the alias
    options = {"data_folder_in": str(tmp_path), "data_folder_out": str(tmp_path)}
    with Connection("filesystem://", transport_options=options) as connection:
        assert isinstance(connection.transport, broker.AtomicFilesystemTransport)


def test_a_message_appears_in_the_queue_only_when_whole(tmp_path, monkeypatch):
    folder = tmp_path / "queue"
    folder.mkdir()
    seen_while_writing = []
    real_fsync = os.fsync

    def watching_fsync(fd):
        # The moment the body is written but not yet renamed: what would a worker see?
        seen_while_writing.extend(n for n in os.listdir(folder) if n.endswith(".msg"))
        real_fsync(fd)

    monkeypatch.setattr(broker.os, "fsync", watching_fsync)
    options = {"data_folder_in": str(folder), "data_folder_out": str(folder)}
    with Connection(transport=broker.AtomicFilesystemTransport, transport_options=options) as c:
        channel = c.default_channel
        channel._put("celery", {"body": "x" * 100_000})
        assert seen_while_writing == []
        (name,) = [n for n in os.listdir(folder) if n.endswith(".msg")]
        assert json.loads((folder / name).read_text())["body"] == "x" * 100_000
        assert channel._get("celery") == {"body": "x" * 100_000}

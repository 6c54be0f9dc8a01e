"""The sequencer turns the outbox into an RFC 6962 log with signed checkpoints."""

import pytest
from django.db import transaction

from shebao.ledger.models import Checkpoint, LedgerEvent, LogKey
from shebao.ledger.sequencer import sequence_all, sequence_office
from shebao.ledger.services import record_event
from shebao_tlog import Verifier, leaf_hash, open_checkpoint, root_from_leaf_hashes

pytestmark = pytest.mark.django_db


def _record(office, n):
    with transaction.atomic():
        for i in range(n):
            record_event(office=office, kind="test.event", data={"n": i})


def _verify_latest(office):
    checkpoint = Checkpoint.objects.filter(office=office).order_by("-size").first()
    verifier = Verifier.from_vkey(LogKey.objects.get(office=office).vkey)
    body = open_checkpoint(
        checkpoint.signed_note, origin=office.ledger_origin, verifiers=[verifier]
    )
    bodies = (
        LedgerEvent.objects.filter(office=office)
        .order_by("leaf_index")
        .values_list("body", flat=True)
    )
    expected = root_from_leaf_hashes([leaf_hash(b.encode()) for b in bodies])
    return body, expected


def test_pending_events_get_consecutive_indices_and_a_signed_checkpoint(office):
    _record(office, 5)  # plus the office.created event
    assert sequence_all() == 6
    indices = list(LedgerEvent.objects.order_by("id").values_list("leaf_index", flat=True))
    assert indices == list(range(6))
    body, expected = _verify_latest(office)
    assert body.size == 6 and body.root_hash == expected


def test_later_batches_extend_the_same_tree(office):
    _record(office, 3)
    sequence_office(office, batch=2)
    sequence_office(office, batch=2)
    _record(office, 7)
    sequence_all()
    body, expected = _verify_latest(office)
    assert body.size == 11 and body.root_hash == expected
    assert list(Checkpoint.objects.order_by("size").values_list("size", flat=True)) == [2, 4, 11]


def test_nothing_pending_signs_nothing_new(office):
    sequence_all()
    before = Checkpoint.objects.count()
    assert sequence_all() == 0
    assert Checkpoint.objects.count() == before


def test_the_signing_key_is_stored_encrypted(office):
    sequence_all()
    key = LogKey.objects.get(office=office)
    assert key.skey_enc.startswith("v1.") and "PRIVATE" not in key.skey_enc
    assert key.vkey.startswith(office.ledger_origin + "+")


def test_overlapping_scheduled_runs_do_not_both_sequence(monkeypatch):
    """Beat fires every second; a run that starts while another is busy steps aside at once."""
    import threading

    from shebao.ledger import tasks

    entered, release = threading.Event(), threading.Event()

    def busy_run():
        entered.set()
        release.wait(5)
        return 7

    monkeypatch.setattr(tasks, "sequence_all", busy_run)
    results = []
    first = threading.Thread(target=lambda: results.append(tasks.sequence_outbox()))
    first.start()
    assert entered.wait(5)
    assert tasks.sequence_outbox() == 0  # the overlapping run returns without sequencing
    release.set()
    first.join(10)
    assert results == [7]
    monkeypatch.setattr(tasks, "sequence_all", lambda: 3)
    assert tasks.sequence_outbox() == 3  # and once the first is done, runs go ahead again

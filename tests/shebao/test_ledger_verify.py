"""`shebao ledger verify` passes on the demo city and names the place of any tampering.

The demo city is seeded through the real outbox and sequenced in batches of 50, so Xinji's log
(179 entries) has checkpoints of sizes 50, 100, 150 and 179. Each test then changes the
database behind the application's back (raw SQL, as an intruder or a careless DBA would) and
runs the command; the test's transaction is rolled back afterwards.
"""

import datetime as dt

import pytest
from django.db import connection

from shebao import cli
from shebao.demo.seed import seed_city
from shebao.ledger.models import Checkpoint, LedgerEvent, LogNode
from shebao.ledger.sequencer import sequence_all
from shebao.ledger.verification import CheckpointRow, verify_log
from shebao_tlog import Checkpoint as CheckpointBody
from shebao_tlog import MemoryTree, Signer, leaf_hash, sign_checkpoint

TODAY = dt.date(2026, 11, 28)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_city(persons=8, today=TODAY)
        sequence_all(batch=50)
        yield
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def verify(city, capsys, monkeypatch):
    """Run `shebao ledger verify ARGS…`; return (exit status, output lines)."""
    monkeypatch.setattr(cli, "_setup_django", lambda: None)  # pytest-django has set it up

    def run(*args):
        status = cli.main(["ledger", "verify", *args])
        captured = capsys.readouterr()
        return status, (captured.out + captured.err).splitlines()

    return run


def _sql(statement, params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _event(index, office="xinji"):
    return LedgerEvent.objects.get(office__code=office, leaf_index=index)


EVENTS = LedgerEvent._meta.db_table
NODES = LogNode._meta.db_table
CHECKPOINTS = Checkpoint._meta.db_table


def test_the_demo_city_log_verifies(verify):
    sizes = list(
        Checkpoint.objects.filter(office__code="xinji")
        .order_by("size")
        .values_list("size", flat=True)
    )
    assert sizes == [50, 100, 150, 179]
    status, lines = verify()
    assert status == 0, lines
    total = LedgerEvent.objects.filter(leaf_index__isnull=False).count()
    assert (
        lines[-1]
        == f"OK: 4 offices, {total} entries, {Checkpoint.objects.count()} checkpoints checked"
    )
    assert "xinji: 179 entries, 4 checkpoints: OK" in lines


def test_one_changed_byte_names_the_entry(verify):
    event = _event(17)
    at = next(i for i, c in enumerate(event.body) if c.isdigit())
    changed = event.body[:at] + str((int(event.body[at]) + 1) % 10) + event.body[at + 1 :]
    _sql(f"UPDATE {EVENTS} SET body = %s WHERE id = %s", [changed, event.id])
    status, lines = verify()
    assert status == 1
    assert lines == ["FAILED: entry 17 of xinji: its bytes do not hash to the stored leaf"]


def test_a_deleted_row_names_the_missing_entry(verify):
    _sql(f"DELETE FROM {EVENTS} WHERE id = %s", [_event(9).id])
    status, lines = verify()
    assert status == 1
    assert lines == ["FAILED: entry 9 of xinji is missing"]


def test_deleting_the_last_entry_is_seen_against_the_latest_checkpoint(verify):
    _sql(f"DELETE FROM {EVENTS} WHERE id = %s", [_event(178).id])
    status, lines = verify()
    assert status == 1
    assert lines[0] == "FAILED: entry 178 of xinji is missing"


def test_two_swapped_rows_are_named_out_of_order(verify):
    four, five = _event(4), _event(5)
    assert four.body != five.body
    _sql(f"UPDATE {EVENTS} SET body = %s WHERE id = %s", [five.body, four.id])
    _sql(f"UPDATE {EVENTS} SET body = %s WHERE id = %s", [four.body, five.id])
    status, lines = verify()
    assert status == 1
    assert lines == ["FAILED: entries 4 and 5 of xinji are out of order"]


def test_swapped_leaf_indices_are_named_out_of_order_too(verify):
    a, b = _event(30), _event(140)
    _sql(f"UPDATE {EVENTS} SET leaf_index = -1 WHERE id = %s", [a.id])
    _sql(f"UPDATE {EVENTS} SET leaf_index = 30 WHERE id = %s", [b.id])
    _sql(f"UPDATE {EVENTS} SET leaf_index = 140 WHERE id = %s", [a.id])
    status, lines = verify()
    assert status == 1
    assert lines == ["FAILED: entries 30 and 140 of xinji are out of order"]


def test_a_changed_interior_node_is_named(verify):
    _sql(
        f"UPDATE {NODES} SET hash = %s WHERE office_id = %s AND level = 2 AND {_q('index')} = 3",
        [bytes(32), _event(0).office_id],
    )
    status, lines = verify()
    assert status == 1
    assert lines == [
        "FAILED: node (level 2, index 3) of xinji does not match the hash rebuilt from "
        "entries 12–15"
    ]


def test_a_changed_leaf_node_is_told_from_a_changed_entry(verify):
    _sql(
        f"UPDATE {NODES} SET hash = %s WHERE office_id = %s AND level = 0 AND {_q('index')} = 7",
        [leaf_hash(b"forged"), _event(0).office_id],
    )
    status, lines = verify()
    assert status == 1
    assert lines == [
        "FAILED: node (level 0, index 7) of xinji was changed: entry 7's bytes still match the "
        "signed checkpoint of size 50"
    ]


def test_a_missing_node_is_named(verify):
    _sql(
        f"DELETE FROM {NODES} WHERE office_id = %s AND level = 1 AND {_q('index')} = 2",
        [_event(0).office_id],
    )
    status, lines = verify()
    assert status == 1
    assert lines == ["FAILED: node (level 1, index 2) of xinji is missing"]


def test_an_altered_checkpoint_note_fails_its_signature(verify):
    row = Checkpoint.objects.get(office__code="xinji", size=100)
    assert "\n100\n" in row.signed_note
    _sql(
        f"UPDATE {CHECKPOINTS} SET signed_note = %s WHERE id = %s",
        [row.signed_note.replace("\n100\n", "\n101\n"), row.id],
    )
    status, lines = verify()
    assert status == 1
    assert lines[0].startswith("FAILED: checkpoint of size 100 of xinji: bad signature")


def test_a_damaged_latest_checkpoint_is_named_before_the_entries_it_covered(verify):
    row = Checkpoint.objects.get(office__code="xinji", size=179)
    damaged = row.signed_note[:-3] + ("A" if row.signed_note[-3] != "A" else "B") + "=\n"
    _sql(f"UPDATE {CHECKPOINTS} SET signed_note = %s WHERE id = %s", [damaged, row.id])
    status, lines = verify()
    assert status == 1
    assert lines[0].startswith("FAILED: checkpoint of size 179 of xinji: bad signature")
    assert (
        "  also: entry 150 of xinji is beyond its latest validly signed checkpoint (size 150)"
        in lines
    )


def test_an_entry_rewritten_with_its_leaf_is_caught_by_the_tree_above(verify):
    """An intruder who changes an entry and its leaf hash is still caught one level up."""
    event = _event(16)
    changed = event.body.replace('"kind":"', '"kind":"x', 1)
    _sql(f"UPDATE {EVENTS} SET body = %s WHERE id = %s", [changed, event.id])
    _sql(
        f"UPDATE {NODES} SET hash = %s WHERE office_id = %s AND level = 0 AND {_q('index')} = 16",
        [leaf_hash(changed.encode()), event.office_id],
    )
    status, lines = verify()
    assert status == 1
    assert lines[0] == (
        "FAILED: node (level 1, index 8) of xinji does not match the hash rebuilt from "
        "entries 16–17"
    )


def test_an_impossible_leaf_index_is_named(verify):
    _sql(f"UPDATE {EVENTS} SET leaf_index = -5 WHERE id = %s", [_event(3).id])
    status, lines = verify()
    assert status == 1
    assert lines == [
        "FAILED: entry -5 of xinji has a negative or repeated leaf index",
        "  also: entry 3 of xinji is missing",
    ]


def test_a_changed_stored_root_is_named(verify):
    row = Checkpoint.objects.get(office__code="xinji", size=150)
    _sql(f"UPDATE {CHECKPOINTS} SET root_hash = %s WHERE id = %s", [bytes(32), row.id])
    status, lines = verify()
    assert status == 1
    assert lines == [
        "FAILED: checkpoint of size 150 of xinji: the stored root differs from the signed one"
    ]


def test_one_office_can_be_checked_alone(verify):
    _sql(f"DELETE FROM {EVENTS} WHERE id = %s", [_event(9).id])
    status, lines = verify("--office", "jinzhou")
    assert status == 0
    assert lines[-1] == "OK: 1 office, 15 entries, 1 checkpoints checked"
    assert verify("--office", "xinji")[0] == 1
    status, lines = verify("--office", "nowhere")
    assert status == 2
    assert "no office 'nowhere'" in lines[0] and "xinji" in lines[0]


def _q(name):
    return connection.ops.quote_name(name)


# The pure core, over rows made here: a checkpoint signed with another key than the office's.
def test_a_checkpoint_signed_by_another_key_is_refused():
    entries = [(i, f'{{"n":{i}}}'.encode()) for i in range(5)]
    tree = MemoryTree()
    tree.extend(body for _, body in entries)
    office_key, other_key = Signer.generate("t.example/log"), Signer.generate("t.example/log")
    body = CheckpointBody(origin="t.example/log", size=5, root_hash=tree.root())
    nodes = [
        (level, index, tree.get_nodes([(level, index)])[0])
        for level in range(3)
        for index in range(5 >> level)
    ]

    def run(signer):
        return verify_log(
            office="t",
            origin="t.example/log",
            vkey=office_key.verifier.vkey,
            entries=entries,
            nodes=nodes,
            checkpoints=[CheckpointRow(5, tree.root(), sign_checkpoint(body, [signer]))],
        )

    assert run(office_key).problems == []
    assert run(office_key).entries == 5 and run(office_key).nodes == 8
    problems = run(other_key).problems
    assert problems[0].startswith("checkpoint of size 5 of t: bad signature")
    # with no valid checkpoint, nothing of the log is covered by a signature
    assert "entry 0 of t is beyond its latest validly signed checkpoint (size 0)" in problems

"""A partner audits an office's log over HTTP with nothing but `shebao_tlog` and the office key.

The log is filled through the real path (record_event in a transaction, then the sequencer in
several batches, so there are several checkpoints); every answer is checked as a partner would,
not against the server's own helpers.
"""

import json

import pytest
from django.db import transaction
from django.urls import include, path, reverse

from shebao.ledger.models import Checkpoint
from shebao.ledger.sequencer import sequence_office
from shebao.ledger.services import record_event
from shebao.regions.services import office_create
from shebao_tlog import (
    MemoryTree,
    NoteError,
    ProofError,
    Verifier,
    leaf_hash,
    open_checkpoint,
    verify_checkpoint_consistency,
    verify_consistency,
    verify_inclusion,
)

pytestmark = pytest.mark.django_db
ORIGIN = "xinji.shebao.example/ledger"

# The endpoints alone, as config/urls.py mounts them (checked by the last test, on the site).
urlpatterns = [path("ledger/", include("shebao.ops.ledger_urls"))]


@pytest.fixture
def ledger_only(settings):
    settings.ROOT_URLCONF = __name__


@pytest.fixture
def log(office, ledger_only):
    """Xinji's log of 13 entries signed as checkpoints of sizes 5, 10 and 13; a second office."""
    office_create(
        code="chengdu",
        name="成都市社会保险事业管理局",
        region_code="510100",
        province_code="510000",
        ledger_origin="chengdu.shebao.example/ledger",
    )
    with transaction.atomic():
        for n in range(12):
            record_event(office=office, kind="test.event", data={"n": n, "名": "测试"})
    while sequence_office(office, batch=5):
        pass
    assert list(Checkpoint.objects.filter(office=office).values_list("size", flat=True)) == [
        5,
        10,
        13,
    ]
    return office


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content)
    return response


def _partner_view(client):
    """What a partner holds after fetching the key, the checkpoint and every entry."""
    vkey = _get(client, "/ledger/xinji/key").content.decode()
    verifier = Verifier.from_vkey(vkey)
    checkpoint = open_checkpoint(
        _get(client, "/ledger/xinji/checkpoint").content, origin=ORIGIN, verifiers=[verifier]
    )
    entries = [_get(client, f"/ledger/xinji/entries/{i}").content for i in range(checkpoint.size)]
    return verifier, checkpoint, entries


def _hashes(response):
    assert response["Content-Type"] == "application/json"
    return [bytes.fromhex(h) for h in response.json()["hashes"]]


def test_checkpoint_and_key_are_the_signed_bytes_and_verify(client, log):
    key = _get(client, "/ledger/xinji/key")
    assert key["Content-Type"] == "text/plain; charset=utf-8"
    assert key.content.decode().startswith(ORIGIN + "+")
    response = _get(client, "/ledger/xinji/checkpoint")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    latest = Checkpoint.objects.get(office=log, size=13)
    assert response.content == latest.signed_note.encode("utf-8")
    checkpoint = open_checkpoint(
        response.content, origin=ORIGIN, verifiers=[Verifier.from_vkey(key.content.decode())]
    )
    assert checkpoint.size == 13
    # A key that is not the office's does not open it.
    stranger = Verifier.from_vkey(
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    )
    with pytest.raises(NoteError, match="no valid signature from a trusted key"):
        open_checkpoint(response.content, origin=ORIGIN, verifiers=[stranger])


def test_entries_are_the_hashed_bytes_and_every_inclusion_proof_verifies(client, log):
    _, checkpoint, entries = _partner_view(client)
    assert json.loads(entries[1])["data"] == {"n": 0, "名": "测试"}
    assert _get(client, "/ledger/xinji/entries/0")["Content-Type"] == "application/json"
    tree = MemoryTree()
    tree.extend(entries)
    assert tree.root() == checkpoint.root_hash  # the entries are exactly the signed tree
    for size in range(1, checkpoint.size + 1):
        root = tree.root(size)
        for index in range(size):
            proof = _hashes(
                _get(client, f"/ledger/xinji/proof/inclusion?index={index}&size={size}")
            )
            verify_inclusion(
                leaf_hash=leaf_hash(entries[index]), index=index, size=size, proof=proof, root=root
            )
    # A proof for one leaf does not pass for another.
    proof = _hashes(_get(client, "/ledger/xinji/proof/inclusion?index=3&size=13"))
    with pytest.raises(ProofError):
        verify_inclusion(
            leaf_hash=leaf_hash(entries[4]), index=3, size=13, proof=proof, root=tree.root()
        )


def test_every_stored_checkpoint_is_consistent_with_the_latest(client, log):
    verifier, latest, entries = _partner_view(client)
    for row in Checkpoint.objects.filter(office=log).order_by("size"):
        old = open_checkpoint(row.signed_note, origin=ORIGIN, verifiers=[verifier])
        proof = _hashes(
            _get(client, f"/ledger/xinji/proof/consistency?old={old.size}&new={latest.size}")
        )
        verify_checkpoint_consistency(old, latest, proof)
    tree = MemoryTree()
    tree.extend(entries)
    for new in range(1, latest.size + 1):
        for old in range(1, new + 1):
            proof = _hashes(_get(client, f"/ledger/xinji/proof/consistency?old={old}&new={new}"))
            verify_consistency(
                old_size=old,
                new_size=new,
                old_root=tree.root(old),
                new_root=tree.root(new),
                proof=proof,
            )


def test_the_short_paths_take_the_office_as_a_parameter(client, log):
    by_path = _get(client, "/ledger/xinji/checkpoint").content
    assert _get(client, "/ledger/checkpoint?office=xinji").content == by_path
    assert (
        _get(client, "/ledger/proof/inclusion?office=xinji&index=2&size=7").json()
        == _get(client, "/ledger/xinji/proof/inclusion?index=2&size=7").json()
    )
    assert (
        _get(client, "/ledger/entries/4?office=xinji").content
        == _get(client, "/ledger/xinji/entries/4").content
    )
    # Two offices keep two logs: without naming one, the answer says which there are.
    response = client.get("/ledger/checkpoint")
    assert response.status_code == 400
    assert response.json()["offices"] == ["chengdu", "xinji"]
    assert "chengdu, xinji" in response.json()["detail"]


def test_unknown_office_is_404_and_an_office_with_nothing_signed_yet_too(client, log):
    for url in ("/ledger/nowhere/checkpoint", "/ledger/key?office=nowhere"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["offices"] == ["chengdu", "xinji"]
    response = client.get("/ledger/chengdu/checkpoint")
    assert response.status_code == 404
    assert "no checkpoint yet" in response.json()["detail"]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("/ledger/xinji/entries/13", "index 13 is not in a tree of size 13"),
        ("/ledger/xinji/entries/abc", "index must be a whole number"),
        ("/ledger/xinji/entries/-1", "index must be a whole number"),
        ("/ledger/xinji/entries/" + "9" * 30, "index must be a whole number"),
        ("/ledger/xinji/proof/inclusion?index=13&size=13", "index 13 is not in a tree of size 13"),
        ("/ledger/xinji/proof/inclusion?index=0&size=14", "size 14 is beyond"),
        ("/ledger/xinji/proof/inclusion?index=0&size=0", "empty tree"),
        ("/ledger/xinji/proof/inclusion?index=1.5&size=4", "index must be a whole number"),
        ("/ledger/xinji/proof/inclusion?index=&size=4", "index must be a whole number"),
        ("/ledger/xinji/proof/inclusion?size=4", "index is missing"),
        ("/ledger/xinji/proof/inclusion?index=1&size=" + "9" * 25, "size must be a whole"),
        ("/ledger/xinji/proof/inclusion?index=1&size=99999999999999999999", "beyond"),
        ("/ledger/xinji/proof/consistency?old=5&new=4", "old size 5 is larger than new size 4"),
        ("/ledger/xinji/proof/consistency?old=0&new=4", "empty tree"),
        ("/ledger/xinji/proof/consistency?old=3&new=14", "new 14 is beyond"),
        ("/ledger/xinji/proof/consistency?old=x&new=4", "old must be a whole number"),
        ("/ledger/xinji/proof/consistency?old=3", "new is missing"),
        # Around the database's signed 64-bit limit: refused as beyond, never a server error.
        (f"/ledger/xinji/proof/inclusion?index={2**63 - 2}&size={2**63 - 1}", "beyond"),
        (f"/ledger/xinji/proof/inclusion?index={2**63}&size={2**64 - 1}", "beyond"),
        (f"/ledger/xinji/proof/consistency?old=3&new={2**63}", "beyond"),
        (f"/ledger/xinji/proof/consistency?old={2**64 - 2}&new={2**64 - 1}", "beyond"),
    ],
)
def test_bad_parameters_are_refused_with_the_reason(client, log, url, reason):
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    assert reason in response.json()["detail"]


def test_equal_sizes_give_an_empty_consistency_proof(client, log):
    assert _get(client, "/ledger/xinji/proof/consistency?old=13&new=13").json() == {"hashes": []}


def test_the_endpoints_are_read_only_and_public(client, log):
    assert client.post("/ledger/xinji/checkpoint").status_code == 405
    assert client.head("/ledger/xinji/checkpoint").status_code == 200
    # No sign-in, no session needed: a partner's script has neither.
    assert "sessionid" not in _get(client, "/ledger/xinji/key").cookies


def test_a_proof_takes_few_queries(client, log, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # office, latest checkpoint, all nodes of the plan
        _get(client, "/ledger/xinji/proof/inclusion?index=6&size=13")
    with django_assert_max_num_queries(3):
        _get(client, "/ledger/xinji/proof/consistency?old=5&new=13")


def test_a_proof_reads_only_the_nodes_it_needs(client, log, django_assert_num_queries):
    """PostgreSQL: one query for the size and the nodes, each node an index probe whatever the
    planner's statistics say (a fresh table has none: it once chose a hash join over every node
    of the office). SQLite: the latest checkpoint, then the nodes."""
    from django.db import connection

    from shebao.ledger.models import Checkpoint, LogNode
    from shebao.ledger.selectors import _NODES_AND_SIZE

    postgres = connection.vendor == "postgresql"
    with django_assert_num_queries(2 if postgres else 3):  # the office, then the proof's
        _get(client, "/ledger/xinji/proof/inclusion?index=6&size=13")
    if postgres:
        sql = _NODES_AND_SIZE.format(
            checkpoint=Checkpoint._meta.db_table, node=LogNode._meta.db_table
        )
        office_id = LogNode.objects.values_list("office_id", flat=True).first()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql, [office_id, office_id, [0, 1, 2], [6, 2, 0]])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "Index Scan using lognode_position" in plan, plan
        assert "Seq Scan on ledger_lognode" not in plan and "Bitmap" not in plan, plan


def test_the_site_mounts_the_ledger_at_ledger(log, settings):
    settings.ROOT_URLCONF = "shebao.config.urls"
    assert reverse("ledger:office-checkpoint", kwargs={"office": "xinji"}) == (
        "/ledger/xinji/checkpoint"
    )
    assert reverse("ledger:checkpoint") == "/ledger/checkpoint"

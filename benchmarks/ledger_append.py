"""Append events to the ledger on PostgreSQL through the outbox and the sequencer; proof times.

    .venv/bin/python benchmarks/ledger_append.py [--events 1000000] [--txn 1000] [--single 20000]
        [--samples 2000] [--url postgres://postgres@127.0.0.1:5432] [--keep] [--profile FILE]

1. Creates a fresh database `shebao_bench_ledger`, migrates it (test settings) and creates one
   office (its `office.created` event is leaf 0).
2. Outbox: writes N events through the real write path. `--single` of them go through
   `record_event`, one event per transaction (an application transition or a decision); the
   rest through `record_events_bulk` in transactions of `--txn` events (as the bulk business
   writes — history import, payment runs — do). Events look like the bulk writes' events: a
   kind, a few figures, and a person as subject (entering the entry only as a keyed hash).
3. Sequencer: runs the real `sequence_all` until nothing is pending, so every event has its
   leaf index, the tree nodes are stored and signed checkpoints exist.
4. Baseline, same run: the exact rows the outbox wrote (office, kind, body, recorded_at) are
   inserted into a plain table (bigserial key, no other index) with a plain INSERT (psycopg
   `executemany`, one transaction per `--txn` rows), then loaded again with COPY.
5. Proofs at the final size: inclusion proofs of random leaves in the latest checkpoint and
   consistency proofs from random earlier sizes, generated from the stored nodes by the
   selectors the HTTP endpoint calls (`log_inclusion_proof`, `log_consistency_proof`: one
   indexed query per proof) and through the endpoint itself (`GET /ledger/<office>/proof/…`
   with Django's test client, in process), beside the same client fetching the verifier key
   (the HTTP stack without a proof); every proof is verified with `shebao_tlog` against the
   signed checkpoint's root (not timed).
The database is dropped at the end unless --keep is given. Targets (issue 7): at least 5,000
appends/s on 2 cores for outbox + sequencer; proof generation at most 1 ms at 1,000,000 entries.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DB = "shebao_bench_ledger"
CHUNK = 20_000  # rows read back per round trip for the baseline (not timed)
KEY_BASELINE = "baseline: HTTP GET /ledger/<office>/key (no proof)"


def _prepare(url: str) -> str:
    with psycopg.connect(f"{url}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB}")
        conn.execute(f"CREATE DATABASE {DB}")
    return f"{url}/{DB}"


def _drop(url: str) -> None:
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{url}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB}")


def _django(db_url: str) -> None:
    os.environ["DATABASE_URL"] = db_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "shebao.config.test_settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _events(start: int, count: int, rng: random.Random, person_model) -> list[tuple]:
    """(kind, data, subject) like the bulk writes' events; subjects are unsaved Person rows."""
    out = []
    for i in range(start, start + count):
        out.append(
            (
                "contribution.posted",
                {
                    "month": f"2026-{rng.randint(1, 12):02d}",
                    "insurance": "pension",
                    "base": f"{rng.randint(4000, 30000)}.00",
                    "amount_fen": rng.randint(10_000, 900_000),
                    "seq": i,
                },
                person_model(pk=rng.randint(1, 5_000_000)),
            )
        )
    return out


def _outbox(office, n: int, single: int, txn: int, rng) -> tuple[float, float]:
    """Write n events; return (seconds for the single-event slice, seconds for the bulk part)."""
    from django.db import transaction

    from shebao.ledger.services import record_event, record_events_bulk
    from shebao.registry.models import Person

    single = min(single, n)
    t_single = 0.0
    for start in range(0, single, txn):
        batch = _events(start, min(txn, single - start), rng, Person)
        t0 = time.perf_counter()
        for kind, data, subject in batch:
            with transaction.atomic():
                record_event(office=office, kind=kind, data=data, subject=subject)
        t_single += time.perf_counter() - t0
    t_bulk = 0.0
    done = single
    while done < n:
        batch = _events(done, min(txn, n - done), rng, Person)
        t0 = time.perf_counter()
        with transaction.atomic():
            record_events_bulk(office=office, events=batch)
        t_bulk += time.perf_counter() - t0
        done += len(batch)
        if done % 100_000 < txn:
            print(f"  outbox {done:>10,} / {n:,}", flush=True)
    return t_single, t_bulk


def _sequence(profile: str | None) -> tuple[int, float]:
    from shebao.ledger.sequencer import sequence_all

    t0 = time.perf_counter()
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        done = profiler.runcall(sequence_all)
        profiler.dump_stats(profile)
    else:
        done = sequence_all()
    return done, time.perf_counter() - t0


def _baseline(db_url: str, txn: int) -> tuple[int, float, float]:
    """Plain INSERT then COPY of the outbox's rows into a plain table; (rows, insert s, copy s)."""
    cols = "office_id, kind, body, recorded_at"
    with psycopg.connect(db_url) as conn:
        conn.execute(
            "CREATE TABLE bench_plain (id bigserial PRIMARY KEY, office_id bigint NOT NULL,"
            " kind varchar(64) NOT NULL, body text NOT NULL, recorded_at timestamptz NOT NULL)"
        )
        conn.commit()
        last, rows, t_insert, t_copy = 0, 0, 0.0, 0.0
        sql = f"INSERT INTO bench_plain ({cols}) VALUES (%s, %s, %s, %s)"
        while True:
            chunk = conn.execute(
                f"SELECT id, {cols} FROM ledger_ledgerevent WHERE id > %s ORDER BY id LIMIT %s",
                (last, CHUNK),
            ).fetchall()
            conn.commit()
            if not chunk:
                break
            last = chunk[-1][0]
            data = [r[1:] for r in chunk]
            t0 = time.perf_counter()
            for i in range(0, len(data), txn):
                with conn.cursor() as cur:
                    cur.executemany(sql, data[i : i + txn])
                conn.commit()
            t1 = time.perf_counter()
            for i in range(0, len(data), txn):
                with conn.cursor() as cur, cur.copy(f"COPY bench_plain ({cols}) FROM STDIN") as cp:
                    for row in data[i : i + txn]:
                        cp.write_row(row)
                conn.commit()
            t_copy += time.perf_counter() - t1
            t_insert += t1 - t0
            rows += len(data)
        conn.execute("DROP TABLE bench_plain")
        conn.commit()
    return rows, t_insert, t_copy


def _proof_functions(office) -> list[tuple[str, object, object]]:
    """[(how, inclusion(index, size), consistency(old, new))]: the selectors the endpoint calls,
    then the HTTP endpoint itself (Django's test client, in process: routing, middleware, rate
    limit, JSON; no network)."""
    from django.test import Client

    from shebao.ledger.selectors import log_consistency_proof, log_inclusion_proof

    client = Client(HTTP_HOST="localhost")
    base = f"/ledger/{office.code}/proof"

    def _get(url: str) -> list[bytes]:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}: {response.content[:200]}")
        return [bytes.fromhex(h) for h in response.json()["hashes"]]

    return [
        (
            "shebao.ledger.selectors",
            lambda i, n: log_inclusion_proof(office, index=i, size=n),
            lambda m, n: log_consistency_proof(office, old=m, new=n),
        ),
        (
            "HTTP GET /ledger/<office>/proof/…",
            lambda i, n: _get(f"{base}/inclusion?index={i}&size={n}"),
            lambda m, n: _get(f"{base}/consistency?old={m}&new={n}"),
        ),
    ]


def _timed_us(fn, calls) -> tuple[list[float], list]:
    times, results = [], []
    for args in calls:
        t0 = time.perf_counter_ns()
        results.append(fn(*args))
        times.append((time.perf_counter_ns() - t0) / 1000)
    return times, results


def _proofs(office, samples: int, rng) -> tuple[int, dict[str, list[float]]]:
    from shebao.ledger.models import Checkpoint, LedgerEvent, LogKey
    from shebao.ledger.selectors import StoredTree
    from shebao_tlog import (
        Verifier,
        leaf_hash,
        open_checkpoint,
        verify_consistency,
        verify_inclusion,
    )
    from shebao_tlog.tree import root_hash

    latest = Checkpoint.objects.filter(office=office).order_by("-size").first()
    verifier = Verifier.from_vkey(LogKey.objects.get(office=office).vkey)
    head = open_checkpoint(latest.signed_note, origin=office.ledger_origin, verifiers=[verifier])
    n = head.size
    inc_calls = [(rng.randrange(n), n) for _ in range(samples)]
    con_calls = [(rng.randint(1, n), n) for _ in range(samples)]
    bodies = dict(
        LedgerEvent.objects.filter(
            office=office, leaf_index__in=[i for i, _ in inc_calls]
        ).values_list("leaf_index", "body")
    )
    store = StoredTree(office, n)
    old_roots = {old: root_hash(store, old) for old, _ in con_calls}

    results = {}
    for how, inclusion, consistency in _proof_functions(office):
        # Warm the connection and plans (the first query after a long write is not a proof's).
        for args in inc_calls[:20]:
            inclusion(*args)
        inc_us, inc_proofs = _timed_us(inclusion, inc_calls)
        con_us, con_proofs = _timed_us(consistency, con_calls)
        # Every generated proof is checked against the signed checkpoint (not timed).
        for (index, size), proof in zip(inc_calls, inc_proofs, strict=True):
            verify_inclusion(
                leaf_hash=leaf_hash(bodies[index].encode()),
                index=index,
                size=size,
                proof=proof,
                root=head.root_hash,
            )
        for (old, new), proof in zip(con_calls, con_proofs, strict=True):
            verify_consistency(
                old_size=old,
                new_size=new,
                old_root=old_roots[old],
                new_root=head.root_hash,
                proof=proof,
            )
        results[f"inclusion, {how}"] = inc_us
        results[f"consistency, {how}"] = con_us
    # Baseline for the HTTP rows: the same stack (middleware, office lookup, rate-limit counter)
    # answering the verifier key, which needs no proof.
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    key_url = f"/ledger/{office.code}/key"
    key_us, answers = _timed_us(lambda: client.get(key_url).status_code, [()] * samples)
    if set(answers) != {200}:
        raise RuntimeError(f"{key_url} answered {sorted(set(answers))}")
    results[KEY_BASELINE] = key_us
    return n, results


def _pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--txn", type=int, default=1_000, help="events per bulk transaction")
    parser.add_argument("--single", type=int, default=20_000, help="events via record_event")
    parser.add_argument("--samples", type=int, default=2_000, help="proofs of each kind")
    parser.add_argument("--seed", type=int, default=6962)
    parser.add_argument(
        "--url", default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--profile", help="write a cProfile of the sequencer run to this file")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    n, single = args.events, min(args.single, args.events)

    db_url = _prepare(args.url)
    _django(db_url)
    from django.db import connection

    from shebao.ledger.models import LedgerEvent, LogNode
    from shebao.ledger.sequencer import BATCH
    from shebao.regions.services import office_create

    office = office_create(
        code="bench",
        name="基准测试社会保险事业服务中心",
        region_code="130181",
        province_code="130000",
        ledger_origin="bench.shebao.example/ledger",
    )
    with connection.cursor() as cur:
        cur.execute("SELECT version()")
        pg = cur.fetchone()[0].split(" on ")[0]
    print(
        f"python {sys.version.split()[0]}, {pg}, {os.cpu_count()} cores; {n:,} events "
        f"({single:,} one per transaction, the rest {args.txn:,} per transaction); "
        f"sequencer batch {BATCH:,}",
        flush=True,
    )

    t_single, t_bulk = _outbox(office, n, single, args.txn, rng)
    pending = LedgerEvent.objects.filter(leaf_index__isnull=True).count()
    print(f"  sequencing {pending:,} pending events ...", flush=True)
    sequenced, t_seq = _sequence(args.profile)
    left = LedgerEvent.objects.filter(leaf_index__isnull=True).count()
    if left or sequenced != pending:
        print(f"ERROR: sequenced {sequenced:,} of {pending:,}; {left:,} still pending")
        return 1
    from shebao.ledger.models import Checkpoint

    checkpoints = Checkpoint.objects.filter(office=office).count()
    nodes = LogNode.objects.filter(office=office).count()
    print("  baseline: plain INSERT and COPY of the same rows ...", flush=True)
    rows, t_insert, t_copy = _baseline(db_url, args.txn)
    print(f"  proofs: {args.samples:,} of each kind ...", flush=True)
    size, proof_us = _proofs(office, args.samples, rng)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    bulk_n = n - single
    print()
    print(
        f"log size {size:,} entries ({n:,} events + office.created), "
        f"{checkpoints:,} signed checkpoints, {nodes:,} stored nodes"
    )
    print(f"{'step':<46} {'events':>10} {'seconds':>9} {'per second':>11}")
    lines = [
        ("outbox, record_event (1 per transaction)", single, t_single),
        (f"outbox, record_events_bulk ({args.txn:,} per txn)", bulk_n, t_bulk),
        ("sequencer alone (sequence_all)", sequenced, t_seq),
        ("whole path as run (outbox + sequencer)", n, t_single + t_bulk + t_seq),
    ]
    if bulk_n:
        # One event through the bulk outbox and the sequencer: the sum of the two per-event costs.
        per_event = t_bulk / bulk_n + t_seq / sequenced
        lines.append(("whole path, bulk outbox + sequencer", n, per_event * n))
    lines += [
        (f"baseline: plain INSERT, same rows ({args.txn:,}/txn)", rows, t_insert),
        (f"baseline: COPY, same rows ({args.txn:,}/txn)", rows, t_copy),
    ]
    for name, count, seconds in lines:
        rate = f"{count / seconds:>11,.0f}" if count and seconds else f"{'-':>11}"
        print(f"{name:<46} {count:>10,} {seconds:>9.1f} {rate}")
    print(
        f"\nproofs at {size:,} entries (random leaf / random old size, latest size); all verified"
    )
    print(f"{'proof, generated by':<62} {'mean':>6} {'p50':>6} {'p99':>6} {'max':>6}  (us)")
    for name, us in proof_us.items():
        print(
            f"{name:<62} {statistics.fmean(us):>6.0f} {_pct(us, 0.5):>6.0f} "
            f"{_pct(us, 0.99):>6.0f} {max(us):>6.0f}"
        )
    print(f"\npeak RSS {peak_mib:,.0f} MiB")
    rates = {"whole path as run": n / (t_single + t_bulk + t_seq)}
    if bulk_n:
        rates["bulk outbox + sequencer"] = 1 / (t_bulk / bulk_n + t_seq / sequenced)
    for name, rate in rates.items():
        print(
            f"target >= 5,000 appends/s: {name} {rate:,.0f}/s "
            f"({'met' if rate >= 5000 else 'MISSED'})"
        )
    for name, us in proof_us.items():
        if name.startswith("baseline"):
            continue
        mean = statistics.fmean(us) / 1000
        stack = ""
        if "HTTP" in name:
            key = statistics.fmean(proof_us[KEY_BASELINE]) / 1000
            stack = f"; the same HTTP stack answering the key, no proof: {key:.3f} ms"
        print(
            f"target <= 1 ms per proof: {name}: mean {mean:.3f} ms, p99 "
            f"{_pct(us, 0.99) / 1000:.3f} ms ({'met' if mean <= 1 else 'MISSED'} on the mean"
            f"{stack})"
        )

    if not args.keep:
        _drop(args.url)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark shebao_tlog: append rate and proof generation time on a 1,000,000-entry log.

    python benchmarks/tlog_proofs.py [--leaves N] [--samples S] [--seed K]

Entries are synthetic ledger-event-like JSON strings (~110 bytes) generated from a
seed, in chunks so that only the tree stays in memory. Every figure is printed
next to a baseline measured in the same run on the same machine:

* append rate vs. plain hashlib SHA-256 of the same entries (the floor: one hash per leaf);
* proof generation time vs. the time to compute log2(n) SHA-256 node hashes (about
  what a verifier spends checking such a proof).

Target (docs/tlog.md): proof generation <= 1 ms at one million entries.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from hashlib import sha256
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from shebao_tlog.hashing import node_hash  # noqa: E402
from shebao_tlog.proofs import verify_consistency, verify_inclusion  # noqa: E402
from shebao_tlog.tree import MemoryTree  # noqa: E402

CHUNK = 100_000


def entries(start: int, count: int, rng: random.Random) -> list[bytes]:
    """Synthetic canonical-JSON ledger events (shape only; no real personal data)."""
    return [
        (
            f'{{"kind":"contribution.posted","office":"xinji",'
            f'"account":"{rng.getrandbits(64):016x}","month":"2026-{rng.randint(1, 12):02d}",'
            f'"amount_fen":{rng.randint(10_000, 900_000)},"seq":{i}}}'
        ).encode()
        for i in range(start, start + count)
    ]


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def timed_us(fn, calls: list[tuple]) -> list[float]:
    out = []
    for args in calls:
        t0 = time.perf_counter_ns()
        fn(*args)
        out.append((time.perf_counter_ns() - t0) / 1000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaves", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=6962)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    n = args.leaves
    print(f"python {sys.version.split()[0]}, {n:,} leaves, {args.samples:,} proof samples each")

    tree = MemoryTree()
    baseline_s = append_s = 0.0
    for start in range(0, n, CHUNK):
        chunk = entries(start, min(CHUNK, n - start), rng)
        t0 = time.perf_counter()
        for data in chunk:
            sha256(data).digest()
        t1 = time.perf_counter()
        for data in chunk:
            tree.append(data)
        t2 = time.perf_counter()
        baseline_s += t1 - t0
        append_s += t2 - t1
    print(f"baseline  sha256(entry):      {n / baseline_s:>12,.0f} /s  ({baseline_s:6.2f} s)")
    print(
        f"MemoryTree.append(entry):     {n / append_s:>12,.0f} /s  ({append_s:6.2f} s, "
        f"{append_s / baseline_s:.1f}x baseline)"
    )

    root = tree.root()
    inclusion_calls = [(rng.randrange(n), n) for _ in range(args.samples)]
    indices = [rng.randrange(n) for _ in range(args.samples)]
    inclusion_past = [(i, rng.randint(i + 1, n)) for i in indices]
    consistency_calls = [(rng.randint(1, n), n) for _ in range(args.samples)]
    olds = [rng.randint(1, n) for _ in range(args.samples)]
    consistency_past = [(o, rng.randint(o, n)) for o in olds]

    depth = (n - 1).bit_length()
    h = sha256(b"x").digest()
    baseline_nodes = timed_us(lambda: [node_hash(h, h) for _ in range(depth)], [()] * args.samples)
    print(
        f"baseline  {depth} node hashes:     mean {statistics.fmean(baseline_nodes):7.1f} us   "
        f"p99 {percentile(baseline_nodes, 0.99):7.1f} us"
    )
    results = {
        "inclusion  (index, n)": timed_us(tree.inclusion_proof, inclusion_calls),
        "inclusion  (index, past)": timed_us(tree.inclusion_proof, inclusion_past),
        "consistency(old, n)": timed_us(tree.consistency_proof, consistency_calls),
        "consistency(old, past)": timed_us(tree.consistency_proof, consistency_past),
        "root(past size)": timed_us(tree.root, [(s,) for _, s in inclusion_past]),
    }
    for name, samples in results.items():
        print(
            f"{name:<29} mean {statistics.fmean(samples):7.1f} us   "
            f"p99 {percentile(samples, 0.99):7.1f} us   max {max(samples):8.1f} us"
        )

    # Spot-check that what was timed is right (not timed).
    for index, size in inclusion_calls[:200]:
        verify_inclusion(
            leaf_hash=tree.leaf_hash(index),
            index=index,
            size=size,
            proof=tree.inclusion_proof(index, size),
            root=root,
        )
    for old, new in consistency_past[:200]:
        verify_consistency(
            old_size=old,
            new_size=new,
            old_root=tree.root(old),
            new_root=tree.root(new),
            proof=tree.consistency_proof(old, new),
        )
    print("spot check: 400 generated proofs verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())

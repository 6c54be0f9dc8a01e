"""`shebao ledger verify`: check an office's stored log against its own entries and signatures.

For each office's log (账本) this re-hashes every entry (RFC 6962 leaf hash of the stored
bytes), rebuilds the Merkle tree from those hashes, compares it with the stored complete-subtree
nodes (`LogNode`), and checks every stored checkpoint: its Ed25519 signature with the office's
`LogKey`, that its note names the stored size and root, and that its root equals the rebuilt
tree's root at its size. Equal roots make every checkpoint consistent with every later one (one
append-only tree produced them all); the consistency proof between each pair of successive
checkpoints is checked as well, as a partner would.

`verify_log` is pure: it takes rows (entries, nodes, checkpoints) and returns a `LogReport`
whose `problems` are ordered so that the first names the first bad place — an entry, a node, or
a checkpoint. Later problems often follow from the first (a changed entry changes every root
above it). `verify_offices` reads the rows from the database and calls it.

Memory: one 32-byte hash per tree node, twice (stored and rebuilt): about 130 MB for a log of a
million entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from shebao_tlog import Checkpoint as CheckpointBody
from shebao_tlog import (
    CheckpointError,
    NodeID,
    NoteError,
    ProofError,
    Verifier,
    consistency_proof,
    leaf_hash,
    node_hash,
    open_checkpoint,
    root_hash,
    verify_checkpoint_consistency,
)

HASH = 32


@dataclass(frozen=True)
class CheckpointRow:
    """A stored checkpoint: its size and root columns and the signed note."""

    size: int
    root_hash: bytes
    signed_note: str


@dataclass
class LogReport:
    """What `verify_log` checked and what it found (empty `problems`: the log holds)."""

    office: str
    entries: int = 0
    nodes: int = 0
    checkpoints: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Levels:
    """Hashes of complete subtrees, one bytearray per level (a `shebao_tlog.NodeStore`)."""

    def __init__(self, size: int = 0) -> None:
        self.size = size
        self.levels: list[bytearray] = []
        self.present: list[bytearray] = []  # 1 where a stored row filled the slot

    def put(self, level: int, index: int, value: bytes) -> None:
        while len(self.levels) <= level:
            self.levels.append(bytearray())
            self.present.append(bytearray())
        row, flags = self.levels[level], self.present[level]
        if index >= len(flags):
            row.extend(bytes((index + 1 - len(flags)) * HASH))
            flags.extend(bytes(index + 1 - len(flags)))
        row[index * HASH : (index + 1) * HASH] = value
        flags[index] = 1

    def has(self, level: int, index: int) -> bool:
        return (
            level < len(self.present)
            and index < len(self.present[level])
            and (self.present[level][index] == 1)
        )

    def get(self, level: int, index: int) -> bytes:
        return bytes(self.levels[level][index * HASH : (index + 1) * HASH])

    def get_nodes(self, ids: Sequence[NodeID]) -> list[bytes]:
        return [self.get(i.level, i.index) for i in ids]


def _rebuild(leaves: bytearray) -> _Levels:
    """Every complete subtree of the tree with these leaf hashes (level 0 = the leaves)."""
    tree = _Levels(len(leaves) // HASH)
    tree.levels.append(leaves)
    tree.present.append(bytearray(b"\x01" * tree.size))
    row = leaves
    while len(row) >= 2 * HASH:
        parent = bytearray()
        for at in range(0, len(row) - HASH * 2 + 1, HASH * 2):
            parent += node_hash(bytes(row[at : at + HASH]), bytes(row[at + HASH : at + 2 * HASH]))
        tree.levels.append(parent)
        tree.present.append(bytearray(b"\x01" * (len(parent) // HASH)))
        row = parent
    return tree


def _span(level: int, index: int) -> str:
    first, last = index << level, ((index + 1) << level) - 1
    return f"entry {first}" if first == last else f"entries {first}–{last}"


def verify_log(
    *,
    office: str,
    origin: str,
    vkey: str | None,
    entries: Iterable[tuple[int, bytes]],
    nodes: Iterable[tuple[int, int, bytes]],
    checkpoints: Iterable[CheckpointRow],
) -> LogReport:
    """Verify one office's log from its rows.

    ``entries``: (leaf index, exact entry bytes) of every sequenced event, by leaf index.
    ``nodes``: (level, index, hash) of every stored node, any order.
    ``checkpoints``: every stored checkpoint, any order.
    """
    report = LogReport(office=office)
    stored_checkpoints = sorted(checkpoints, key=lambda c: c.size)
    report.checkpoints = len(stored_checkpoints)
    checkpoint_problems, signed = _open_checkpoints(office, stored_checkpoints, origin, vkey)
    # The tree to rebuild is that of the latest checkpoint whose signature holds: a size column
    # or an unsigned row cannot make the check read (or allocate) beyond the real log.
    size = max((c.size for c in signed), default=0)

    node_problems: list[str] = []
    beyond: list[tuple[int, int]] = []
    stored = _Levels()
    for level, index, value in nodes:
        report.nodes += 1
        if level < 0 or index < 0 or index >= size >> min(level, 64):
            beyond.append((level, index))
        elif len(value) != HASH:
            node_problems.append(
                f"node (level {level}, index {index}) of {office} is not a {HASH}-byte hash"
            )
        else:
            stored.put(level, index, bytes(value))
    if beyond:
        level, index = min(beyond)
        node_problems.append(
            f"{_count(len(beyond), 'node')} of {office} beyond the tree of size {size}, "
            f"the first at (level {level}, index {index})"
        )

    entry_problems: list[tuple[int, str]] = []
    unsigned: list[str] = []  # entries no valid checkpoint covers: said after the checkpoints
    leaves = bytearray()
    mismatched: dict[int, tuple[bytes, bytes]] = {}  # index -> (hash of bytes, stored leaf)
    expected = 0
    for index, body in entries:
        report.entries += 1
        if index < expected:
            entry_problems.append(
                (index, f"entry {index} of {office} has a negative or repeated leaf index")
            )
            continue
        if index >= size:
            unsigned.append(
                f"entry {index} of {office} is beyond its latest validly signed checkpoint "
                f"(size {size})"
            )
            break
        if index > expected:
            entry_problems.append((expected, _missing(office, expected, index - 1)))
            for gap in range(expected, index):  # go on from the stored leaves of the gap
                leaves += stored.get(0, gap) if stored.has(0, gap) else bytes(HASH)
        leaf = leaf_hash(bytes(body))
        leaves += leaf
        if not stored.has(0, index):
            entry_problems.append((index, f"the leaf of entry {index} of {office} is not stored"))
        elif stored.get(0, index) != leaf:
            mismatched[index] = (leaf, stored.get(0, index))
        expected = index + 1
    if expected < size:
        entry_problems.append((expected, _missing(office, expected, size - 1)))
        for gap in range(expected, size):
            leaves += stored.get(0, gap) if stored.has(0, gap) else bytes(HASH)

    if mismatched:
        explained, trusted = _explain_mismatches(office, mismatched, signed, _rebuild(leaves))
        entry_problems += explained
        # Rebuild from the leaf each mismatch was judged authentic, so the node and root checks
        # below speak of nodes and checkpoints, not again of the entries named above.
        for index, leaf in trusted.items():
            leaves[index * HASH : (index + 1) * HASH] = leaf
    rebuilt = _rebuild(leaves)
    # Entries first (by index), then badly signed checkpoints (a rejected latest checkpoint
    # leaves later nodes and entries uncovered), then nodes, then roots: the first line names
    # the first bad place; what follows is often a consequence of it.
    report.problems = (
        [text for _, text in sorted(entry_problems)]
        + checkpoint_problems
        + sorted(node_problems)
        + _check_nodes(office, stored, rebuilt)
        + unsigned
        + _check_roots(office, signed, rebuilt)
    )
    return report


def _count(n: int, what: str) -> str:
    return f"1 {what} lies" if n == 1 else f"{n} {what}s lie"


def _missing(office: str, first: int, last: int) -> str:
    if first == last:
        return f"entry {first} of {office} is missing"
    return f"entries {first}–{last} of {office} are missing"


def _explain_mismatches(
    office: str,
    mismatched: dict[int, tuple[bytes, bytes]],
    signed: list[CheckpointBody],
    from_entries: _Levels,
) -> tuple[list[tuple[int, str]], dict[int, bytes]]:
    """Name what is wrong where an entry's bytes do not hash to its stored leaf.

    Returns the problems and, for each such index, the leaf hash judged authentic.
    """
    problems = []
    trusted: dict[int, bytes] = {}
    by_stored_leaf = {stored: index for index, (_, stored) in mismatched.items()}
    for index in sorted(mismatched):
        if index in trusted:
            continue
        leaf, stored = mismatched[index]
        other = by_stored_leaf.get(leaf)
        if other is not None and other != index:
            first, second = sorted((index, other))
            problems.append((first, f"entries {first} and {second} of {office} are out of order"))
            trusted[index], trusted[other] = stored, mismatched[other][1]
            continue
        # The entry's bytes are authentic if a signed root covering it equals the root rebuilt
        # from the entries: then the stored leaf hash, not the entry, was changed.
        vouched = [
            c.size
            for c in signed
            if index < c.size <= from_entries.size
            and c.root_hash == root_hash(from_entries, c.size)
        ]
        if vouched:
            trusted[index] = leaf
            problems.append(
                (
                    index,
                    f"node (level 0, index {index}) of {office} was changed: entry {index}'s "
                    f"bytes still match the signed checkpoint of size {min(vouched)}",
                )
            )
        else:
            trusted[index] = stored
            problems.append(
                (index, f"entry {index} of {office}: its bytes do not hash to the stored leaf")
            )
    return problems, trusted


def _check_nodes(office: str, stored: _Levels, rebuilt: _Levels) -> list[str]:
    """Stored interior nodes against the rebuilt tree (leaves are checked with their entries).

    Nodes beyond the tree were set aside while reading them.
    """
    problems = []
    for level in range(1, len(rebuilt.levels)):
        have = rebuilt.levels[level]
        row = stored.levels[level] if level < len(stored.levels) else bytearray()
        flags = stored.present[level] if level < len(stored.present) else bytearray()
        count = len(have) // HASH
        if row[: len(have)] == have and flags[:count] == b"\x01" * count:
            continue  # the whole level matches: the common case, at C speed
        for index in range(count):
            if not (index < len(flags) and flags[index]):
                problems.append(f"node (level {level}, index {index}) of {office} is missing")
            elif stored.get(level, index) != rebuilt.get(level, index):
                problems.append(
                    f"node (level {level}, index {index}) of {office} does not match the hash "
                    f"rebuilt from {_span(level, index)}"
                )
    return problems


def _open_checkpoints(
    office: str, checkpoints: list[CheckpointRow], origin: str, vkey: str | None
) -> tuple[list[str], list[CheckpointBody]]:
    """Check each checkpoint's signature and columns; return the problems and the signed ones."""
    if not checkpoints:
        return [], []
    try:
        verifier = Verifier.from_vkey(vkey) if vkey else None
    except NoteError as exc:
        return [f"the log key of {office} is unusable: {exc.reason}"], []
    if verifier is None:
        return [f"{office} has checkpoints but no log key to check them"], []
    problems: list[str] = []
    signed: list[CheckpointBody] = []
    for row in checkpoints:
        where = f"checkpoint of size {row.size} of {office}"
        try:
            body = open_checkpoint(row.signed_note, origin=origin, verifiers=[verifier])
        except NoteError as exc:
            problems.append(f"{where}: bad signature ({exc.reason})")
            continue
        except CheckpointError as exc:
            problems.append(f"{where}: not a checkpoint of this log ({exc.reason})")
            continue
        if body.size != row.size:
            problems.append(f"{where}: its signed note names size {body.size}")
            continue
        if body.root_hash != bytes(row.root_hash):
            problems.append(f"{where}: the stored root differs from the signed one")
        signed.append(body)
    return problems, signed


def _check_roots(office: str, signed: list[CheckpointBody], rebuilt: _Levels) -> list[str]:
    """Each signed root against the rebuilt tree, and each checkpoint against the one before."""
    problems: list[str] = []
    previous = None
    for body in signed:
        where = f"checkpoint of size {body.size} of {office}"
        if body.size > rebuilt.size:
            problems.append(f"{where}: the log holds only {rebuilt.size} entries")
            continue
        if body.root_hash != root_hash(rebuilt, body.size):
            problems.append(
                f"{where}: its signed root does not match the tree rebuilt from the entries"
            )
            continue
        if previous is not None and previous.size > 0:
            try:
                proof = consistency_proof(rebuilt, previous.size, body.size)
                verify_checkpoint_consistency(previous, body, proof)
            except (ProofError, CheckpointError) as exc:
                problems.append(
                    f"checkpoints of sizes {previous.size} and {body.size} of {office} are not "
                    f"consistent ({exc.reason})"
                )
        previous = body
    return problems


def verify_offices(office_code: str | None = None) -> list[LogReport]:
    """Verify the log of every office (or of one), reading the rows from the database.

    Raises ``LookupError`` for an unknown office code.
    """
    from shebao.regions.selectors import office_by_code, offices_all

    from .models import Checkpoint, LedgerEvent, LogKey, LogNode

    if office_code is None:
        offices = offices_all()
    else:
        office = office_by_code(office_code)
        if office is None:
            codes = ", ".join(o.code for o in offices_all())
            raise LookupError(f"no office {office_code!r}; offices: {codes}")
        offices = [office]
    reports = []
    for office in offices:
        entries = (
            (index, body.encode("utf-8"))
            for index, body in LedgerEvent.objects.filter(office=office, leaf_index__isnull=False)
            .order_by("leaf_index")
            .values_list("leaf_index", "body")
            .iterator(chunk_size=5000)
        )
        nodes = (
            LogNode.objects.filter(office=office)
            .values_list("level", "index", "hash")
            .iterator(chunk_size=10000)
        )
        checkpoints = [
            CheckpointRow(size=size, root_hash=bytes(root), signed_note=note)
            for size, root, note in Checkpoint.objects.filter(office=office).values_list(
                "size", "root_hash", "signed_note"
            )
        ]
        vkey = LogKey.objects.filter(office=office).values_list("vkey", flat=True).first()
        reports.append(
            verify_log(
                office=office.code,
                origin=office.ledger_origin,
                vkey=vkey,
                entries=entries,
                nodes=nodes,
                checkpoints=checkpoints,
            )
        )
    return reports

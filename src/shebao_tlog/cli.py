"""The ``verify-proof`` command (``shebao ledger verify-proof``, ``python -m shebao_tlog``).

Lets a partner check a proof with nothing but hashes copied from the log's API.
Exit status: 0 the proof holds; 1 it does not (one line says why); 2 the arguments
are unusable (bad hex, missing or conflicting flags). All output goes to ``stdout``.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn, TextIO

from .encoding import hex_decode
from .errors import ProofError
from .proofs import verify_consistency, verify_inclusion

EXIT_OK, EXIT_PROOF_FAILED, EXIT_USAGE = 0, 1, 2

_DESCRIPTION = """\
Verify an RFC 6962/9162 Merkle proof. Inclusion: --leaf-hash --index --size --root.
Consistency: --old-size --old-root --size --root. Give one --proof per proof hash,
in order (none for an empty proof). Hashes are hex SHA-256 values (64 digits)."""


class _Stop(Exception):
    def __init__(self, status: int, message: str = "") -> None:
        super().__init__(message)
        self.status, self.message = status, message


class _Parser(argparse.ArgumentParser):
    """argparse that reports through exceptions instead of printing to stderr and exiting."""

    def __init__(self, out: TextIO, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._out = out

    def _print_message(self, message: str, file: object = None) -> None:
        if message:
            self._out.write(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise _Stop(status, message or "")

    def error(self, message: str) -> NoReturn:
        raise _Stop(EXIT_USAGE, message)


def _hex(text: str) -> bytes:
    try:
        return hex_decode(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not hex") from None


def _count(text: str) -> int:
    # Plain ASCII digits only: int() would also take '+5', ' 5', '5_0' and '٥'.
    if not re.fullmatch(r"[0-9]+", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a non-negative decimal integer")
    return int(text)


def _parser(out: TextIO) -> _Parser:
    # No abbreviations: "--old" must not silently mean "--old-size" in scripts.
    parser = _Parser(out, prog="verify-proof", description=_DESCRIPTION, allow_abbrev=False)
    parser.add_argument("--leaf-hash", type=_hex, help="inclusion: leaf hash (hex)")
    parser.add_argument("--index", type=_count, help="inclusion: 0-based leaf index")
    parser.add_argument("--old-size", type=_count, help="consistency: older tree size")
    parser.add_argument("--old-root", type=_hex, help="consistency: older root hash (hex)")
    parser.add_argument("--size", type=_count, required=True, help="tree size")
    parser.add_argument("--root", type=_hex, required=True, help="root hash (hex)")
    parser.add_argument(
        "--proof", type=_hex, action="append", default=[], help="one proof hash (hex), repeat"
    )
    return parser


def verify_proof_main(argv: list[str], stdout: TextIO | None = None) -> int:
    """Run ``verify-proof`` with ``argv`` (without the program name); return the exit status."""
    out = sys.stdout if stdout is None else stdout
    try:
        args = _parser(out).parse_args(argv)
        inclusion = args.leaf_hash is not None or args.index is not None
        consistency = args.old_size is not None or args.old_root is not None
        if inclusion == consistency:
            raise _Stop(
                EXIT_USAGE,
                "give either --leaf-hash and --index (inclusion) "
                "or --old-size and --old-root (consistency)",
            )
        if inclusion and (args.leaf_hash is None or args.index is None):
            raise _Stop(EXIT_USAGE, "inclusion needs both --leaf-hash and --index")
        if consistency and (args.old_size is None or args.old_root is None):
            raise _Stop(EXIT_USAGE, "consistency needs both --old-size and --old-root")
    except _Stop as stop:
        if stop.status == EXIT_USAGE:
            print(f"usage error: {stop.message} (see --help)", file=out)
        elif stop.message:
            out.write(stop.message)
        return stop.status

    try:
        if inclusion:
            verify_inclusion(
                leaf_hash=args.leaf_hash,
                index=args.index,
                size=args.size,
                proof=args.proof,
                root=args.root,
            )
            print(f"OK: leaf {args.index} is in the tree of size {args.size}", file=out)
        else:
            verify_consistency(
                old_size=args.old_size,
                new_size=args.size,
                old_root=args.old_root,
                new_root=args.root,
                proof=args.proof,
            )
            print(
                f"OK: the tree of size {args.size} extends the tree of size {args.old_size}",
                file=out,
            )
    except ProofError as failure:
        print(f"FAIL: {failure.reason}", file=out)
        return EXIT_PROOF_FAILED
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m shebao_tlog``."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["verify-proof"]:
        return verify_proof_main(argv[1:])
    print("usage: python -m shebao_tlog verify-proof --help", file=sys.stdout)
    return EXIT_USAGE

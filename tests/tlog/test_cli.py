"""The verify-proof command: exit 0 proof holds, 1 it does not, 2 unusable arguments."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shebao_tlog.cli import main, verify_proof_main
from shebao_tlog.tree import MemoryTree

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture(scope="module")
def tree():
    t = MemoryTree()
    t.extend(f"record {i}".encode() for i in range(21))
    return t


def _run(argv):
    out = io.StringIO()
    return verify_proof_main(argv, stdout=out), out.getvalue()


def _inclusion_args(tree, index=9, size=21):
    args = [
        "--leaf-hash",
        tree.leaf_hash(index).hex(),
        "--index",
        str(index),
        "--size",
        str(size),
        "--root",
        tree.root(size).hex(),
    ]
    for h in tree.inclusion_proof(index, size):
        args += ["--proof", h.hex()]
    return args


def _consistency_args(tree, old=6, new=21):
    args = [
        "--old-size",
        str(old),
        "--old-root",
        tree.root(old).hex(),
        "--size",
        str(new),
        "--root",
        tree.root(new).hex(),
    ]
    for h in tree.consistency_proof(old, new):
        args += ["--proof", h.hex()]
    return args


def test_valid_inclusion_proof_exits_zero(tree):
    assert _run(_inclusion_args(tree)) == (0, "OK: leaf 9 is in the tree of size 21\n")


def test_valid_consistency_proof_exits_zero(tree):
    assert _run(_consistency_args(tree)) == (
        0,
        "OK: the tree of size 21 extends the tree of size 6\n",
    )


def test_uppercase_hex_is_accepted(tree):
    assert _run([a.upper() if len(a) == 64 else a for a in _inclusion_args(tree)])[0] == 0


def test_wrong_root_exits_one_with_a_reason(tree):
    args = _inclusion_args(tree)
    args[args.index("--root") + 1] = tree.root(20).hex()
    status, output = _run(args)
    assert status == 1
    assert output.startswith("FAIL: calculated root") and output.count("\n") == 1


def test_empty_proof_value_is_a_malformed_hash_not_a_crash(tree):
    args = _inclusion_args(tree)
    args[args.index("--proof") + 1] = ""
    assert _run(args) == (1, "FAIL: proof hash #0 is 0 bytes, want 32\n")
    status, output = _run(_inclusion_args(tree) + ["--proof", ""])
    assert status == 1
    assert output == "FAIL: wrong proof length 6 for leaf 9 in a tree of size 21, want 5\n"


@pytest.mark.parametrize(
    "argv, message",
    [
        ([], "the following arguments are required: --size, --root"),
        (["--size", "3", "--root", "00"], "give either --leaf-hash and --index"),
        (["--size", "3", "--root", "zz", "--index", "1", "--leaf-hash", "00"], "'zz' is not hex"),
        (["--size", "3", "--root", "abc", "--index", "1", "--leaf-hash", "00"], "'abc' is not hex"),
        (["--size", "3", "--root", "00", "--index", "1", "--leaf-hash", "0 0"], "'0 0' is not hex"),
        (
            ["--size", "3", "--root", "00", "--index", "1", "--leaf-hash", "00", "--proof", "xy"],
            "'xy' is not hex",
        ),
        (["--size", "3", "--root", "00", "--index", "1"], "needs both --leaf-hash and --index"),
        (
            ["--size", "3", "--root", "00", "--old-root", "00"],
            "needs both --old-size and --old-root",
        ),
        (
            [
                "--size",
                "3",
                "--root",
                "00",
                "--index",
                "1",
                "--leaf-hash",
                "00",
                "--old-size",
                "1",
                "--old-root",
                "00",
            ],
            "give either",
        ),
        (
            ["--size", "-3", "--root", "00", "--index", "1", "--leaf-hash", "00"],
            "'-3' is not a non-negative decimal integer",
        ),
        (
            ["--size", "\u0663", "--root", "00", "--index", "1", "--leaf-hash", "00"],
            "not a non-negative decimal integer",
        ),
        (
            ["--size", "0x10", "--root", "00", "--index", "1", "--leaf-hash", "00"],
            "not a non-negative decimal integer",
        ),
        (["--size", "3", "--root", "00", "--idx", "1"], "unrecognized arguments: --idx"),
        (
            ["--size", "3", "--root", "00", "--old", "1", "--old-root", "00"],
            "unrecognized arguments: --old",
        ),
        (["--size"], "expected one argument"),
    ],
)
def test_unusable_arguments_exit_two_with_a_clear_message(argv, message):
    status, output = _run(argv)
    assert status == 2
    assert output.startswith("usage error: ") and message in output
    assert output.count("\n") == 1 and "Traceback" not in output


def test_help_exits_zero_and_explains_both_modes():
    status, output = _run(["--help"])
    assert status == 0
    assert "--leaf-hash" in output and "--old-size" in output


def test_module_entry_point_without_subcommand_shows_usage(capsys):
    assert main([]) == 2
    assert "verify-proof" in capsys.readouterr().out


def test_python_dash_m_runs_verify_proof(tree):
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    ok = subprocess.run(
        [sys.executable, "-m", "shebao_tlog", "verify-proof", *_consistency_args(tree)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (ok.returncode, ok.stdout, ok.stderr) == (
        0,
        "OK: the tree of size 21 extends the tree of size 6\n",
        "",
    )
    bad = subprocess.run(
        [sys.executable, "-m", "shebao_tlog", "verify-proof", "--size", "1", "--root", "nothex"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr + bad.stdout

"""Every case of the official RFC 6962 vectors, through the library and through the CLI.

The vectors are transparency-dev/merkle's generated testdata (happy paths plus
deliberately broken proofs); each case says whether verification must fail.
"""

import io

import pytest

from shebao_tlog.cli import verify_proof_main
from shebao_tlog.errors import ProofError
from shebao_tlog.proofs import verify_consistency, verify_inclusion
from tests.tlog.tlog_vectors import load_vectors, missing_message

_DATA = load_vectors()

# Where we are deliberately stricter than the vectors. transparency-dev/merkle
# compares roots of equal-size trees byte for byte without a length check, so two
# identical 12-byte placeholders ("don't care 2") pass there. We reject any root
# that is not 32 bytes, as a real SHA-256 root always is.
STRICTER_THAN_VECTORS = {
    "consistency/additional/sizes-are-equal-one-and-proof-is-empty.json": "old root is 12 bytes",
}


def _cases(kind):
    if _DATA is None:
        # Parametrize with a case that fails loudly instead of collecting nothing.
        return [pytest.param(None, id="vectors-file-missing")]
    return [pytest.param(case, id=case["file"]) for case in _DATA[kind]]


def _expect(case):
    """(must_fail, reason_fragment) for a case."""
    if case["file"] in STRICTER_THAN_VECTORS:
        return True, STRICTER_THAN_VECTORS[case["file"]]
    return case["wantErr"], None


def _require(case):
    if case is None:
        pytest.fail(missing_message())


def _proof(case):
    return [bytes.fromhex(h) for h in case["proof"]]


def _proof_args(case):
    args = []
    for h in case["proof"]:
        args += ["--proof", h]
    return args


def _run_cli(argv):
    out = io.StringIO()
    status = verify_proof_main(argv, stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1, f"expected one line of output, got {out.getvalue()!r}"
    return status, lines[0]


def test_vector_file_has_the_expected_cases(vectors):
    assert len(vectors["inclusion"]) == 98
    assert len(vectors["consistency"]) == 98
    assert sum(not c["wantErr"] for c in vectors["inclusion"]) == 6
    assert sum(not c["wantErr"] for c in vectors["consistency"]) == 6


@pytest.mark.parametrize("case", _cases("inclusion"))
def test_library_inclusion_verdict_matches_vector(case):
    _require(case)
    must_fail, reason = _expect(case)
    call = dict(
        leaf_hash=bytes.fromhex(case["leafHash"]),
        index=case["leafIdx"],
        size=case["treeSize"],
        proof=_proof(case),
        root=bytes.fromhex(case["root"]),
    )
    if must_fail:
        with pytest.raises(ProofError) as failure:
            verify_inclusion(**call)
        assert failure.value.reason
        if reason:
            assert reason in failure.value.reason
    else:
        verify_inclusion(**call)


@pytest.mark.parametrize("case", _cases("consistency"))
def test_library_consistency_verdict_matches_vector(case):
    _require(case)
    must_fail, reason = _expect(case)
    call = dict(
        old_size=case["size1"],
        new_size=case["size2"],
        old_root=bytes.fromhex(case["root1"]),
        new_root=bytes.fromhex(case["root2"]),
        proof=_proof(case),
    )
    if must_fail:
        with pytest.raises(ProofError) as failure:
            verify_consistency(**call)
        assert failure.value.reason
        if reason:
            assert reason in failure.value.reason
    else:
        verify_consistency(**call)


@pytest.mark.parametrize("case", _cases("inclusion"))
def test_cli_inclusion_exit_status_matches_vector(case):
    _require(case)
    must_fail, reason = _expect(case)
    status, line = _run_cli(
        [
            "--leaf-hash",
            case["leafHash"],
            "--index",
            str(case["leafIdx"]),
            "--size",
            str(case["treeSize"]),
            "--root",
            case["root"],
            *_proof_args(case),
        ]
    )
    if must_fail:
        assert (status, line[:6]) == (1, "FAIL: ")
    else:
        assert (status, line[:4]) == (0, "OK: ")


@pytest.mark.parametrize("case", _cases("consistency"))
def test_cli_consistency_exit_status_matches_vector(case):
    _require(case)
    must_fail, reason = _expect(case)
    status, line = _run_cli(
        [
            "--old-size",
            str(case["size1"]),
            "--old-root",
            case["root1"],
            "--size",
            str(case["size2"]),
            "--root",
            case["root2"],
            *_proof_args(case),
        ]
    )
    if must_fail:
        assert (status, line[:6]) == (1, "FAIL: ")
        if reason:
            assert reason in line
    else:
        assert (status, line[:4]) == (0, "OK: ")

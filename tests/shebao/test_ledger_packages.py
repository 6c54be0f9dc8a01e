"""Sealed exchange packages verify with only the sender's key, and a change to any byte of any
part is refused with a reason (pure: an in-memory log, no database)."""

import json

import pytest

from shebao.ledger.packages import PackageRefused, SealedPackage, digest, signed_text, verify
from shebao_tlog import Checkpoint, MemoryTree, Signer, sign_checkpoint, sign_note

ORIGIN = "xinji.shebao.example/ledger"
BODY = json.dumps(
    {
        "kind": "contact_letter",
        "from": "xinji",
        "to": "chengdu",
        "ref": "20261129ABCDEF",
        "person": {"name": "刘*", "id_number": "5101**********0049"},
        "months": 186,
    },
    ensure_ascii=False,
    sort_keys=True,
    separators=(",", ":"),
)


def _sealed(signer, *, leaves_before=5, leaves_after=3):
    tree = MemoryTree()
    for i in range(leaves_before):
        tree.append(f'{{"kind":"other","n":{i}}}'.encode())
    entry = json.dumps(
        {"kind": "transfer.package", "data": {"digest": digest(BODY)}},
        sort_keys=True,
        separators=(",", ":"),
    )
    index = tree.size
    tree.append(entry.encode())
    for i in range(leaves_after):
        tree.append(f'{{"kind":"later","n":{i}}}'.encode())
    checkpoint = sign_checkpoint(Checkpoint(ORIGIN, tree.size, tree.root()), [signer])
    return SealedPackage(
        body=BODY,
        signature=sign_note(signed_text(BODY), [signer]),
        entry=entry,
        index=index,
        proof=tuple(h.hex() for h in tree.inclusion_proof(index)),
        checkpoint=checkpoint,
    )


@pytest.fixture(scope="module")
def signer():
    return Signer.generate(ORIGIN)


def test_a_sealed_package_verifies_with_only_the_public_key(signer):
    sealed = SealedPackage.from_json(_sealed(signer).to_json())
    data = verify(sealed, vkey=signer.verifier.vkey, origin=ORIGIN)
    assert data["ref"] == "20261129ABCDEF" and data["months"] == 186


@pytest.mark.parametrize("part", ["body", "signature", "entry", "checkpoint", "proof"])
def test_changing_any_byte_of_any_part_is_refused(signer, part):
    good = _sealed(signer)
    text = good.proof if part == "proof" else getattr(good, part)
    positions = range(len("".join(text))) if part == "proof" else range(len(text))
    for at in positions:
        if part == "proof":
            hexes = list("".join(good.proof))
            hexes[at] = "0" if hexes[at] != "0" else "1"
            joined = "".join(hexes)
            altered = tuple(joined[i : i + 64] for i in range(0, len(joined), 64))
        else:
            chars = list(text)
            chars[at] = "A" if chars[at] != "A" else "B"
            altered = "".join(chars)
        tampered = SealedPackage(**{**good.__dict__, part: altered})
        with pytest.raises(PackageRefused):
            verify(tampered, vkey=signer.verifier.vkey, origin=ORIGIN)


def test_each_failure_names_its_reason(signer):
    good = _sealed(signer)
    other = Signer.generate(ORIGIN)
    cases = {
        "signature": SealedPackage(
            **{**good.__dict__, "signature": sign_note(signed_text(BODY), [other])}
        ),
        "entry": SealedPackage(
            **{**good.__dict__, "entry": good.entry.replace(digest(BODY), "0" * 64)}
        ),
        "proof": SealedPackage(**{**good.__dict__, "index": good.index + 1}),
        "checkpoint": _sealed(other).__class__(
            **{**good.__dict__, "checkpoint": _sealed(other).checkpoint}
        ),
    }
    for reason, sealed in cases.items():
        with pytest.raises(PackageRefused) as refused:
            verify(sealed, vkey=signer.verifier.vkey, origin=ORIGIN)
        assert refused.value.reason == reason, (reason, str(refused.value))
    with pytest.raises(PackageRefused) as refused:
        verify(good, vkey=signer.verifier.vkey, origin="chengdu.shebao.example/ledger")
    assert refused.value.reason == "checkpoint"
    with pytest.raises(PackageRefused) as refused:
        SealedPackage.from_json('{"body": 1}')
    assert refused.value.reason == "malformed"

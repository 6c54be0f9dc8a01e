"""C2SP signed notes: interop with golang.org/x/mod/sumdb/note, round trips, tampering."""

import pytest

from shebao_tlog.errors import NoteError
from shebao_tlog.note import Signature, Signer, Verifier, key_id, open_note, sign_note

# Public example key pair and notes from the documentation and tests of
# golang.org/x/mod/sumdb/note (the reference implementation of signed notes).
PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
PETER_SIG = (
    "\u2014 PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)
ENOCH_SIG = (
    "\u2014 EnochRoot "
    "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"
)
PETER_NOTE = TEXT + "\n" + PETER_SIG


def test_go_reference_note_verifies_with_its_published_key():
    note = open_note(PETER_NOTE, [Verifier.from_vkey(PETER_VKEY)])
    assert note.text == TEXT
    assert [(s.name, s.key_id) for s in note.signatures] == [("PeterNeumann", 0xC74F20A3)]


def test_signing_with_the_go_reference_key_reproduces_its_note_byte_for_byte():
    signer = Signer.from_skey(PETER_SKEY)
    assert signer.verifier.vkey == PETER_VKEY
    assert signer.skey == PETER_SKEY
    assert sign_note(TEXT, [signer]) == PETER_NOTE  # Ed25519 is deterministic


def test_key_id_is_sha256_of_name_newline_type_and_public_key():
    verifier = Verifier.from_vkey(PETER_VKEY)
    assert key_id("PeterNeumann", verifier.public_key) == 0xC74F20A3 == verifier.key_id


def test_note_signed_by_two_keys_verifies_with_either_and_reports_the_other_as_unverified():
    peter, enoch = Verifier.from_vkey(PETER_VKEY), Verifier.from_vkey(ENOCH_VKEY)
    both = TEXT + "\n" + PETER_SIG + ENOCH_SIG
    note = open_note(both, [peter, enoch])
    assert [s.name for s in note.signatures] == ["PeterNeumann", "EnochRoot"]
    note = open_note(both, [peter])
    assert [s.name for s in note.signatures] == ["PeterNeumann"]
    assert [s.name for s in note.unverified_signatures] == ["EnochRoot"]


def test_sign_then_open_round_trip_with_a_generated_key():
    signer = Signer.generate("shebao.example/office-3201")
    text = "社保 ledger\n42\n"
    signed = sign_note(text, [signer])
    note = open_note(signed.encode("utf-8"), [Verifier.from_vkey(signer.verifier.vkey)])
    assert note.text == text
    assert Signer.from_skey(signer.skey).verifier == signer.verifier


def test_every_single_bit_flip_of_a_signed_note_is_rejected():
    raw = PETER_NOTE.encode("utf-8")
    verifiers = [Verifier.from_vkey(PETER_VKEY)]
    for position in range(len(raw)):
        for bit in range(8):
            damaged = bytearray(raw)
            damaged[position] ^= 1 << bit
            with pytest.raises(NoteError):
                open_note(bytes(damaged), verifiers)


def test_every_one_character_change_of_the_verifier_key_is_rejected():
    for position, char in enumerate(PETER_VKEY):
        damaged = PETER_VKEY[:position] + chr(ord(char) + 1) + PETER_VKEY[position + 1 :]
        with pytest.raises(NoteError):
            Verifier.from_vkey(damaged)


def test_every_truncation_of_the_key_strings_is_rejected():
    for key, parse in ((PETER_VKEY, Verifier.from_vkey), (PETER_SKEY, Signer.from_skey)):
        for start in range(len(key)):
            for end in range(start + 1, len(key) + 1):
                if (start, end) != (0, len(key)):
                    with pytest.raises(NoteError):
                        parse(key[start:end])


def test_every_one_character_change_of_the_signer_key_is_rejected():
    for position, char in enumerate(PETER_SKEY):
        damaged = PETER_SKEY[:position] + chr(ord(char) + 1) + PETER_SKEY[position + 1 :]
        with pytest.raises(NoteError):
            Signer.from_skey(damaged)


def test_note_is_rejected_by_a_different_key_with_the_same_name():
    impostor = Signer.generate("PeterNeumann")
    with pytest.raises(NoteError, match="no valid signature from a trusted key"):
        open_note(PETER_NOTE, [impostor.verifier])


def test_trusted_key_with_a_bad_signature_rejects_the_whole_note():
    peter, enoch = Verifier.from_vkey(PETER_VKEY), Verifier.from_vkey(ENOCH_VKEY)
    broken_enoch = ENOCH_SIG[:60] + "ABCD" + ENOCH_SIG[60:]
    with pytest.raises(NoteError, match="invalid signature for key EnochRoot"):
        open_note(TEXT + "\n" + PETER_SIG + broken_enoch, [peter, enoch])


def test_signature_made_by_another_key_under_a_trusted_name_and_id_is_rejected():
    trusted, attacker = Signer.generate("office.example"), Signer.generate("attacker.example")
    forged = Signature(trusted.name, trusted.key_id, attacker.sign(TEXT.encode()))
    with pytest.raises(NoteError, match="invalid signature for key office.example"):
        open_note(TEXT + "\n" + forged.line(), [trusted.verifier])


@pytest.mark.parametrize(
    "message",
    [
        TEXT,  # no signatures at all
        TEXT + "\n",  # blank line but no signature
        TEXT + "\n" + PETER_SIG[:-1],  # signature block without final newline
        "\x01" + PETER_NOTE,  # control character
        b"\xff" + PETER_NOTE.encode(),  # invalid UTF-8
        TEXT + "\n" + PETER_SIG.replace("PeterNeumann", "Bad Name"),
        PETER_NOTE + "Unexpected line.\n",
        TEXT + "\n" + "- PeterNeumann " + PETER_SIG.split(" ")[2],  # hyphen, not em dash
        TEXT + "\n" + "\u2014 PeterNeumann\n",  # no signature
        TEXT + "\n" + "\u2014 PeterNeumann AAAA\n",  # signature shorter than key ID + 1
        TEXT + "\n" + PETER_SIG + "\n",  # trailing blank line
        TEXT + "\n" + PETER_SIG * 101,  # too many signatures
        "\ud800" + PETER_NOTE,  # lone surrogate: not encodable as UTF-8
        12345,
    ],
)
def test_malformed_notes_are_rejected_with_note_error(message):
    with pytest.raises(NoteError):
        open_note(message, [Verifier.from_vkey(PETER_VKEY)])


def test_repeated_signature_lines_are_accepted_once():
    note = open_note(PETER_NOTE + PETER_SIG, [Verifier.from_vkey(PETER_VKEY)])
    assert len(note.signatures) == 1


def test_two_different_trusted_keys_with_the_same_name_and_id_are_ambiguous():
    peter = Verifier.from_vkey(PETER_VKEY)
    lookalike = Verifier("PeterNeumann", b"\x07" * 32)
    object.__setattr__(lookalike, "key_id", peter.key_id)  # a deliberate key ID collision
    with pytest.raises(NoteError, match="ambiguous key"):
        open_note(PETER_NOTE, [peter, lookalike])


@pytest.mark.parametrize(
    "text, reason",
    [
        ("no final newline", "ending in a newline"),
        ("tab\there\n", "control characters"),
        (b"bytes\n", "ending in a newline"),
    ],
)
def test_signing_refuses_text_that_could_not_be_opened(text, reason):
    with pytest.raises(NoteError, match=reason):
        sign_note(text, [Signer.from_skey(PETER_SKEY)])


def test_signing_refuses_no_signers_and_duplicate_signers():
    signer = Signer.from_skey(PETER_SKEY)
    with pytest.raises(NoteError, match="at least one signer"):
        sign_note(TEXT, [])
    with pytest.raises(NoteError, match="duplicate signer"):
        sign_note(TEXT, [signer, signer])


@pytest.mark.parametrize("name", ["", "has space", "a+b", "tab\tname", "nbsp\u00a0name"])
def test_invalid_key_names_are_refused(name):
    with pytest.raises(NoteError, match="key name"):
        Signer.generate(name)


def test_signer_repr_does_not_reveal_the_secret_key():
    signer = Signer.from_skey(PETER_SKEY)
    assert "AYEKFALV" not in repr(signer) and "c74f20a3" in repr(signer)

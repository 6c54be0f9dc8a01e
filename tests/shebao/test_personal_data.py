"""Personal data at rest: encrypted, found by blind index, shown masked, keys rotatable."""

import base64
import os

import pytest
from django.core.management import call_command
from django.db import connection

from shebao.pii.keyring import Keyring, KeyringError, generate_key_spec
from shebao.pii.masking import mask_bank_account, mask_phone, mask_resident_id
from shebao.registry.models import Person
from shebao.registry.selectors import person_by_phone, person_by_resident_id

from .factories import person as make_person
from .factories import resident_id


def test_masks_show_only_enough_to_recognise_ones_own():
    assert mask_resident_id("132321194803120013") == "1323**********0013"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_bank_account("6222020000001234567") == "**** 4567"


def test_a_value_encrypted_for_one_field_cannot_be_decrypted_as_another():
    ring = Keyring.parse(generate_key_spec())
    token = ring.encrypt("13812345678", context="mobile")
    assert ring.decrypt(token, context="mobile") == "13812345678"
    with pytest.raises(KeyringError):
        ring.decrypt(token, context="resident_id")


def test_an_altered_ciphertext_is_rejected():
    ring = Keyring.parse(generate_key_spec())
    token = ring.encrypt("secret", context="x")
    flipped = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    with pytest.raises(KeyringError):
        ring.decrypt(flipped, context="x")


def test_old_keys_still_decrypt_after_a_new_key_becomes_active():
    old = generate_key_spec("old")
    token = Keyring.parse(old).encrypt("1", context="c")
    rotated = Keyring.parse(generate_key_spec("new") + "," + old)
    assert rotated.decrypt(token, context="c") == "1"
    assert rotated.needs_rotation(token)


@pytest.mark.parametrize(
    "spec", ["", "k1", "k1:notbase64!", "k1:" + base64.b64encode(b"short").decode()]
)
def test_unusable_key_configuration_is_refused_with_a_reason(spec):
    with pytest.raises(KeyringError):
        Keyring.parse(spec)


@pytest.mark.django_db
def test_person_is_found_by_id_number_and_phone_without_storing_them_in_clear(office):
    rid = resident_id()
    person = make_person(office, resident_id=rid, phone="13900001111")
    assert person_by_resident_id(rid.lower() if rid.endswith("X") else rid) == person
    assert person_by_phone("13900001111") == person
    stored = Person.objects.values_list("id_number_enc", "phone_enc", "bank_account_enc").get()
    assert rid not in "".join(stored) and "13900001111" not in "".join(stored)
    assert person.id_number_masked == rid[:4] + "*" * 10 + rid[-4:]


@pytest.mark.django_db
def test_rotation_re_encrypts_every_personal_value_under_the_new_key(office, settings):
    rid = resident_id()
    make_person(office, resident_id=rid, phone="13900002222")
    old_spec = settings.SHEBAO_DATA_KEYS
    settings.SHEBAO_DATA_KEYS = "n2:" + base64.b64encode(os.urandom(32)).decode() + "," + old_spec
    call_command("pii_rotate", verbosity=0)
    row = Person.objects.get()
    assert row.id_number_enc.startswith("v1.n2.") and row.phone_enc.startswith("v1.n2.")
    from shebao.pii.fields import reveal

    assert reveal("resident_id", row.id_number_enc) == rid
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM registry_person WHERE id_number_enc LIKE 'v1.t1.%%'")
        assert cursor.fetchone()[0] == 0


@pytest.mark.django_db
def test_break_glass_shows_a_full_id_only_to_own_office_staff_with_a_reason(office):
    from django.core.exceptions import PermissionDenied

    from shebao.accounts.services import staff_account_create
    from shebao.ledger.models import LedgerEvent
    from shebao.regions.services import office_create
    from shebao.registry.models import IdentifierReveal
    from shebao.registry.services import person_identifier_reveal

    rid = resident_id()
    person = make_person(office, resident_id=rid)
    clerk = staff_account_create(
        username="clerk", office=office, role="clerk", password="x-Long-pass-1"
    )
    other = office_create(
        code="jinzhou",
        name="晋州",
        region_code="130183",
        province_code="130000",
        ledger_origin="jinzhou.test/ledger",
    )
    stranger = staff_account_create(
        username="other", office=other, role="reviewer", password="x-Long-pass-1"
    )
    with pytest.raises(PermissionDenied):
        person_identifier_reveal(person=person, field="resident_id", actor=clerk, reason="")
    with pytest.raises(PermissionDenied):
        person_identifier_reveal(
            person=person, field="resident_id", actor=stranger, reason="核对身份"
        )
    shown = person_identifier_reveal(
        person=person, field="resident_id", actor=clerk, reason="窗口核对身份证原件"
    )
    assert shown == rid
    assert IdentifierReveal.objects.get().reason == "窗口核对身份证原件"
    event = LedgerEvent.objects.get(kind="pii.revealed")
    assert rid not in event.body and "窗口" not in event.body

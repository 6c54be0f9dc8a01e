"""Issuing, signing, verifying and revoking insurance certificates (参保证明)."""

import datetime as dt
import json

import pytest
from django.utils import translation

from shebao.certificates import codes, selectors
from shebao.certificates.models import Certificate, SigningKey
from shebao.certificates.services import AlreadyRevoked, certificate_issue, certificate_revoke
from shebao.demo.seed import seed_city
from shebao.ledger.models import LedgerEvent, LogKey
from shebao.pii.fields import reveal
from shebao.registry.selectors import person_by_resident_id

pytestmark = pytest.mark.django_db

LI = "132321196705150014"  # 李建国: leather worker since 1996, deemed time 1986-07…1995-12
LIU = "510122197805200049"  # 刘芳: Chengdu 2000-07…2015-12, Xinji since 2016-01


@pytest.fixture
def city(db):
    seed_city(persons=8, today=dt.date(2026, 11, 28))


@pytest.fixture
def li(city):
    return person_by_resident_id(LI)


def test_issuing_records_a_ledger_event_with_no_personal_data(li):
    before = LedgerEvent.objects.count()
    certificate = certificate_issue(person=li, actor=li.account)
    events = list(LedgerEvent.objects.order_by("id")[before:])
    assert [e.kind for e in events] == ["certificate.key_created", "certificate.issued"]
    issued = json.loads(events[-1].body)
    assert issued["data"] == {
        "certificate": certificate.digest,
        "key": SigningKey.objects.get().vkey.split("+")[1],
    }
    assert issued["subject"] and issued["actor"]  # keyed hashes, not identifiers
    for event in events:
        for personal in (li.name, li.id_number_masked, LI, LI[-4:], certificate.code, "李*"):
            assert personal not in event.body


def test_the_signed_snapshot_masks_name_and_id_and_counts_the_insured_months(li):
    certificate = certificate_issue(person=li, actor=li.account)
    verified = selectors.certificate_of_owner(person=li, code=certificate.code)
    snapshot = verified.snapshot
    assert (snapshot.name_masked, snapshot.id_number_masked) == ("李**", "1323**********0014")
    assert LI not in certificate.signed_note and "李建国" not in certificate.signed_note
    by_type = {i.insurance_type: i for i in snapshot.insurance}
    pension = by_type["enterprise_pension"]
    assert (pension.months_paid, pension.months_due, pension.status) == (370, 0, "active")
    assert pension.last_paid == dt.date(2026, 10, 1)
    ((start, end, months, region),) = [
        (p.start, p.end, p.months, p.region_name) for p in pension.periods
    ]
    assert (start, end, months, region) == (
        dt.date(1996, 1, 1),
        dt.date(2026, 10, 1),
        370,
        "辛集市",
    )
    assert by_type["work_injury"].months_paid == 274
    assert [(d.start, d.months) for d in snapshot.deemed] == [(dt.date(1986, 7, 1), 114)]
    assert snapshot.office_name == "辛集市社会保险事业服务中心"


def test_periods_in_another_region_are_listed_with_that_regions_name(city):
    liu = person_by_resident_id(LIU)
    snapshot = selectors.certificate_contents(liu, at=dt.datetime(2026, 11, 28, tzinfo=dt.UTC))
    (pension,) = [i for i in snapshot.insurance if i.insurance_type == "enterprise_pension"]
    assert [(p.region_code, p.months) for p in pension.periods] == [
        ("510100", 186),
        ("130181", 130),
    ]
    assert pension.periods[0].region_name == "成都市"


def test_the_certificate_is_signed_with_the_offices_certificate_key_not_its_ledger_key(li):
    certificate = certificate_issue(person=li, actor=li.account)
    key = SigningKey.objects.get()
    assert key.vkey.startswith("xinji.shebao.example/certificates+")
    assert reveal("certificate-skey", key.skey_enc).startswith("PRIVATE+KEY+")
    assert not LogKey.objects.filter(vkey=key.vkey).exists()
    assert certificate.signed_note.splitlines()[-1].startswith(
        "— xinji.shebao.example/certificates "
    )
    result = selectors.certificate_verify(certificate.code)
    assert result.outcome == selectors.GENUINE
    assert result.certificate.signature.vkey == key.vkey
    published = LedgerEvent.objects.get(kind="certificate.key_created")
    assert json.loads(published.body)["data"] == {"vkey": key.vkey}


def test_a_second_certificate_reuses_the_key_and_a_retired_key_still_verifies_its_own(li):
    first = certificate_issue(person=li, actor=li.account)
    second = certificate_issue(person=li, actor=li.account)
    assert first.key_id == second.key_id and first.code != second.code
    SigningKey.objects.update(retired_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    third = certificate_issue(person=li, actor=li.account)
    assert third.key_id != first.key_id
    assert selectors.certificate_verify(first.code).outcome == selectors.GENUINE
    assert selectors.certificate_verify(third.code).outcome == selectors.GENUINE


def test_a_changed_stored_certificate_fails_its_signature_check(li, caplog):
    certificate = certificate_issue(person=li, actor=li.account)
    forged = certificate.signed_note.replace('"months_paid":370', '"months_paid":470')
    assert forged != certificate.signed_note
    Certificate.objects.filter(pk=certificate.pk).update(signed_note=forged)
    result = selectors.certificate_verify(certificate.code)
    assert result.outcome == selectors.UNVERIFIABLE and result.certificate is None
    assert selectors.certificate_of_owner(person=li, code=certificate.code) is None
    assert "fails its signature check" in caplog.text and LI not in caplog.text


def test_a_valid_note_moved_onto_another_certificate_row_is_caught(li):
    first = certificate_issue(person=li, actor=li.account)
    second = certificate_issue(person=li, actor=li.account)
    Certificate.objects.filter(pk=second.pk).update(signed_note=first.signed_note)
    assert selectors.certificate_verify(second.code).outcome == selectors.UNVERIFIABLE


def test_revoking_says_when_and_why_records_an_event_and_happens_once(li):
    certificate = certificate_issue(person=li, actor=li.account)
    clerk = li.account  # who may revoke is the back office's check; the service records who did
    at = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
    certificate_revoke(
        certificate=certificate, actor=clerk, reason=Certificate.Reason.RECORDS_CORRECTED, at=at
    )
    result = selectors.certificate_verify(certificate.code)
    assert result.outcome == selectors.REVOKED
    assert result.certificate.revoked_at == at
    with translation.override("en"):  # labels follow the active language; read English
        label = str(result.certificate.revoked_reason_label)
    assert label == "The records it shows have been corrected"
    event = LedgerEvent.objects.filter(kind="certificate.revoked").get()
    assert json.loads(event.body)["data"] == {
        "certificate": certificate.digest,
        "reason": "records_corrected",
    }
    with pytest.raises(AlreadyRevoked):
        certificate_revoke(certificate=certificate, actor=clerk, reason="issued_in_error")
    with pytest.raises(ValueError):
        certificate_revoke(certificate=certificate, actor=clerk, reason="because I said so")


def test_unknown_and_mistyped_codes_are_told_apart(li):
    certificate = certificate_issue(person=li, actor=li.account)
    typo = (
        certificate.code[:5] + ("A" if certificate.code[5] != "A" else "B") + certificate.code[6:]
    )
    assert selectors.certificate_verify(typo).outcome == selectors.MALFORMED
    unknown = codes.new_code()
    assert selectors.certificate_verify(unknown).outcome == selectors.UNKNOWN
    assert selectors.certificate_verify(codes.display(certificate.code).lower()).outcome == (
        selectors.GENUINE
    )

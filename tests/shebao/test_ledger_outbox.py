"""Every business write records its ledger event in the same transaction, without personal data."""

import json

import pytest
from django.db import transaction

from shebao.ledger.models import LedgerEvent
from shebao.ledger.services import OutsideTransaction, record_event

from .factories import person as make_person
from .factories import resident_id

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_an_event_cannot_be_recorded_outside_the_writes_transaction(office):
    with pytest.raises(OutsideTransaction):
        record_event(office=office, kind="x.happened", data={})


def test_registering_a_person_records_a_pseudonymous_event(office):
    rid = resident_id()
    person = make_person(office, resident_id=rid, name="李建国", phone="13900003333")
    assert person.phone_masked == "139****3333"
    event = LedgerEvent.objects.filter(kind="person.registered").get()
    assert event.leaf_index is None  # waits for the sequencer
    body = json.loads(event.body)
    assert body["office"] == "xinji" and len(body["subject"]) == 64
    for personal in (rid, "李建国", "13900003333", person.phone_masked):
        assert personal not in event.body


def test_a_write_that_fails_leaves_no_event_behind(office):
    before = LedgerEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(office=office, kind="x.happened", data={"n": 1})
        raise RuntimeError("the change itself failed")
    assert LedgerEvent.objects.count() == before


def test_entries_are_canonical_json_and_refuse_floats(office):
    with transaction.atomic():
        event = record_event(office=office, kind="x.happened", data={"b": 2, "a": "元"})
        with pytest.raises(TypeError):
            record_event(office=office, kind="x.bad", data={"amount": 1.5})
    assert '"data":{"a":"元","b":2}' in event.body

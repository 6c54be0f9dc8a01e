"""Verification codes, insured periods and the statement: the pure parts, without a database."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from shebao.certificates import codes
from shebao.certificates.snapshot import (
    Deemed,
    Insurance,
    Period,
    Snapshot,
    SnapshotError,
)
from shebao.contributions.history import Row, arrange_all
from shebao.contributions.statements import summarise_periods


def m(text: str) -> dt.date:
    year, month = text.split("-")
    return dt.date(int(year), int(month), 1)


def test_a_new_code_has_16_characters_without_look_alikes_and_passes_its_own_check():
    for _ in range(200):
        code = codes.new_code()
        assert len(code) == 16
        assert not set(code) & set("01ILO")
        assert codes.parse(code) == code


def test_every_single_wrong_character_is_caught_before_any_lookup():
    code = codes.new_code()
    for position, replacement in itertools.product(range(16), codes.ALPHABET):
        if code[position] == replacement:
            continue
        typo = code[:position] + replacement + code[position + 1 :]
        with pytest.raises(codes.CodeError) as caught:
            codes.parse(typo)
        assert caught.value.reason == "check"


def test_every_swap_of_two_different_characters_is_caught():
    code = codes.new_code()
    for i, j in itertools.combinations(range(16), 2):
        if code[i] == code[j]:
            continue
        swapped = list(code)
        swapped[i], swapped[j] = swapped[j], swapped[i]
        with pytest.raises(codes.CodeError):
            codes.parse("".join(swapped))


def test_typed_codes_may_use_small_letters_spaces_hyphens_and_full_width_characters():
    code = codes.new_code()
    shown = codes.display(code)
    assert shown.count("-") == 3 and shown.replace("-", "") == code
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code.lower())  # as a Chinese IME types
    for typed in (shown, shown.lower(), " ".join(shown.split("-")), full_width):
        assert codes.parse(typed) == code


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("", "empty"), ("  - ", "empty"), ("ABCD-EFGH-0KMN-PQRS", "character"), ("ABCD", "length")],
)
def test_a_code_that_cannot_be_one_says_why(typed, reason):
    with pytest.raises(codes.CodeError) as caught:
        codes.parse(typed)
    assert caught.value.reason == reason


def test_insured_periods_break_at_gaps_due_months_and_region_changes():
    rows = [
        ("enterprise_pension", m("2000-07"), "paid", "510100"),
        ("enterprise_pension", m("2000-08"), "paid", "510100"),
        ("enterprise_pension", m("2000-09"), "paid", "130181"),  # moved: new region
        ("enterprise_pension", m("2001-01"), "paid", "130181"),  # gap 2000-10…12
        ("enterprise_pension", m("2001-02"), "arrears", "130181"),  # due, not paid
        ("enterprise_pension", m("2001-03"), "paid", "130181"),
        ("medical", m("2001-01"), "paid", "130181"),
    ]
    summaries = summarise_periods(
        rows, {"enterprise_pension": "active", "medical": "active", "work_injury": "ended"}
    )
    assert [s.insurance_type for s in summaries] == ["enterprise_pension", "medical", "work_injury"]
    pension = summaries[0]
    assert [(str(p.start), str(p.end), p.months, p.region_code) for p in pension.periods] == [
        ("2000-07-01", "2000-08-01", 2, "510100"),
        ("2000-09-01", "2000-09-01", 1, "130181"),
        ("2001-01-01", "2001-01-01", 1, "130181"),
        ("2001-03-01", "2001-03-01", 1, "130181"),
    ]
    assert (pension.months_paid, pension.months_due, pension.last_paid) == (5, 1, m("2001-03"))
    assert summaries[2].periods == () and summaries[2].months_paid == 0  # enrolled, no record


def test_yearly_totals_keep_paid_and_due_apart():
    rows = [
        ("enterprise_pension", m("2026-10"), Decimal("4000"), Decimal("0"), Decimal("800"), "paid"),
        ("enterprise_pension", m("2026-11"), Decimal("4000"), Decimal("0"), Decimal("800.5"), "x"),
        (
            "enterprise_pension",
            m("2025-12"),
            Decimal("3900"),
            Decimal("10"),
            Decimal("780"),
            "paid",
        ),
    ]
    rows = [Row(*row, region_code="130181") for row in rows]
    (pension,) = arrange_all(rows)
    y2025, y2026 = pension.years
    assert (y2025.year, y2025.paid_months, y2025.individual_paid) == (2025, 1, Decimal("780"))
    assert (y2026.paid_months, y2026.due_months) == (1, 1)
    assert (y2026.individual_paid, y2026.individual_due) == (Decimal("800"), Decimal("800.5"))
    assert pension.months == 3


def _snapshot(**changes) -> Snapshot:
    values = dict(
        code=codes.new_code(),
        issued_at=dt.datetime(2026, 11, 28, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        office_code="xinji",
        office_name="辛集市社会保险事业服务中心",
        name_masked="李**",
        id_number_masked="1323**********0014",
        person_status="active",
        insurance=(
            Insurance(
                "enterprise_pension",
                "active",
                370,
                0,
                m("2026-10"),
                (Period(m("1996-01"), m("2026-10"), 370, "130181", "辛集市"),),
            ),
        ),
        deemed=(Deemed(m("1986-07"), m("1995-12"), 114),),
    )
    values.update(changes)
    return Snapshot(**values)


def test_a_snapshot_reads_back_exactly_what_was_signed():
    snapshot = _snapshot()
    text = snapshot.to_text()
    assert text.startswith("shebao/certificate/v1\n") and text.count("\n") == 2
    assert Snapshot.from_text(text) == snapshot


def test_a_snapshot_with_an_unknown_status_or_format_is_refused():
    with pytest.raises(SnapshotError):
        Snapshot.from_text(_snapshot(person_status="hacked").to_text())
    with pytest.raises(SnapshotError):
        Snapshot.from_text(_snapshot().to_text().replace("v1", "v9", 1))

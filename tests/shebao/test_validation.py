"""The data dictionary's rules, as a person typing into a form would meet them."""

from decimal import Decimal

import pytest
from django.utils import translation

from shebao.demo.personas import PERSONAS
from shebao.standards import validation
from shebao.standards.dictionary import FIELDS


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.name)
def test_every_persona_id_number_passes_the_platforms_own_validator(persona):
    assert validation.resident_id(persona.resident_id) == persona.resident_id


def test_lowercase_x_and_spaces_are_accepted_and_normalised():
    assert validation.resident_id(" 13232119850909005x ") == "13232119850909005X"


@pytest.mark.parametrize(
    ("number", "code", "zh_fragment"),
    [
        ("132321196705150015", "checksum", "校验"),  # last digit changed
        ("132321196702300013", "birth_date", "1967-02-30"),  # no 30 February
        ("130181196705150014", "region", "130181"),  # Xinji's 130181 code begins in 1993
        ("999999199001010012", "region", "999999"),
        ("13232119670515001", "length", "17"),
        ("1323211967051500AB", "format", "X"),
    ],
)
def test_a_wrong_id_number_is_refused_with_a_message_that_says_which_problem(
    number, code, zh_fragment
):
    # Recompute the check digit for the cases that must fail on something other than the checksum.
    if code in {"birth_date", "region"}:
        from stdnum.cn import ric

        number = number[:17] + ric.calc_check_digit(number[:17] + "0")
    with translation.override("zh-hans"):
        with pytest.raises(validation.FieldError) as caught:
            validation.resident_id(number)
        assert caught.value.code == code
        assert zh_fragment in str(caught.value.message)


def test_messages_are_english_when_the_user_reads_english():
    with translation.override("en"):
        with pytest.raises(validation.FieldError) as caught:
            validation.resident_id("132321196705150015")
        assert "check digit" in str(caught.value.message)


def test_credit_code_checks_its_check_character():
    from stdnum.cn import uscc

    good = "91130181MA0CBD123" + uscc.calc_check_digit("91130181MA0CBD123")
    assert validation.credit_code(good) == good
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(validation.FieldError) as caught:
        validation.credit_code(bad)
    assert caught.value.code == "checksum"


@pytest.mark.parametrize("raw", ["13812345678", "+86 138 1234 5678", "138-1234-5678"])
def test_mobile_numbers_in_common_spellings_are_accepted(raw):
    assert validation.mobile(raw) == "13812345678"


@pytest.mark.parametrize("raw", ["12812345678", "1381234567", "138123456789", "abc"])
def test_impossible_mobile_numbers_are_refused(raw):
    with pytest.raises(validation.FieldError):
        validation.mobile(raw)


@pytest.mark.parametrize("raw", ["王秀兰", "买买提·艾力", "阿依古丽•买买提"])
def test_chinese_names_including_minority_names_with_a_middle_dot(raw):
    assert "·" in validation.person_name(raw) or "·" not in raw.replace("•", "·")


@pytest.mark.parametrize("raw", ["Wang", "王", "王 秀兰", "·王", "王·"])
def test_names_not_written_as_on_the_id_card_are_refused(raw):
    with pytest.raises(validation.FieldError):
        validation.person_name(raw)


def test_amounts_are_exact_to_the_fen():
    assert validation.amount("4,076.5") == Decimal("4076.50")
    with pytest.raises(validation.FieldError) as caught:
        validation.amount("4076.505")
    assert caught.value.code == "precision"
    with pytest.raises(validation.FieldError):
        validation.amount("-1")
    with pytest.raises(validation.FieldError):
        validation.amount("NaN")


def test_month_must_be_a_real_month():
    assert str(validation.month("2026-1")) == "2026-01-01"
    with pytest.raises(validation.FieldError):
        validation.month("2026-13")


def test_the_dictionary_describes_every_field_with_label_format_and_length():
    for spec in FIELDS.values():
        described = spec.describe()
        assert described["label"] and described["format"] and described["meaning"]
    assert FIELDS["resident_id"].max_length == 18 and FIELDS["resident_id"].personal


def test_choice_fields_refuse_values_outside_the_list():
    with pytest.raises(validation.FieldError):
        FIELDS["insurance_type"].clean("maternity")  # merged into medical since 2019


@pytest.mark.django_db
def test_models_apply_the_same_rules_as_forms_and_the_api(office):
    from django.core.exceptions import ValidationError

    from shebao.registry.models import Employer

    employer = Employer(
        name="测试厂",
        credit_code="91130181MA0CBD1230",
        industry="retail",
        region_code="1301",
        office=office,
    )
    with pytest.raises(ValidationError) as caught:
        employer.full_clean()
    assert set(caught.value.message_dict) == {"credit_code", "region_code"}

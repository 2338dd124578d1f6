from decimal import Decimal as D

import pytest

from core.numbers import parse_number, plain, round_half_up
from core.targets import parse_actual, parse_target
from core.text import clean_text, removed_chars


@pytest.mark.parametrize("typed, value", [
    ("95.9", D("95.9")), (" 95.9 ", D("95.9")), ("９５．９", D("95.9")), ("95.9分", D("95.9")),
    ("1,391.03", D("1391.03")), ("-0", D("0")), ("100%", D("100")), ("　26.9　", D("26.9")),
    (".5", D("0.5")), ("785.96万元", D("785.96")),
])
def test_numbers_clerks_type_are_read_exactly(typed, value):
    parsed = parse_number(typed)
    assert parsed.error is None
    assert parsed.value == value and str(parsed.value) == str(value)


@pytest.mark.parametrize("typed", ["95,9", "1,39", "abc", "9 5 . 9x", "NaN", "inf", "1e5", "1" * 13, "0.1234567"])
def test_ambiguous_or_bad_numbers_are_refused_not_guessed(typed):
    parsed = parse_number(typed)
    assert parsed.value is None
    assert parsed.error  # a Chinese sentence for the clerk


def test_empty_is_neither_value_nor_error():
    assert parse_number("") == (None, None)
    assert parse_number(None) == (None, None)
    assert parse_number("   ") == (None, None)


@pytest.mark.parametrize("value, places, expected", [
    ("2.25", 1, "2.3"), ("2.35", 1, "2.4"), ("2.45", 1, "2.5"), ("0.05", 1, "0.1"),
    ("4.97", 1, "5.0"), ("7.4999", 2, "7.50"), ("1.005", 2, "1.01"), ("-2.25", 1, "-2.3"),
])
def test_round_half_up_is_exact_decimal_rounding(value, places, expected):
    assert str(round_half_up(D(value), places)) == expected


def test_plain_drops_trailing_zeros_without_exponent():
    assert plain(D("49.0")) == "49"
    assert plain(D("95.90")) == "95.9"
    assert plain(D("100")) == "100"
    assert plain(D("1E+2")) == "100"


@pytest.mark.parametrize("text, op, value, unit", [
    ("每年不少于2000件", "≥", D("2000"), "件"), ("≤5%", "≤", D("5"), "%"), ("低于20%", "<", D("20"), "%"),
    ("不低于95%", "≥", D("95"), "%"), ("100%处置，不留隐患", "=", D("100"), "%"),
    ("95%以上", "≥", D("95"), "%"), ("≥ 100 %", "≥", D("100"), "%"), ("不超过10次", "≤", D("10"), "次"),
])
def test_targets_parse_operator_number_and_unit(text, op, value, unit):
    t = parse_target(text)
    assert (t.op, t.value, t.unit) == (op, value, unit)


def test_qualitative_target_has_no_number():
    t = parse_target("定性")
    assert t.qualitative and t.op is None
    assert parse_target("") is None


def test_actual_takes_the_number_inside_text():
    assert parse_actual("2156件") == D("2156")
    assert parse_actual("超额完成") is None
    assert parse_actual("１００％") == D("100")


def test_control_characters_are_mapped_once_for_every_output():
    assert clean_text("甲\x0b乙\r\n丙\x0c丁") == "甲\n乙\n丙\n丁"
    assert clean_text("a\x00b\x07c\x1fd\x7f") == "abcd"
    assert removed_chars("a\x00b\x07c\x0bd") == 2  # the vertical tab is mapped, not removed
    assert clean_text("𠀀 emoji 😀 & < > {{ x }}") == "𠀀 emoji 😀 & < > {{ x }}"


@pytest.mark.parametrize("text, ok", [("2022-03-01", True), ("2022年3月1日", True), ("２０２２．３．１", True),
                                      ("2022/2/30", False), ("三月一日", False), ("2022-13-01", False)])
def test_dates_in_the_usual_forms(text, ok):
    from core.numbers import parse_date
    assert (parse_date(text) is not None) == ok


def test_a_bad_date_is_a_finding(gd_template, sample_draft):
    from core.evaluate import evaluate
    sample_draft.fields["fill_date"] = "2022年2月30日"
    f = [x for x in evaluate(gd_template, sample_draft).findings if x.code == "field.date"]
    assert f and f[0].field == "fields.fill_date"

from decimal import Decimal as D

import pytest

from core.format import DASH, cn_number, heading_number, money, num, pct, pct1


@pytest.mark.parametrize("fn, value, text", [
    (money, D("1391.025"), "1391.03"), (money, D("0"), "0.00"), (money, None, DASH),
    (pct, D("100"), "100.00%"), (pct, D("72.745"), "72.75%"),
    (pct1, D("10.64"), "10.6%"), (pct1, D("100.00"), "100%"), (pct1, D("99.95"), "100%"),
    (num, D("49.0"), "49"), (num, D("95.90"), "95.9"), (num, None, DASH),
])
def test_figures_are_written_one_way_everywhere(fn, value, text):
    assert fn(value) == text


@pytest.mark.parametrize("depth, index, text", [(1, 1, "一、"), (1, 10, "十、"), (2, 11, "（十一）"),
                                                (2, 21, "（二十一）"), (3, 4, "4."), (4, 2, "（2）")])
def test_gb9704_outline_numbers(depth, index, text):
    assert heading_number(depth, index) == text
    assert cn_number(20) == "二十"

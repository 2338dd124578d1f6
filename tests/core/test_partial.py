"""Running sums of a money grid before every row is filled (core.partial)."""

from __future__ import annotations

from decimal import Decimal

from core.compute import compute
from core.draft import new_draft
from core.partial import partial_totals


def _numbers(template, cells: dict) -> dict:
    draft = new_draft(template)
    for (row, col), value in cells.items():
        draft.grids.setdefault("spending", {}).setdefault(row, {})[col] = value
    return compute(template, draft).numbers


def test_a_total_sums_the_rows_filled_so_far_and_names_the_empty_ones(gd_template):
    numbers = _numbers(gd_template, {("wages", "actual"): "785.96", ("goods", "actual"): "43.89"})
    assert numbers["spending.basic.actual"] is None            # the core's own total waits for every row
    partial = partial_totals(gd_template, numbers)
    basic = partial["spending.basic.actual"]
    assert basic.value == Decimal("829.85")
    assert set(basic.missing) == {"spending.subsidies.actual", "spending.capital.actual"}
    total = partial["spending.expense_total.actual"]           # basic (partial) + project (empty)
    assert total.value == Decimal("829.85")
    assert "spending.project.actual" in total.missing and "spending.capital.actual" in total.missing


def test_nothing_filled_and_rates_stay_empty(gd_template):
    numbers = _numbers(gd_template, {("wages", "actual"): "785.96"})
    partial = partial_totals(gd_template, numbers)
    assert "spending.basic.budget" not in partial              # no budget typed under it
    assert not any(key.endswith(".rate") for key in partial)   # a division is not summed
    assert partial_totals(gd_template, _numbers(gd_template, {})) == {}


def test_a_complete_total_is_the_cores_not_a_partial_one(gd_template):
    cells = {(r, "actual"): "1" for r in ("wages", "goods", "subsidies", "capital")}
    numbers = _numbers(gd_template, cells)
    assert numbers["spending.basic.actual"] == Decimal("4")
    assert "spending.basic.actual" not in partial_totals(gd_template, numbers)

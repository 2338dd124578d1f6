from decimal import Decimal as D

import pytest

from core.expr import Formula, FormulaError


def test_dotted_grid_names_and_decimal_arithmetic():
    f = Formula("spending.total.actual / spending.total.budget * 100")
    assert f.names == ("spending.total.actual", "spending.total.budget")
    assert f.evaluate({"spending.total.actual": D("892.82"), "spending.total.budget": D("1391.03")}) \
        == D("892.82") / D("1391.03") * 100


def test_constants_are_decimals_not_floats():
    assert Formula("a * 0.1").evaluate({"a": D("3")}) == D("0.3")


def test_empty_input_or_zero_divisor_gives_none():
    f = Formula("a / b")
    assert f.evaluate({"a": D(1), "b": D(0)}) is None
    assert f.evaluate({"a": None, "b": D(2)}) is None
    assert Formula("min(a, 1)").evaluate({"a": None}) is None
    assert Formula("a + b").evaluate({"a": D(1)}) is None


def test_rename_expands_a_row_formula_per_column():
    g = Formula("wages + goods").rename(lambda n: f"sp.{n}.actual")
    assert g.names == ("sp.wages.actual", "sp.goods.actual")
    assert g.evaluate({"sp.wages.actual": D("785.96"), "sp.goods.actual": D("43.89")}) == D("829.85")


def test_a_renamed_formula_is_the_one_its_text_parses_to():
    # rename keeps the renamed tree instead of parsing its printed text again (build_plan)
    source = "max(sp.total.actual - wages, 0) / goods * 100 + abs(-wages)"
    values = {"sp.total.actual": D("1391.03"), "g.wages.b": D("785.96"), "g.goods.b": D("43.89")}
    renamed = Formula(source).rename(lambda n: n if "." in n else f"g.{n}.b")
    parsed = Formula(renamed.source)
    assert renamed.source == "max(sp.total.actual - g.wages.b, 0) / g.goods.b * 100 + abs(-g.wages.b)"
    assert renamed.names == parsed.names == ("sp.total.actual", "g.wages.b", "g.goods.b")
    assert renamed.evaluate(values) == parsed.evaluate(values) == (D("1391.03") - D("785.96")) / D("43.89") * 100 \
        + D("785.96")


def test_a_rename_to_a_hidden_name_is_refused():
    with pytest.raises(FormulaError):
        Formula("a + b").rename(lambda n: f"g._{n}")


@pytest.mark.parametrize("source", [
    '__import__("os")', "a.__class__", "open('x')", "a[0]", "lambda: 1", "1 +", '"x" * 3', "[1, 2]",
    "a if b else c if", "x._secret",
])
def test_unsafe_or_broken_formulas_are_refused_at_parse(source):
    with pytest.raises(FormulaError):
        Formula(source)

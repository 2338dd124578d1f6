"""Totals of a money grid while it is being filled: the sum of the rows entered so far.

A grid formula gives no total until every row under it is filled (an empty
input makes it None), which leaves the clerk without a running sum. Here only
formulas that add and subtract are summed over what is there; a rate (a
division) stays empty. The caller shows the figure marked as partial.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from decimal import Decimal

from .compute import build_plan

_ADDITIVE = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Add, ast.Sub, ast.UAdd, ast.USub,
             ast.Name, ast.Attribute, ast.Load, ast.Constant)


@dataclass(frozen=True)
class PartialTotal:
    value: Decimal
    missing: tuple[str, ...]   # grid cells ("grid.row.col") still empty under this total


def _additive(source: str) -> bool:
    return all(isinstance(node, _ADDITIVE) for node in ast.walk(ast.parse(source.strip(), mode="eval")))


def partial_totals(template, numbers: dict) -> dict[str, PartialTotal]:
    """grid cell → its running sum, for every additive grid total the core left
    empty although some of the cells under it are filled."""
    out: dict[str, PartialTotal] = {}
    empty: dict[str, list[str]] = {}  # additive totals with nothing under them filled → their cells
    plan = build_plan(template)
    for name, formula in plan.order:
        if name.count(".") != 2 or numbers.get(name) is not None or not _additive(formula.source):
            continue
        known: dict[str, Decimal] = {}
        missing: list[str] = []
        for term in formula.names:
            if numbers.get(term) is not None:
                known[term] = numbers[term]
            elif term in out:  # a sub-total that is itself partial
                known[term] = out[term].value
                missing += out[term].missing
            else:
                missing += empty.get(term, [term])
        if not known:
            empty[name] = missing
            continue
        value = formula.evaluate({t: known.get(t, Decimal(0)) for t in formula.names})
        if value is not None:
            out[name] = PartialTotal(value, tuple(dict.fromkeys(missing)))
    return out

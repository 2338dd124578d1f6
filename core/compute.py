"""Computed values: formula fields, grid rows and columns, indicator actuals.

The formulas of a template are expanded to one per cell and put in dependency
order once (the plan); each recompute then walks that order. A cycle is a
template error that names every step of the loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .expr import Formula
from .numbers import parse_number
from .targets import parse_actual
from .template import NUMERIC_TYPES, Template, walk_indicators


class CycleError(ValueError):
    def __init__(self, cycle: list[str]):
        self.cycle = cycle
        super().__init__(" → ".join(cycle))


@dataclass
class Plan:
    """A template's formulas, one per computed cell, in the order they are computed."""
    order: list[tuple[str, Formula]]               # computed name → formula, dependencies first
    row_checks: list[tuple[str, str, Formula]]     # (grid.row, column, formula) entered cells to verify
    computed: set[str] = field(default_factory=set)
    actual_names: set[str] = field(default_factory=set)  # "<indicator>.actual" some formula reads
    fill: set[str] = field(default_factory=set)  # entered cells that take their check sum when left empty


def build_plan(t: Template) -> Plan:
    cached = t.__dict__.get("_plan")
    if cached is not None:
        return cached
    formulas: dict[str, Formula] = {}
    row_checks = []
    fill: set[str] = set()
    for f in t.all_fields():
        if f.formula:
            formulas[f.id] = Formula(f.formula)
    for grid in t.grids:
        col_formulas = {c.id: Formula(c.formula) for c in grid.columns if c.formula}
        for row in grid.rows:
            row_f = Formula(row.formula) if row.formula else None
            check_f = Formula(row.check) if row.check else None
            for col in grid.columns:
                key = f"{grid.id}.{row.id}.{col.id}"
                if col.id in col_formulas:  # a rate column is computed even on a total row
                    formulas[key] = col_formulas[col.id].rename(lambda n, r=row.id: f"{grid.id}.{r}.{n}")
                elif row_f is not None:
                    formulas[key] = row_f.rename(lambda n, c=col.id: f"{grid.id}.{n}.{c}")
                elif check_f is not None:
                    summed = check_f.rename(lambda n, c=col.id: f"{grid.id}.{n}.{c}")
                    row_checks.append((f"{grid.id}.{row.id}", col.id, summed))
                    if row.fill:
                        formulas[key] = summed
                        fill.add(key)
    for _, node in walk_indicators(t.indicators):
        if node.actual_formula:
            formulas[f"{node.id}.actual"] = Formula(node.actual_formula)
    order = _topological(formulas)
    actual_names = {n for f in formulas.values() for n in f.names if _is_indicator_actual(n)} - set(formulas)
    for _, _, f in row_checks:
        actual_names |= {n for n in f.names if _is_indicator_actual(n)}
    plan = Plan(order, row_checks, set(formulas) - fill, actual_names, fill)
    t.__dict__["_plan"] = plan
    return plan


def _is_indicator_actual(name: str) -> bool:
    """`<indicator>.actual` has two parts; a grid cell `grid.row.actual` has three."""
    return name.count(".") == 1 and name.endswith(".actual")


def _topological(formulas: dict[str, Formula]) -> list[tuple[str, Formula]]:
    done: set[str] = set()
    order: list[tuple[str, Formula]] = []
    state: dict[str, int] = {}

    def visit(name: str, path: list[str]):
        if name in done or name not in formulas:
            return
        if state.get(name) == 1:
            start = path.index(name)
            raise CycleError(path[start:] + [name])
        state[name] = 1
        for dep in formulas[name].names:
            visit(dep, path + [name])
        state[name] = 2
        done.add(name)
        order.append((name, formulas[name]))

    for name in formulas:
        visit(name, [])
    return order


@dataclass
class Values:
    """Every number of a draft after computing, and why a typed text is not one."""
    numbers: dict[str, Decimal | None]   # every numeric name: fields, grid cells, computed
    errors: dict[str, str]               # address → why the typed text is not a number


def compute(t: Template, draft, plan: Plan | None = None) -> Values:
    plan = plan or build_plan(t)
    numbers: dict[str, Decimal | None] = {}
    errors: dict[str, str] = {}
    for f in t.all_fields():
        if f.type in NUMERIC_TYPES and not f.formula:
            parsed = parse_number(draft.fields.get(f.id))
            numbers[f.id] = parsed.value
            if parsed.error:
                errors[f"fields.{f.id}"] = parsed.error
    for grid in t.grids:
        entered = draft.grids.get(grid.id, {})
        for row in grid.rows:
            cells = entered.get(row.id, {})
            for col in grid.columns:
                key = f"{grid.id}.{row.id}.{col.id}"
                if key in plan.computed:
                    continue
                parsed = parse_number(cells.get(col.id))
                numbers[key] = parsed.value
                if parsed.error:
                    errors[f"grids.{key}"] = parsed.error
    for name in plan.actual_names:
        entry = draft.indicators.get(name[: -len(".actual")])
        numbers[name] = parse_actual(entry.actual) if entry else None
    for name, formula in plan.order:
        if name in plan.fill:
            if numbers.get(name) is None:  # typed by the clerk: kept, and 审核 compares it with the sum
                numbers[name] = parts_value(formula, numbers)
            continue
        numbers[name] = formula.evaluate(numbers)
    return Values(numbers, errors)


def parts_value(formula: Formula, numbers: dict) -> Decimal | None:
    """A `check` row's sum of its parts: a part left blank counts as 0 (an empty
    “其中：上年结转资金” line means none), unless every part is blank."""
    if all(numbers.get(n) is None for n in formula.names):
        return None
    return formula.evaluate({n: (numbers.get(n) if numbers.get(n) is not None else Decimal(0))
                             for n in formula.names})

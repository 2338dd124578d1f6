"""Scores: each indicator by its rule, subtotals at every level, total and grade.

Each item score is rounded half up to the template's decimals first, and every
subtotal is the sum of the rounded items, so the printed total always equals
the sum of the printed item scores — while every score lies within its weight.
A score outside its weight (a 12 typed into a 10-point row) stays shown as typed
and is a 审核 error, but counts only as far as the weight in every subtotal, the
total and the grade; a group counts at most its own weight and the total at most
full marks, so no output can print a total above full marks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .numbers import parse_number, round_half_up
from .rules import explain_text, rule_of, rule_params, score_input
from .template import IndicatorDef, RuleSpec, Template

ZERO = Decimal(0)
_MANUAL = RuleSpec(type="manual")


@dataclass
class NodeScore:
    """One indicator row or group: its weight, its score and whether all below it is scored."""
    id: str
    name: str
    weight: Decimal
    kind: str
    depth: int
    score: Decimal | None          # rounded; a row as typed, a group what it counts (within its weight)
    complete: bool                 # every item below is scored
    leaf: bool = False
    rule: str = ""
    auto: bool = False             # the program computed it from the rule
    overridden: bool = False       # the clerk replaced an automatic score
    computed_score: Decimal | None = None  # what the rule gave, before any override
    explain_source: object = ""            # str or callable; read through .explain
    missing: str = ""
    target: str = ""
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    derived_weight: bool = False   # a group whose weight is the sum of its rows
    actual: Decimal | None = None  # 完成值 computed by actual_formula (None: figures missing)
    actual_computed: bool = False  # the 完成值 comes from actual_formula, not from typed text
    counted: Decimal | None = None  # what the row adds to its group: the score held within its weight

    @property
    def explain(self) -> str:
        """One Chinese sentence: how the rule reached the score (made on demand)."""
        return explain_text(self.explain_source)


@dataclass
class Scores:
    """A draft's scores: each node, the 一级 groups, the total and the grade."""
    nodes: dict[str, NodeScore]
    groups: list[NodeScore]
    total: Decimal
    full_marks: Decimal
    grade: str
    complete: bool

    def leaves(self):
        return (n for n in self.nodes.values() if n.leaf)


def spec_of(node: IndicatorDef) -> RuleSpec:
    return node.rule or _MANUAL


def within(value: Decimal | None, weight: Decimal, kind: str) -> Decimal | None:
    """`value` held to what a row or group of `weight` can count: [0, weight], or
    [-weight, 0] for a penalty."""
    if value is None:
        return None
    low, high = (-weight, ZERO) if kind == "penalty" else (ZERO, weight)
    return min(max(value, low), high)


def params_of(node: IndicatorDef) -> dict:
    """Parsed rule parameters, cached on the (immutable in use) rule object."""
    spec = spec_of(node)
    cached = spec.__dict__.get("_params")
    if cached is None:
        cached = rule_params(spec)
        spec.__dict__["_params"] = cached
    return cached


def score_tree(t: Template, draft, tree: list[IndicatorDef], numbers: dict, cache: dict | None = None) -> Scores:
    """`cache` (owned by a Session, which drops a row's item whenever it edits that
    row) keeps each row's NodeScore while its definition object is the same: a
    keystroke then rescores one row, not a thousand. Rows that read computed
    figures are never cached."""
    places = t.score_decimals
    nodes: dict[str, NodeScore] = {}
    entries = draft.indicators

    def visit(node: IndicatorDef, depth: int, parent: str | None) -> NodeScore:
        if node.children or node.extensible:
            kids = [visit(c, depth + 1, node.id) for c in node.children]
            hit = cache.get(node.id) if cache is not None else None
            if hit is not None and hit[0] is node and len(hit[1]) == len(kids) \
                    and all(a is b for a, b in zip(hit[1], kids)):
                nodes[node.id] = hit[2]  # no row below changed: the subtotal stands
                return hit[2]
            scored = [k.counted for k in kids if k.counted is not None]
            derived = node.weight is None
            weight = sum((k.weight for k in kids), ZERO) if derived else node.weight
            counted = within(sum(scored, ZERO), weight, node.kind) if scored else None
            ns = NodeScore(node.id, node.name, weight, node.kind, depth, counted,
                           # a group with nothing beneath is not complete: its weight is still unscored
                           all(k.complete for k in kids) and (derived or weight == 0 or
                                                               sum((k.weight for k in kids), ZERO) > 0)
                           if (kids or derived) else False, parent=parent,
                           children=[k.id for k in kids], derived_weight=derived, counted=counted)
            if cache is not None:
                cache[node.id] = (node, kids, ns, None)
        else:
            hit = cache.get(node.id) if cache is not None else None
            if hit is not None and hit[0] is node and hit[2].parent == parent:
                ns = hit[2]
            else:
                ns = _leaf(t, node, depth, parent, entries.get(node.id), numbers, places)
                if cache is not None and not (node.actual_formula or spec_of(node).type == "execution_rate"):
                    cache[node.id] = (node, None, ns, None)
        nodes[node.id] = ns
        return ns

    groups = [visit(n, 1, None) for n in tree]
    total = sum((g.counted for g in groups if g.counted is not None), ZERO)
    total = min(max(total, ZERO), t.full_marks)  # penalties never take it below 0, nothing above full marks
    # With nothing scored yet there is no grade to show (not "差").
    scored_any = any(n.score is not None for n in nodes.values() if n.leaf)
    grade = t.grade_for(total) if scored_any else ""
    return Scores(nodes, groups, total, t.full_marks, grade, all(g.complete for g in groups))


def _leaf(t, node, depth, parent, entry, numbers, places) -> NodeScore:
    spec = spec_of(node)
    rule = rule_of(spec)
    target = (entry.target if entry and entry.target else None) or node.target or ""
    actual_value = numbers.get(f"{node.id}.actual") if node.actual_formula else None
    if actual_value is not None:
        # a computed rate is scored and shown as it is printed: two decimals (103.45%)
        actual_value = round_half_up(actual_value, 2)
    inp = score_input(entry, target, actual_value, numbers)
    result = rule.fn(node, inp, params_of(node))
    computed = round_half_up(result.score, places) if result.score is not None else None
    ns = NodeScore(node.id, node.name, node.weight, node.kind, depth, computed, computed is not None,
                   leaf=True, rule=spec.type, auto=rule.computes(spec), computed_score=computed,
                   explain_source=result.explain, missing=result.missing, target=target, parent=parent,
                   actual=actual_value, actual_computed=bool(node.actual_formula))
    if entry is not None and entry.override is not None:
        value = parse_number(entry.override.score).value
        if value is not None:
            ns.score = round_half_up(value, places)
            ns.overridden = True
            ns.complete = True
    ns.counted = within(ns.score, node.weight, node.kind)
    return ns

"""The clerk's own indicator rows (draft.extra_indicators): which rows are
theirs, and copies of those lists with one row added, changed or removed.
Pure data; the controller stores the result as one undo step."""

from __future__ import annotations

import uuid

from core.rules import RULES
from core.template import IndicatorDef, RuleSpec, walk_indicators

# The rules a clerk may pick for a row of their own, as the rule table words them.
RULE_CHOICES = [(r.name, r.addable) for r in RULES.values() if r.addable]


def own_ids(draft) -> dict[str, str]:
    """Every row the clerk added → the extensible template node it hangs under."""
    out = {}
    for key, rows in draft.extra_indicators.items():
        for _, node in walk_indicators(rows):
            out[node.id] = key
    return out


def new_row(name: str, weight, target: str = "", rule: str = "manual", criteria: str = "") -> IndicatorDef:
    return IndicatorDef(id=f"u{uuid.uuid4().hex[:10]}", name=name, weight=weight, target=target or None,
                        rule=RuleSpec(type=rule), criteria=criteria)


def new_group(name: str) -> IndicatorDef:
    """A 二级 group whose weight is the sum of the rows the clerk puts under it."""
    return IndicatorDef(id=f"u{uuid.uuid4().hex[:10]}", name=name, weight=None, extensible=True)


def with_child(rows: list[IndicatorDef], parent_id: str, child: IndicatorDef) -> list[IndicatorDef]:
    def add(node):
        if node.id == parent_id:
            return node.model_copy(update={"children": list(node.children) + [child]})
        return _map_children(node, add)
    return [add(n) for n in rows]


def without(rows: list[IndicatorDef], node_id: str) -> list[IndicatorDef]:
    out = []
    for node in rows:
        if node.id == node_id:
            continue
        kids = without(node.children, node_id)
        out.append(node if kids == node.children else node.model_copy(update={"children": kids}))
    return out


def changed(rows: list[IndicatorDef], node_id: str, **update) -> list[IndicatorDef]:
    def change(node):
        if node.id == node_id:
            return node.model_copy(update=update)
        return _map_children(node, change)
    return [change(n) for n in rows]


def _map_children(node: IndicatorDef, fn) -> IndicatorDef:
    if not node.children:
        return node
    kids = [fn(c) for c in node.children]
    if all(a is b for a, b in zip(kids, node.children)):
        return node
    return node.model_copy(update={"children": kids})

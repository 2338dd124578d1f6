"""Markers in the Excel layout (table.xlsx) and what they stand for.

A marker is ``{{name}}`` typed into a cell (see tools/build_xlsx_layout.py for
the author's view). This module only resolves names against the render
context; it knows nothing about openpyxl, so it is tested without a workbook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from core.errors import Problem

from core.format import DASH, money, num, pct

MARKER = re.compile(r"\{\{\s*([A-Za-z_][\w.]*)\s*\}\}")

# number formats for a marker cell whose layout format is General
FORMATS = {"money": "0.00", "percent": '0.00"%"', "integer": "0", "weight": "General", "number": "General",
           "score": "General"}
# how a number reads inside text (“（2021年度）”, “等级：优”)
INLINE = {"money": money, "percent": pct, "score": num}
FIELD_KINDS = {"money": "money", "percent": "percent", "integer": "integer", "decimal": "number"}


@dataclass(frozen=True)
class Value:
    raw: object          # Decimal, str or None, exactly as the context holds it
    kind: str            # money percent score weight integer number text

    def as_text(self) -> str:
        if self.raw is None:
            return ""
        if isinstance(self.raw, Decimal):
            return INLINE.get(self.kind, num)(self.raw)
        return str(self.raw)

    def cell_value(self):
        """What a cell holding only this marker gets: numbers stay numbers."""
        if self.raw is None or self.raw == "":
            return DASH if self.kind != "text" else None
        return self.raw


def list_of(name: str) -> str | None:
    """The repeating list a marker belongs to: 'ind', 'grp', 'grid.<id>' or None."""
    head = name.split(".")
    if head[0] in ("ind", "grp") and len(head) == 2:
        return head[0]
    if head[0] == "grid" and len(head) == 3:
        return f"grid.{head[1]}"
    return None


def items(list_name: str, ctx: dict) -> list[dict]:
    if list_name == "ind":
        return ctx["indicator_rows"]
    if list_name == "grp":
        return ctx["groups"]
    return ctx["grid"][list_name.split(".", 1)[1]]["rows"]


def known_list(list_name: str, ctx: dict) -> bool:
    return list_name in ("ind", "grp") or list_name.split(".", 1)[1] in ctx["grid"]


def _kind_of_key(key: str) -> str:
    if key == "score" or key == "total":
        return "score"
    if key in ("weight", "full_marks"):
        return "weight"
    return "text"


def resolve_item(name: str, item: dict, ctx: dict) -> Value:
    """`ind.score`, `grp.name`, `grid.spending.actual` against one list item."""
    key = name.rsplit(".", 1)[1]
    if name.startswith("grid."):
        if key == "label":
            return Value(item["label"], "text")
        for c in item["cells"]:
            if c["col"] == key:
                return Value(None if c["blank"] else c["value"], c["type"])
        raise KeyError(name)
    if key not in item:
        raise KeyError(name)
    kind = _kind_of_key(key)
    raw = item[key]
    if kind == "text" and isinstance(raw, Decimal):
        kind = "number"
    return Value(raw if raw is None or isinstance(raw, Decimal) else str(raw), kind)


def resolve(name: str, ctx: dict) -> Value:
    """A scalar name: a header field, `total`, `cell.<grid>.<row>.<col>`, `group.<id>.score` …"""
    parts = name.split(".")
    value = ctx
    for part in parts:
        if not isinstance(value, dict) or part not in value:
            raise KeyError(name)
        value = value[part]
    if isinstance(value, (dict, list)):
        raise KeyError(name)
    field_id = parts[-1] if parts[0] in ("f", parts[-1]) else None
    if parts[0] == "cell":
        grid = ctx["grid"][parts[1]]
        kind = next((c["type"] for c in grid["columns"] if c["id"] == parts[3]), "money")
    elif field_id and any(fd["id"] == field_id for fd in ctx["fields"]):
        ftype = next(fd["type"] for fd in ctx["fields"] if fd["id"] == field_id)
        kind = FIELD_KINDS.get(ftype, "text")
    else:
        kind = _kind_of_key(parts[-1])
    if kind == "text" and isinstance(value, Decimal):
        kind = "number"
    return Value(value if value is None or isinstance(value, Decimal) else str(value), kind)


def number_format(kind: str, ctx: dict) -> str | None:
    # A score is written as everywhere else (core.format.score: 95.9, 9.52, 8): the core
    # already rounded it, and General shows exactly those digits.
    return FORMATS.get(kind)


def unknown(where: str, name: str) -> Problem:
    return Problem("xlsx.marker", where, f"不认识的标记 {{{{{name}}}}}",
                   "检查拼写；可用的名称见 docs/render-context.md 和 tools/build_xlsx_layout.py 开头的说明")

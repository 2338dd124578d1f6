"""Addresses: where in a draft a value lives, parsed in one place.

    fields.<id>                         a header field
    grids.<grid>.<row>.<column>         a money cell
    indicators.<id>[.<part>[.<sub>]]    a row's target, actual, score, note, band, weight,
                                        checked.<item>, override[.score|.reason]
    sections.<id>                       a report section

The window moves focus by an address, the session reads and writes by it, a
finding names one; the clerk never sees one: `label()` says it in the words of
the form ("「预期目标」", "「项目资金」年度资金总额的全年预算数", "「开工率」的偏差原因").
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import clean_text

KINDS = ("fields", "grids", "indicators", "sections")
# What the clerk calls each part of an indicator row.
PART_LABELS = {"target": "指标值", "actual": "完成值", "score": "得分", "note": "偏差原因", "band": "评价档次",
               "weight": "分值", "checked": "勾选项", "override": "调整得分", "name": "指标名称"}


@dataclass(frozen=True)
class Address:
    """One address, split into its parts (see the module's list)."""
    kind: str
    id: str
    row: str = ""      # grids: the row; otherwise ""
    column: str = ""   # grids: the column
    part: str = ""     # indicators: target / actual / score / note / band / weight / checked / override
    sub: str = ""      # indicators: checked.<item>, override.<score|reason>

    @classmethod
    def parse(cls, text: str) -> "Address":
        """Raises KeyError for anything that is not an address (the session's contract)."""
        kind, _, rest = str(text).partition(".")
        if kind not in KINDS or not rest:
            raise KeyError(text)
        if kind == "grids":
            parts = rest.split(".")
            if len(parts) == 1:
                return cls(kind, parts[0])   # a whole grid (the window's page)
            if len(parts) != 3:
                raise KeyError(text)
            return cls(kind, parts[0], row=parts[1], column=parts[2])
        if kind == "indicators":
            ind, _, part = rest.partition(".")
            part, _, sub = part.partition(".")
            return cls(kind, ind, part=part, sub=sub)
        return cls(kind, rest)

    def __str__(self) -> str:
        if self.kind == "grids" and self.row:
            return f"grids.{self.id}.{self.row}.{self.column}"
        tail = "".join(f".{p}" for p in (self.part, self.sub) if p)
        return f"{self.kind}.{self.id}{tail}"


def label(t, address: str | Address, names: dict[str, str] | None = None) -> str:
    """The place as the clerk sees it. `names`: indicator id → name for the clerk's own
    rows (Scores.nodes gives them); the template's names are looked up otherwise."""
    a = address if isinstance(address, Address) else Address.parse(address)
    if a.kind == "fields":
        f = t.field(a.id)
        return f"「{f.label if f else a.id}」"
    if a.kind == "sections":
        title = next((s.title for _, s in t.report_sections() if s.id == a.id), a.id)
        return f"报告“{title}”"
    if a.kind == "grids":
        grid = t.grid(a.id)
        if grid is None:
            return f"「{a.id}」"
        if not a.row:
            return f"「{grid.title}」"
        row = next((r.label.strip() for r in grid.rows if r.id == a.row), a.row)
        col = next((c.label for c in grid.columns if c.id == a.column), a.column)
        return f"「{grid.title}」{row}的{col}"
    name = clean_text((names or {}).get(a.id) or _indicator_name(t, a.id)) or "（已删除的指标）"
    part = PART_LABELS.get(a.part)
    return f"「{name}」的{part}" if part else f"「{name}」"


def _indicator_name(t, indicator_id: str) -> str:
    from .template import walk_indicators
    return next((n.name for _, n in walk_indicators(t.indicators) if n.id == indicator_id), "")

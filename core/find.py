"""查找 (Ctrl+F) over what the clerk can see: header fields, money grid rows,
indicators (name, 指标值, 完成值, 偏差原因) and report text. Each hit names its
place the way the window does and carries the address the window jumps to."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .address import PART_LABELS
from .template import walk_indicators

CONTEXT = 14   # characters shown either side of a match in report text


@dataclass(frozen=True)
class Hit:
    address: str
    where: str     # 「基本信息 · 单位名称」
    text: str      # the matching text, or a window of it


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _snippet(text: str, query: str) -> str:
    at = _norm(text).find(query)
    if len(text) <= CONTEXT * 3 or at < 0:
        return text
    start, end = max(0, at - CONTEXT), min(len(text), at + len(query) + CONTEXT)
    return ("…" if start else "") + text[start:end].replace("\n", " ") + ("…" if end < len(text) else "")


def find(template, draft, tree, query: str) -> list[Hit]:
    q = _norm(query.strip())
    if not q:
        return []
    hits: list[Hit] = []

    def look(address, where, *texts):
        for text in texts:
            if text and q in _norm(str(text)):
                hits.append(Hit(address, where, _snippet(str(text), q)))
                return

    for group in template.field_groups:
        for f in group.fields:
            look(f"fields.{f.id}", f"{group.title} · {f.label}", draft.fields.get(f.id), f.label)
    for grid in template.grids:
        for row in grid.rows:
            values = draft.grids.get(grid.id, {}).get(row.id, {})
            for col in grid.columns:
                look(f"grids.{grid.id}.{row.id}.{col.id}", f"{grid.title} · {row.label.strip()} · {col.label}",
                     values.get(col.id))
            look(f"grids.{grid.id}.{row.id}.{grid.columns[0].id}", f"{grid.title} · {row.label.strip()}", row.label)
    parts = [(part, PART_LABELS[part]) for part in ("target", "actual", "note")]
    for _, node in walk_indicators(tree):
        entry = draft.indicators.get(node.id)
        look(f"indicators.{node.id}", f"绩效指标 · {node.name}", node.name)
        for part, label in parts:
            text = getattr(entry, part, None) if entry else None
            if part == "target":
                text = text or node.target
            look(f"indicators.{node.id}.{part}", f"绩效指标 · {node.name} · {label}", text)
    for _, section in template.report_sections():
        look(f"sections.{section.id}", f"自评报告 · {section.title}", draft.sections.get(section.id), section.title)
    return hits

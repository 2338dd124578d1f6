"""The figures of the 项目支出绩效自评结果汇总表 and of the report's starter text.

Pure arithmetic over folder entries (core/folder.py), with Decimals: the 合计
sums the money exactly, and its 执行率 is Σ执行 ÷ Σ预算 — never an average of
the rows' rates. Both the Excel/Word 汇总表 and the 部门整体 report's starter
sentence read these same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .folder import DRAFT, Entry
from .format import money, num, pct, pct1

GRADE_ORDER = ("优", "良", "中", "差")


@dataclass
class Summary:
    rows: list[Entry]                       # the drafts summed, in table order
    budget: Decimal                         # Σ 全年预算数 of rows that have one
    actual: Decimal                         # Σ 全年执行数 of rows that have one
    grades: dict[str, int]                  # 优/良/中/差 (and any other grade a template names) → count
    unscored: int                           # rows not yet fully scored
    failing: int                            # rows with 审核 errors
    skipped: list[Entry] = field(default_factory=list)   # files that are not usable drafts

    @property
    def rate(self) -> Decimal | None:
        return self.actual / self.budget * 100 if self.budget else None

    @property
    def count(self) -> int:
        return len(self.rows)


def audit_state(e: Entry) -> str:
    """The 审核状态 column: what a reviewer at the 财政局 needs to know."""
    parts = [f"未通过（{len(e.errors)}个错误）" if e.errors else "通过"]
    if not e.complete:
        parts.append("尚未评分完")
    if e.duplicates:
        parts.append("与" + "、".join(p.name for p in e.duplicates) + "为同一项目")
    return "；".join(parts)


def summarize(entries: list[Entry], kind: str | None = "project") -> Summary:
    """`kind`: only drafts of this template kind are rows ("project" for the 项目支出 table;
    a 部门整体 draft's money already contains its projects', so mixing them would count twice).
    None takes every draft."""
    rows = [e for e in entries if e.kind == DRAFT and (kind is None or e.template_kind == kind)]
    budget = sum((e.budget for e in rows if e.budget is not None), Decimal(0))
    actual = sum((e.actual for e in rows if e.actual is not None), Decimal(0))
    grades = {g: 0 for g in GRADE_ORDER}
    for e in rows:
        if e.complete and e.grade:
            grades[e.grade] = grades.get(e.grade, 0) + 1
    return Summary(rows, budget, actual, grades,
                   unscored=sum(1 for e in rows if not e.complete),
                   failing=sum(1 for e in rows if e.errors),
                   skipped=[e for e in entries if e.kind != DRAFT])


def table_rows(s: Summary) -> list[dict]:
    """One dict per row, every figure already written as the table shows it."""
    return [{"no": i, "project": e.title, "unit": e.unit, "department": e.department, "budget": money(e.budget), "actual": money(e.actual),
             "rate": pct(e.rate), "total": num(e.total), "grade": e.grade or "—", "audit": audit_state(e),
             "budget_value": e.budget, "actual_value": e.actual, "rate_value": e.rate, "total_value": e.total}
            for i, e in enumerate(s.rows, 1)]


def grade_line(s: Summary) -> str:
    """优 3 个、良 1 个、中 0 个、差 0 个（另有 1 个未评分完）"""
    parts = "、".join(f"{g}{n}个" for g, n in s.grades.items())
    return parts + (f"；另有{s.unscored}个尚未评分完" if s.unscored else "")


def starter_text(s: Summary) -> str:
    """The 部门整体 report's project paragraph, from the same figures as the 汇总表."""
    if not s.rows:
        return "本年度尚未对项目支出开展绩效自评。"
    counted = [f"{g}{n}个" for g, n in s.grades.items() if n]
    text = (f"本年度共对{s.count}个项目开展绩效自评，涉及资金{money(s.budget)}万元，"
            f"全年执行{money(s.actual)}万元，执行率{pct1(s.rate)}。")
    if counted:
        text += f"自评结果：{'、'.join(counted)}。"
    if s.unscored:
        text += f"另有{s.unscored}个项目尚未评分完。"
    doubled = sum(1 for e in s.rows if e.duplicates)
    if doubled:   # said here too, so it is not pasted into a report unnoticed
        text += f"（注意：其中{doubled}份草稿与另一份为同一项目，以上数字重复计算，请先删去多余的草稿。）"
    return text



def by_unit(entries: list[Entry], root, kind: str | None = "project") -> list[tuple[str, Summary]]:
    """A 主管部门's folder of 下属单位 sub-folders: one Summary per first-level sub-folder
    (drafts lying in the folder itself count as the department's own), in folder order."""
    from pathlib import Path
    root = Path(root)
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        rel = e.path.relative_to(root)
        groups.setdefault(rel.parts[0] if len(rel.parts) > 1 else "", []).append(e)
    return [(name, summarize(group, kind)) for name, group in sorted(groups.items())]

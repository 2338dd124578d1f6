"""Does the report text still agree with the data? A pure function, no Qt.

It looks for sentences a clerk typically writes about the total — "整体绩效
自评得分：95.9 分", "自评总分为 95.9 分", "等级为“优”" — and reports those that
no longer match the current total or grade (the text says 95.9, the total is
now 96.4). Per-group figures ("履职效能……得分：49 分") are not total-like and
are left alone. The 审核 check text.stale_total uses it, and the report page
highlights the place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .numbers import plain

# "整体绩效自评得分：95.9 分" / "自评总得分为95.9分" / "综合得分 95.9 分" / "总分为 95.9 分"
_TOTAL = re.compile(r"(?:整体|总体|综合|总)[^。；;，,\n\d]{0,10}?(?:得分|评分|总分)(?!值)[为是：:\s]*"
                    r"(\d+(?:\.\d+)?)\s*分|(?:自评总分|总得分|总分)(?!值)[为是：:\s]*(\d+(?:\.\d+)?)\s*分")
_GRADE = r"(?:评价)?等级(?:为|是|：|:|评定为|评为)\s*[“\"「『]?({names})[”\"」』]?"


@dataclass(frozen=True)
class Mismatch:
    kind: str      # "total" | "grade"
    said: str
    now: str
    start: int
    end: int

    @property
    def message(self) -> str:
        if self.kind == "total":
            return f"文中写的总得分 {self.said} 分与当前总分 {self.now} 分不一致"
        return f"文中写的等级“{self.said}”与当前等级“{self.now}”不一致"


def mismatches(text: str, total: Decimal | None, grade: str, grade_names: list[str],
               full_marks: Decimal | None = None) -> list[Mismatch]:
    """`full_marks`: a bare "总分100分" equal to it describes the scale, not the result."""
    out: list[Mismatch] = []
    if not text:
        return out
    if total is not None:
        for m in _TOTAL.finditer(text):
            said = m.group(1) or m.group(2)
            try:
                value = Decimal(said)
            except InvalidOperation:
                continue
            if m.group(2) and full_marks is not None and value == full_marks:
                continue
            if value != total:
                out.append(Mismatch("total", said, plain(total), m.start(), m.end()))
    names = sorted((n for n in grade_names if n), key=len, reverse=True)
    if grade and names:
        pattern = re.compile(_GRADE.format(names="|".join(re.escape(n) for n in names)))
        for m in pattern.finditer(text):
            if m.group(1) != grade:
                out.append(Mismatch("grade", m.group(1), grade, m.start(), m.end()))
    return out

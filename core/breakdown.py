"""审核 of amounts stated in prose: "共申请预算资金90万元。其中：30万元……；30万元……".

Published 项目支出绩效自评表 state a total in the goal text and list its parts
after “其中”; the parts often fail to add up (a real 2022 table lists
30 + 30 + 29.99 = 89.99 under a stated 89.97). Only fields the template marks
`check_breakdown: true` are read, and a mismatch is a warning: prose is read
by pattern, not understood.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|元)")
_AMONG = re.compile(r"其中\s*[:：,，]?")
_PER_UNIT = {"万元": Decimal(10000), "元": Decimal(1)}
# Half a unit of the last printed place: 89.97 万元 may stand for 89.974.
_TOLERANCE = {"万元": Decimal("0.005"), "元": Decimal("0.5")}


@dataclass(frozen=True)
class Mismatch:
    total: Decimal        # as written, in `unit`
    parts_sum: Decimal    # in `unit`
    parts: tuple[Decimal, ...]
    unit: str


def _amounts(text: str) -> list[tuple[int, Decimal, str]]:
    return [(m.start(), Decimal(m.group(1).replace(",", "")), m.group(2)) for m in _AMOUNT.finditer(text)]


def mismatches(text: str | None) -> list[Mismatch]:
    """Each “total …其中 part; part; part。” whose parts (two or more) do not add up."""
    out: list[Mismatch] = []
    if not text:
        return out
    for para in unicodedata.normalize("NFKC", text).split("\n"):
        start = 0  # amounts before the end of the previous list are not a later list's total
        for m in _AMONG.finditer(para):
            before = _amounts(para[start:m.start()])
            end = para.find("。", m.end())
            end = len(para) if end < 0 else end
            start = end
            segment = para[m.end():end]
            if not before or "包括" in segment:
                continue  # no stated total, or a nested breakdown we would misread
            parts = _amounts(segment)
            if len(parts) < 2:
                continue
            _, total, unit = before[-1]
            parts_sum = sum((v * _PER_UNIT[u] for _, v, u in parts), Decimal(0)) / _PER_UNIT[unit]
            if abs(parts_sum - total) > _TOLERANCE[unit]:
                out.append(Mismatch(total, parts_sum, tuple(v for _, v, _ in parts), unit))
    return out

"""指标值 as clerks write them: "每年不少于2000件", "≤5%", "低于20%", "定性"."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .numbers import parse_number

# Longer phrases first, so "不低于" is not read as "低于".
_OPERATORS: list[tuple[str, str]] = [
    ("大于或等于", "≥"), ("大于等于", "≥"), ("不少于", "≥"), ("不低于", "≥"), ("不小于", "≥"),
    ("至少", "≥"), ("以上", "≥"), (">=", "≥"), ("≥", "≥"), ("⩾", "≥"),
    ("小于或等于", "≤"), ("小于等于", "≤"), ("不多于", "≤"), ("不高于", "≤"), ("不大于", "≤"),
    ("不超过", "≤"), ("至多", "≤"), ("以内", "≤"), ("以下", "≤"), ("<=", "≤"), ("≤", "≤"), ("⩽", "≤"),
    ("低于", "<"), ("少于", "<"), ("小于", "<"), ("<", "<"),
    ("高于", ">"), ("多于", ">"), ("大于", ">"), ("超过", ">"), (">", ">"),
    ("等于", "="), ("达到", "="), ("=", "="),
]
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
QUALITATIVE_WORDS = ("定性", "好", "高", "中", "差", "优", "良", "达标", "合格", "显著", "有效", "明显")


@dataclass(frozen=True)
class Target:
    text: str
    op: str | None           # ≥ ≤ = < > ; None when qualitative
    value: Decimal | None
    unit: str

    @property
    def qualitative(self) -> bool:
        return self.value is None

    @property
    def lower_is_better(self) -> bool:
        return self.op in ("≤", "<")


@lru_cache(maxsize=65536)
def parse_target(text: str | None) -> Target | None:
    """Read operator, number and unit; a target with no number is qualitative."""
    if text is None or not str(text).strip():
        return None
    raw = str(text).strip()
    s = unicodedata.normalize("NFKC", raw)
    m = _NUMBER.search(s)
    if not m:
        return Target(raw, None, None, "")
    before, after = s[: m.start()], s[m.end():].lstrip()
    op = "="
    for phrase, symbol in _OPERATORS:
        if phrase in before or (phrase in ("以上", "以内", "以下") and after.startswith(phrase, _unit_len(after))):
            op = symbol
            break
    unit = _leading_unit(after)
    return Target(raw, op, Decimal(m.group()), unit)


def _leading_unit(after: str) -> str:
    return after[: _unit_len(after)]


def _unit_len(after: str) -> int:
    """The unit is the short run of symbols/letters right after the number (%, 件, 次, 万元…)."""
    n = 0
    for ch in after:
        if ch in "，,。;；、（）() " or ch.isdigit() or n >= 3:
            break
        if after.startswith(("以上", "以内", "以下", "处置", "不留"), n):
            break
        n += 1
    return n


def parse_actual(text: str | None) -> Decimal | None:
    """The number in a 完成值 ("2156件", "100%处置"), or None when there is none."""
    if text is None:
        return None
    direct = parse_number(text)
    if direct.value is not None:
        return direct.value
    m = _NUMBER.search(unicodedata.normalize("NFKC", str(text)))
    return Decimal(m.group()) if m else None

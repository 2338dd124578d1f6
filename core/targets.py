"""指标值 as clerks write them: "每年不少于2000件", "≤5%", "低于20%", "定性"."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .numbers import MAX_ABS, parse_number

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
# "1,000" is one thousand (a comma that groups thousands), "95,9" is not a number here.
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?")
# a number that is part of a date ("2022年底前", "11月", the "1" of "1-12月") is not the target value
_DATE_UNIT = re.compile(r"\s*(?:[-—–~～至到]\s*\d+\s*)?[年月日号]")
# A figure a reader cannot take at face value: a letter glued before it ("fresh291"),
# template or formula syntax around it ("{{ 7*7 }}").
_UNREADABLE = re.compile(r"[A-Za-z]\d|[{}\[\]*^|\\]")


# Units clerks write after a figure, longest first so 人次 is not read as 人.
_UNITS = sorted((
    "%", "‰", "百分比", "百分点", "个百分点", "个", "件", "次", "人次", "人", "户", "家", "项", "所", "座", "台", "套", "辆",
    "张", "份", "本", "册", "场", "期", "批", "篇", "条", "处", "名", "支", "块", "棵", "株", "头", "只", "盏",
    "天", "日", "小时", "分钟", "个月", "月", "年", "周", "个工作日", "工作日",
    "公里", "千米", "米", "延米", "平方米", "平方公里", "立方米", "亩", "万亩", "公顷", "吨", "万吨", "千克", "公斤",
    "万元", "亿元", "千元", "元", "万人", "万人次", "万户", "千瓦", "兆瓦", "kW", "km", "m", "㎡", "m2", "m³",
), key=len, reverse=True)
# One unit written two ways: "≥100百分比" is a percentage, "5m" is 5米.
_SAME_UNIT = {"百分比": "%", "m": "米", "km": "公里", "千米": "公里", "㎡": "平方米", "m2": "平方米",
              "m³": "立方米", "公斤": "千克", "kW": "千瓦", "日": "天"}


@dataclass(frozen=True)
class Target:
    """A 指标值 as read: its comparison, number and unit; no number means qualitative."""
    text: str
    op: str | None           # ≥ ≤ = < > ; None when qualitative
    value: Decimal | None
    unit: str

    @property
    def qualitative(self) -> bool:
        return self.value is None

    @property
    def lower_is_better(self) -> bool:
        """≤ and < targets; and "= 0" ones ("安全事故0起"), where any actual above 0 falls short."""
        return self.op in ("≤", "<") or (self.op == "=" and self.value == 0)

    def met(self, actual: Decimal) -> bool:
        """Whether `actual` reaches the target ("=" targets are reached from above, as the
        ratio rule scores them; "= 0" is one lower-is-better)."""
        if self.value is None:
            return False
        if self.op == "<":
            return actual < self.value
        if self.op == ">":
            return actual > self.value
        return actual <= self.value if self.lower_is_better else actual >= self.value


@lru_cache(maxsize=65536)
def parse_target(text: str | None) -> Target | None:
    """Read operator, number and unit; a target with no number is qualitative."""
    if text is None or not str(text).strip():
        return None
    raw = str(text).strip()
    s = unicodedata.normalize("NFKC", raw)
    m = _target_number(s)
    if not m:
        return Target(raw, None, None, "")
    before, after = s[: m.start()], s[m.end():].lstrip()
    op = "="
    for phrase, symbol in _OPERATORS:
        if phrase in before or (phrase in ("以上", "以内", "以下") and after.startswith(phrase, _unit_len(after))):
            op = symbol
            break
    unit = _leading_unit(after)
    return Target(raw, op, _decimal(m.group()), unit)


def _target_number(s: str):
    """The number right after an operator phrase ("2022年底前培训不少于30人次" → 30),
    else the first one that is not part of a date."""
    for phrase, _ in _OPERATORS:
        at = s.find(phrase)
        if at >= 0:
            m = _NUMBER.match(s, at + len(phrase))
            if m is None:
                m = re.compile(r"\s*").match(s, at + len(phrase))
                m = _NUMBER.match(s, m.end())
            if m is not None and not _DATE_UNIT.match(s, m.end()):
                return m
    for m in _NUMBER.finditer(s):
        if not _DATE_UNIT.match(s, m.end()):
            return m
    return None


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _leading_unit(after: str) -> str:
    unit = after[: _unit_len(after)]
    return _SAME_UNIT.get(unit, unit)


def _unit_len(after: str) -> int:
    """The unit is a known one right after the number, with a "/人"-style denominator
    ("2次宣传" is 次, "0.5万元/人" is 万元/人); else the short run of symbols/letters there."""
    known = _known_unit_len(after)
    if known:
        return known
    n = 0
    for ch in after:
        if ch in "，,。;；、（）() " or ch.isdigit() or n >= 3:
            break
        if after.startswith(("以上", "以内", "以下", "处置", "不留"), n):
            break
        n += 1
    return n


def _known_unit_len(after: str) -> int:
    """The length of the known unit, with its "/unit", that `after` starts with; else 0.
    Not a regex: compiling the alternation of every unit (twice) was ~1.3 ms of start-up."""
    unit = _unit_at(after, 0)
    per = _unit_at(after, len(unit) + 1) if unit and after.startswith("/", len(unit)) else ""
    return len(unit) + (1 + len(per) if per else 0)


def _unit_at(text: str, at: int) -> str:
    return next((u for u in _UNITS if text.startswith(u, at)), "")   # longest first


def parse_actual(text: str | None) -> Decimal | None:
    """The number in a 完成值 ("2156件", "100%处置"), or None when there is none or it
    cannot be read (actual_problem says why)."""
    return _read_actual(text)[0]


def actual_problem(text: str | None) -> str:
    """Why a 完成值 with digits in it gives no number ("fresh291", "{{ 7*7 }}"); "" otherwise."""
    return _read_actual(text)[1]


@lru_cache(maxsize=65536)
def _read_actual(text: str | None) -> tuple[Decimal | None, str]:
    if text is None:
        return None, ""
    direct = parse_number(text)
    if direct.value is not None or not direct.error:
        return direct.value, ""   # a plain figure, or empty / "—" / "/"
    s = unicodedata.normalize("NFKC", str(text))
    m = _target_number(s)
    if m is None:
        return None, ""           # words only: a qualitative 完成值
    if _UNREADABLE.search(s):
        return None, "其中的数字夹在字母或符号中间，无法读出"
    value = _decimal(m.group())
    # "30000000000000000000000000件" is a slip, as parse_number says; 审核 arithmetic on it overflowed
    if abs(value) >= MAX_ABS:
        return None, "数值过大，请检查单位"
    return value, ""


# -- 指标值 in three cells: 指标性质 (the sign) | 指标值 | 度量单位 (Sichuan 510000_0013zp) ----------

# the signs a table writes in a cell of their own: "≥", ">=", "≧", "＝" …
_SIGN_OF = {phrase: symbol for phrase, symbol in _OPERATORS if not phrase.isalpha()}
_SIGN_OF.update({"≧": "≥", "≦": "≤"})
# (compiled by re on first use, not at start-up, as _PROGRESS below)
_CANONICAL = r"^\s*(>=|<=|[≥≤=<>⩾⩽≧≦])?\s*(" + _NUMBER.pattern + r")\s*(\S{0,6}?)\s*$"


def sign_of(text: str | None) -> str | None:
    """The comparison a cell holds on its own ("≥", ">=", "＝"), or None."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    return _SIGN_OF.get(s)


@dataclass(frozen=True)
class TargetParts:
    """A 指标值 in the three cells some tables print it in: sign | value | unit."""
    sign: str      # ≥ ≤ = > < , or "" when the text has none
    value: str     # the number as written
    unit: str


def split_target(text: str | None) -> TargetParts | None:
    """"≥95%" → (≥, 95, %): a target that is only a sign, a number and a unit, as the
    three-cell tables print it; None for anything worded ("每年不少于2000件", "好")."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    m = re.match(_CANONICAL, s)
    if m is None:
        return None
    unit = m.group(3)
    if unit and (unit[0].isdigit() or _unit_len(unit) != len(unit)):
        return None
    return TargetParts(_SIGN_OF.get(m.group(1) or "", ""), m.group(2), unit)


def compose_target(sign: str, value: str, unit: str) -> str:
    """The one 指标值 text kept in the draft, from the three cells. A value typed with
    its own sign or unit ("≥95%") keeps them; a worded one is kept as written, with the
    unit after it when it ends in its figure ("不低于95" and "%" → "不低于95%")."""
    v, unit = (value or "").strip(), (unit or "").strip()
    if not v:
        return ""
    parts = split_target(v)
    if parts is None:
        return v + unit if unit and v[-1].isdigit() else v
    return f"{parts.sign or sign or ''}{parts.value}{parts.unit or unit}"


def unit_problem(unit: str | None) -> str:
    """Why a 度量单位 cell cannot be one ("2次" would glue its 2 onto the figure), or ""."""
    if any(ch.isdigit() for ch in unicodedata.normalize("NFKC", unit or "")):
        return "度量单位不能含数字（数字请填在指标值中）"
    return ""


# -- a 完成值 that cannot be set against its 指标值 ----------------------------------------------

# progress, not the figure reached: "已完成100%", "100%完成"
_PROGRESS = r"(?:已经?|全部|均已)?完成(?:进度)?(?:了)?\d+(?:\.\d+)?%|\d+(?:\.\d+)?%(?:已经?)?完成"
_MONEY_UNITS = ("元", "万元", "亿元", "千元")


def is_progress(text: str | None) -> bool:
    s = re.sub(r"[\s，,。；;]+", "", unicodedata.normalize("NFKC", text or ""))
    return bool(re.fullmatch(_PROGRESS, s))


def incomparable(target: Target | None, actual_text: str | None) -> str:
    """Why a typed 完成值 cannot be divided by a numeric 指标值, or "": a share against a
    count ("已完成100%" or "100%" against "2次"), 元 against 万元. Count words that differ
    (处 / 个) stay comparable; 审核 only warns about them."""
    if target is None or target.value is None or not (actual_text or "").strip():
        return ""
    if target.unit != "%" and is_progress(actual_text):
        return "只写了完成进度"
    actual = parse_target(actual_text)
    a, t = (actual.unit if actual else ""), target.unit
    (a_base, _, a_per), (t_base, _, t_per) = a.partition("/"), t.partition("/")
    money = a_base in _MONEY_UNITS and t_base in _MONEY_UNITS and a_per == t_per   # 元/人 against 万元/人 too
    if a and t and a != t and ("%" in (a, t) or money):
        return f"以“{a}”计，指标值以“{t}”计"
    return ""

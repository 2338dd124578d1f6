"""Reading numbers the clerk typed, and rounding them the way finance offices do."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

# Beyond this a typed figure is surely a slip (万元 amounts, scores, percents).
MAX_ABS = Decimal("1e12")
MAX_PLACES = 6

_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_GROUPED_SPACE = r"[+-]?\d{1,3}( \d{3})+(\.\d+)?"  # 1 391 039.03; compiled by re on first use
# What published tables write in a cell that has no figure: "nothing here", not an error.
EMPTY_MARKS = frozenset({"-", "—", "——", "–", "－", "/", "／", "*", "＊", "无"})
# Unit words a clerk may type after a number; they carry no meaning here.
_SUFFIXES = ("万元", "元", "分", "%", "个", "件", "次", "人", "项")  # after NFKC: ％ is already %


class Parsed(NamedTuple):
    value: Decimal | None
    error: str | None  # Chinese, for the clerk; None when the text is empty or fine


def round_half_up(value: Decimal, places: int) -> Decimal:
    """四舍五入 to `places` decimals, exactly (never through binary floats). A value too
    large to have decimals (a hand-edited 1e999999999) is returned as it is: quantizing it
    would overflow, and every check already refuses it as a slip."""
    if not value.is_finite() or value.adjusted() >= _HUGE:
        return value
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


_HUGE = 24  # digits before the point beyond which nothing is rounded or written out in full


@lru_cache(maxsize=65536)
def parse_number(text: str | None) -> Parsed:
    """Parse a typed number: full-width digits and spaces are accepted, a comma
    that could be a decimal point is refused rather than guessed."""
    if text is None:
        return Parsed(None, None)
    raw = str(text)
    s = unicodedata.normalize("NFKC", raw).strip()
    if not s or s in EMPTY_MARKS or raw.strip() in EMPTY_MARKS:
        return Parsed(None, None)
    for suffix in _SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix):
            s = s[: -len(suffix)].strip()
            break
    if " " in s:  # "95 9" is 95.9 missing its point as likely as 959: refuse, as for the comma
        if not re.fullmatch(_GROUPED_SPACE, s):
            return Parsed(None, f"“{_short(raw)}”中间有空格，无法判断原意，请改写，例如 95.9")
        s = s.replace(" ", "")
    if "," in s:
        if not _GROUPED.fullmatch(s):
            return Parsed(None, f"“{raw.strip()}”中的逗号无法判断是小数点还是千位分隔符，请改写，例如 95.9")
        s = s.replace(",", "")
    if not _PLAIN.fullmatch(s):
        return Parsed(None, f"“{_short(raw)}”不是数字，请只填写阿拉伯数字和小数点")
    try:
        value = Decimal(s)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
        return Parsed(None, f"“{_short(raw)}”不是数字")
    if abs(value) >= MAX_ABS:
        return Parsed(None, f"“{_short(raw)}”数值过大，请检查单位（金额以万元填写）")
    if -value.as_tuple().exponent > MAX_PLACES:
        return Parsed(None, f"“{_short(raw)}”小数位过多（最多 {MAX_PLACES} 位）")
    return Parsed(value + 0, None)  # +0 drops a negative zero


def _short(text: str, limit: int = 20) -> str:
    text = str(text).strip()
    return text if len(text) <= limit else text[:limit] + "…"


def plain(value: Decimal) -> str:
    """A Decimal as a person writes it: no exponent, no trailing zeros (95.90 → 95.9).
    An absurd magnitude keeps its exponent rather than become a billion zeros."""
    if not value.is_finite() or abs(value.adjusted()) >= _HUGE:
        return str(value)
    return format(value.normalize(), "f")


_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"  # compiled by re on first use, not at start-up


def parse_date(text: str | None):
    """2022-03-01, 2022/3/1, 2022.3.1, 2022年3月1日 → datetime.date; anything else → None."""
    import datetime

    if not text:
        return None
    m = re.fullmatch(_DATE, unicodedata.normalize("NFKC", str(text)).strip())
    if not m:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None

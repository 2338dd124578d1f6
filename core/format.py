"""How the program writes figures: the same on screen, in Word, Excel and print.

Pure functions over values the core computed (no arithmetic of their own but
rounding for display). The Jinja filters (exporters/env.py) and the window
(ui/fmt.py) both use these.
"""

from __future__ import annotations

from decimal import Decimal

from .numbers import plain, round_half_up

DASH = "—"
CN_DIGITS = "零一二三四五六七八九"


def money(value, places: int = 2) -> str:
    """万元 with two decimals, no thousands separator: 1391.03, 0.00."""
    if value is None or value == "":
        return DASH
    return f"{round_half_up(Decimal(value), places):f}"


def pct(value, places: int = 2) -> str:
    """A rate already in percent units, two decimals for tables: 100.00%."""
    if value is None or value == "":
        return DASH
    return f"{round_half_up(Decimal(value), places):f}%"


def pct1(value) -> str:
    """A rate in prose: one decimal, trailing zeros dropped: 10.6%, 100%."""
    if value is None or value == "":
        return DASH
    return f"{plain(round_half_up(Decimal(value), 1))}%"


def num(value) -> str:
    """A score, weight or count as every output and the screen write it: 95.9, 49, 9.52
    (the core already rounded it to the template's score_decimals; no trailing zeros)."""
    if value is None or value == "":
        return DASH
    return plain(Decimal(value))


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for outline headings)."""
    n = int(n)
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return f"{head}十{CN_DIGITS[ones] if ones else ''}"


def heading_number(depth: int, index: int) -> str:
    """GB/T 9704 outline numbering: 一、 （一） 1. （1）"""
    if depth == 1:
        return f"{cn_number(index)}、"
    if depth == 2:
        return f"（{cn_number(index)}）"
    if depth == 3:
        return f"{index}."
    return f"（{index}）"


score = num  # the one way a score is written: screen (ui/fmt.py), Word and print (|score), Excel (General)

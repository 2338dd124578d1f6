"""The score proposed when the clerk picks a 评价档次 (达成 / 部分达成 / 未达成):
the band's top, which the clerk may lower inside the band. The limits are the
rule's own (core.rules.band_range); a band open at the top (部分达成 [3, 4))
proposes one tenth below it, scores being written to one decimal."""

from __future__ import annotations

from decimal import Decimal

from .numbers import parse_number
from .rules import CLOSED_AT_TOP, band_range, in_band

STEP = Decimal("0.1")


def proposed_score(node, band: str | None, typed: str | None = None) -> Decimal | None:
    """The score to put in with `band`, or None to leave the clerk's `typed` score
    (already inside the band) or when the band is unknown or cleared."""
    rng = band_range(node, band) if band else None
    if rng is None:
        return None
    current = parse_number(typed).value if typed else None
    if current is not None and in_band(node, band, current):
        return None
    lo, hi = rng
    return hi if band in CLOSED_AT_TOP else max(lo, hi - STEP)

"""How figures the core computed are shown on screen (never computed here)."""

from __future__ import annotations

from decimal import Decimal

from core.format import DASH, money
from core.format import score
from core.format import pct as percent
from core.numbers import plain

__all__ = ["DASH", "money", "percent", "score", "weight"]  # the window's names for the shared formatters


def weight(value: Decimal | int | None) -> str:
    return "" if value is None else plain(Decimal(value))

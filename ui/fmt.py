"""How figures the core computed are shown on screen (never computed here)."""

from __future__ import annotations

from decimal import Decimal

from core.numbers import plain, round_half_up

DASH = "—"


def money(value: Decimal | None) -> str:
    """万元, two decimals: 1391.03, 0.00."""
    return DASH if value is None else f"{round_half_up(value, 2):f}"


def percent(value: Decimal | None) -> str:
    return DASH if value is None else f"{round_half_up(value, 2):f}%"


def score(value: Decimal | None) -> str:
    """Scores are already rounded by the core: 95.9, 49, 26.9."""
    return DASH if value is None else plain(value)


def weight(value: Decimal | int | None) -> str:
    return "" if value is None else plain(Decimal(value))

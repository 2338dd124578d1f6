"""Figures typed with more decimals than the table shows (510.123 in a 万元 table
printed to two places): the value is kept as typed, and the window says so
rather than show 510.12 without a word."""

from __future__ import annotations

from .numbers import parse_number


def extra_places(text: str | None, places: int) -> int:
    """How many decimals of a typed figure the table will not show (0 when none,
    or when the text is not a number)."""
    value = parse_number(text).value
    if value is None:
        return 0
    return max(0, -value.normalize().as_tuple().exponent - places) if value else 0

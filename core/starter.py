"""A section's standard wording (插入标准表述) is only worth inserting once its
figures are there: a figure not yet filled prints as “—”, and text with such
gaps, once in the report, looks finished and hides the section's 尚未填写
reminder. This finds the gaps, each with a few words around it."""

from __future__ import annotations

import re

from .format import DASH

_GAP = re.compile(rf"(?<!{DASH}){DASH}(?!{DASH})")   # "——" is punctuation, not a gap
AROUND = 8


def figure_gaps(text: str) -> list[str]:
    """The places where a figure is missing, as “…其他收入—万元…”."""
    out = []
    for m in _GAP.finditer(text or ""):
        start, end = max(0, m.start() - AROUND), min(len(text), m.end() + AROUND)
        out.append(("…" if start else "") + text[start:end].replace("\n", " ") + ("…" if end < len(text) else ""))
    return out

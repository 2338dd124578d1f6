"""The clerk is told which characters the PDF/print cannot show on this PC,
instead of finding a blank on paper."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from core.evaluate import evaluate  # noqa: E402
from exporters.context import build  # noqa: E402
from exporters.printing import document, undrawable, undrawable_note  # noqa: E402

EXT_B = "𠀀"


def _has_font_for(ch: str) -> bool:
    from PySide6.QtGui import QFont, QFontDatabase, QRawFont
    from exporters.printing import ensure_app
    ensure_app()
    return any(QRawFont.fromFont(QFont(f)).supportsCharacter(ord(ch)) for f in QFontDatabase.families())


def test_the_sample_prints_every_character(gd_template, sample_draft):
    ctx = build(gd_template, sample_draft, evaluate(gd_template, sample_draft))
    assert undrawable(document(gd_template, ctx)) == []
    assert undrawable_note(gd_template, ctx) is None


def test_a_character_no_font_has_is_named(gd_template, sample_draft):
    if _has_font_for(EXT_B):
        pytest.skip("this machine has a font for CJK Extension B; nothing would print blank")
    sample_draft.indicators["t2_cases"].note += f" {EXT_B} 甲"
    ctx = build(gd_template, sample_draft, evaluate(gd_template, sample_draft))
    assert undrawable(document(gd_template, ctx)) == [EXT_B]
    note = undrawable_note(gd_template, ctx)
    assert EXT_B in note and "甲" not in note

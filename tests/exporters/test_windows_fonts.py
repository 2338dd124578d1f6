"""Windows' fonts for what 宋体/仿宋 cannot draw, substituted on Linux: a CJK
Extension B character prints through SimSun-ExtB and a new emoji through
Segoe UI Emoji, so on a Windows PC the PDF has no blank and the clerk gets no
"本机没有能显示" note. Stand-in fonts with those family names (one box glyph
per character, made with fontTools) are registered the way Windows has them,
in a fresh process so this process's font list stays as it was."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXT_B, EMOJI = "𠀀", "🫠"   # U+20000 (SimSun-ExtB), U+1FAE0 melting face (Segoe UI Emoji, Unicode 14)

SCRIPT = r"""
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[1])
from exporters.printing import ensure_app, document, undrawable, undrawable_note
ensure_app()
from PySide6.QtGui import QFontDatabase
families = []
for font in sys.argv[3:]:
    families += QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(font))
from core.evaluate import evaluate
from core.registry import load_template
from core.store import read_draft
from exporters.api import export_bytes
from exporters.context import build
template = load_template(os.path.join(sys.argv[1], "templates", "gd-dept-overall"))
draft = read_draft(os.path.join(sys.argv[1], "samples", "gd-huadu-xinfang-2021.json"))
draft.indicators["t2_cases"].note += " " + sys.argv[2] + " 甲"
result = evaluate(template, draft)
ctx = build(template, draft, result)
open(os.path.join(os.path.dirname(sys.argv[3]) if len(sys.argv) > 3 else ".", "out.pdf"), "wb").write(
    export_bytes("pdf", template, draft, result, ctx))
print(json.dumps({"families": families, "undrawable": undrawable(document(template, ctx)),
                  "note": undrawable_note(template, ctx)}, ensure_ascii=False))
"""


def make_font(path: Path, family: str, text: str) -> Path:
    """A TrueType font named `family` with a box glyph for each character of `text`."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def box():
        pen = TTGlyphPen(None)
        pen.moveTo((100, 0)), pen.lineTo((100, 800)), pen.lineTo((900, 800)), pen.lineTo((900, 0)), pen.closePath()
        return pen.glyph()

    names = [".notdef"] + [f"u{ord(ch):X}" for ch in text]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(ch): f"u{ord(ch):X}" for ch in text})
    fb.setupGlyf({name: box() for name in names})
    fb.setupHorizontalMetrics({name: (1000, 100) for name in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.save(str(path))
    return path


def run(tmp_path: Path, text: str, *fonts: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT), text, *map(str, fonts)], capture_output=True,
                          text=True, encoding="utf-8", timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("family,ch", [("SimSun-ExtB", EXT_B), ("Segoe UI Emoji", EMOJI)])
def test_windows_font_prints_what_simsun_cannot(tmp_path, family, ch):
    pytest.importorskip("fontTools")
    without = run(tmp_path, ch)
    if without["undrawable"] == []:
        pytest.skip(f"this machine already has a font for {ch!r}: the substitution proves nothing here")
    assert without["undrawable"] == [ch] and family in without["note"]   # the note names the Windows font
    fonts_without = (tmp_path / "out.pdf").read_bytes().count(b"/FontFile2")

    font = make_font(tmp_path / "winfont.ttf", family, ch)
    with_font = run(tmp_path, ch, font)
    assert with_font["families"] == [family]
    assert with_font["undrawable"] == [] and with_font["note"] is None
    # and the PDF embeds the stand-in font beside the page's own, instead of leaving a blank
    pdf = (tmp_path / "out.pdf").read_bytes()
    assert pdf.count(b"/FontFile2") == fonts_without + 1

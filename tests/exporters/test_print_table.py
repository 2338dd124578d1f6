"""exporters/print_table.py: the long indicator table laid out and painted by the
program gives the pages QTextDocument gave (test_print_pages_unchanged holds the
default path to the recorded pages; here every sample is forced through the
program's table too), and layouts it cannot reproduce fall back to QTextDocument."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from exporters import pdf, printing, print_table  # noqa: E402
from tests.exporters.test_pdf import many_rows, pdf_file, squeeze  # noqa: E402
from tests.exporters.test_print_pages_unchanged import CASES, EXPECTED, HASHED, _context, pages_of  # noqa: E402


def _drawn(template, ctx):
    """The program's layout of the long table, or None (QTextDocument's)."""
    return print_table.laid_out(template, ctx, printing.html(template, ctx), printing.body_height(), 3)


@pytest.mark.parametrize("case", [c for c in CASES if c not in HASHED])
def test_every_sample_drawn_by_the_program_prints_the_recorded_pages(case, tmp_path, monkeypatch):
    monkeypatch.setattr(print_table, "LONG_ROWS", 0)      # even a sample's short table
    assert _drawn(*_context(case)) is not None
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))[case]
    assert pages_of(case, tmp_path) == expected


def test_a_long_table_is_drawn_by_the_program_where_qt_would_place_it(gd_template, sample_draft):
    from PySide6.QtGui import QTextTable
    ctx = many_rows(gd_template, sample_draft, 150)
    drawn, pages = _drawn(gd_template, ctx)
    qt = printing.document(gd_template, ctx)
    table = [f for f in qt.rootFrame().childFrames() if isinstance(f, QTextTable)][drawn.index]
    grid, rects = print_table._Grid(drawn.table, []), qt.documentLayout()
    segments = list(grid.segments())
    assert len(segments) == sum(1 for r in range(table.rows()) for c in range(table.columns())
                                if (table.cellAt(r, c).row(), table.cellAt(r, c).column()) == (r, c))
    for seg in segments:          # the first line of every cell, to 1/100 px
        cell = table.cellAt(seg.row, seg.cell.column)
        assert seg.top == pytest.approx(rects.blockBoundingRect(cell.firstCursorPosition().block()).top(), abs=0.01)
    assert len(pages) > 3 and pages[1].header is not None


@pytest.mark.parametrize("cell", ['<td class="t" style="border: 2px solid #c00000;">',   # a cell's own border
                                  '<td class="t" style="white-space: nowrap;">'])          # a line Qt never wraps
def test_a_layout_the_program_cannot_draw_is_left_to_qt(cell, gd_template, sample_draft, tmp_path, pdftext):
    import shutil
    from core.registry import load_template
    folder = tmp_path / "layout"
    shutil.copytree(gd_template.folder, folder)
    layout = folder / "print.html.j2"
    text = layout.read_text(encoding="utf-8")
    assert text.count('<td class="t">{{ row.l3 }}</td>') == 1
    layout.write_text(text.replace('<td class="t">{{ row.l3 }}</td>', cell + "{{ row.l3 }}</td>"), encoding="utf-8")
    template = load_template(folder)
    ctx = many_rows(template, sample_draft, 150)
    assert _drawn(template, ctx) is None
    doc, pages = printing.laid_out(template, ctx)
    assert not isinstance(doc, print_table.Composite) and len(pages) > 3
    printed = pdftext(pdf_file(tmp_path, pdf.render(template, ctx)))
    assert all(f"第{i}项指标" in printed for i in range(150))


def test_print_and_preview_paint_the_program_drawn_table(gd_template, sample_draft, tmp_path, pdftext):
    from PySide6.QtPrintSupport import QPrinter
    ctx = many_rows(gd_template, sample_draft, 150)
    assert _drawn(gd_template, ctx) is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    assert printing.print_document(gd_template, ctx, printer) == 5
    del printer
    printed = pdftext(tmp_path / "printer.pdf")
    assert squeeze(printed) == squeeze(pdftext(pdf_file(tmp_path, pdf.render(gd_template, ctx))))
    assert all(f"第{i}项指标" in printed for i in range(150))


def test_missing_characters_are_found_in_the_program_drawn_table(gd_template, sample_draft):
    """The font check reads the table's paragraphs too, and finds what QTextDocument's found."""
    ctx = many_rows(gd_template, sample_draft, 150)
    ctx["indicator_rows"][90]["note"] = "扩展B：\U00020000\U0002A6A5"
    expected = printing.undrawable(printing.document(gd_template, ctx))
    if not expected:
        pytest.skip("this machine has a font for CJK Extension B (Windows: SimSun-ExtB)")
    drawn, _ = _drawn(gd_template, ctx)
    assert drawn.undrawable() == expected == ["\U00020000", "\U0002A6A5"]


def _pixels(pdf_path, folder) -> list:
    """Every page rendered at 80 dpi (pdftoppm, as a person would look at it), as grey bytes."""
    import shutil
    import subprocess
    from PySide6.QtGui import QImage
    subprocess.run([shutil.which("pdftoppm") or pytest.fail("pdftoppm is not installed (poppler-utils)"),
                    "-r", "80", "-gray", str(pdf_path), str(folder / "page")], check=True, timeout=120)
    pages = []
    for path in sorted(folder.glob("page-*.pgm"), key=lambda p: int(p.stem.split("-")[-1])):
        image = QImage(str(path)).convertToFormat(QImage.Format.Format_Grayscale8)
        pages.append([bytes(image.constScanLine(y))[:image.width()] for y in range(image.height())])
    return pages


def test_the_program_drawn_pages_look_as_qts(gd_template, sample_draft, tmp_path, monkeypatch):
    """Text, grid, repeated header and 一级/二级 labels where QTextDocument put them, pixel for
    pixel at 80 dpi, but for Qt's notch where the grid meets the line closing a cut table
    (a third of a pixel at 1200 dpi: one grey pixel per column at 80 dpi)."""
    ctx = many_rows(gd_template, sample_draft, 150)
    (tmp_path / "program").mkdir()
    (tmp_path / "qt").mkdir()
    drawn = _pixels(pdf_file(tmp_path, pdf.render(gd_template, ctx), "program.pdf"), tmp_path / "program")
    monkeypatch.setattr(print_table, "LONG_ROWS", 10**9)
    qt = _pixels(pdf_file(tmp_path, pdf.render(gd_template, ctx), "qt.pdf"), tmp_path / "qt")
    assert len(drawn) == len(qt) == 5
    for n, (mine, theirs) in enumerate(zip(drawn, qt), start=1):
        differ = sum(1 for a, b in zip(mine, theirs) if a != b for x, y in zip(a, b) if x != y)
        assert differ <= 8, f"page {n}: {differ} pixels differ"

"""The PDF 打印稿: the printed pages (exporters/printing.py) written by QPdfWriter.

The PDF's text layer must read back as the Chinese it shows (search, copy,
the finance office's upload checks), so the face is chosen by
printing.font_family, never Noto CJK (Qt writes Noto CJK's glyphs into the PDF's
text layer as radicals such as ⻔ ⽀, so a search for 门 or 支 finds nothing).
"""

from __future__ import annotations

from .printing import ensure_app, laid_out, missing_note, page_layout, paint, undrawable

PDF_RESOLUTION = 1200


def render(template, ctx: dict) -> bytes:
    return render_with_note(template, ctx)[0]


def render_with_note(template, ctx: dict, source: str | None = None) -> tuple[bytes, str | None]:
    """The PDF, and the note on characters no font here can draw, both from
    the one print document (laying it out is most of the work). `source`: the
    print layout's HTML when the caller already rendered it."""
    ensure_app()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPdfWriter

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(page_layout())
    writer.setTitle(ctx.get("report_title") or template.name)
    writer.setCreator("绩效自评填报")
    doc, pages = laid_out(template, ctx, source)
    paint(doc, pages, writer)
    del writer                                   # flushes the last bytes into the buffer
    buffer.close()
    return bytes(data), missing_note(undrawable(doc))


def lint_layout(template, path) -> list[str]:
    """validate-template's check of print.html.j2 (exporters/layout_checks.py)."""
    from .layout_checks import lint_print
    return lint_print(template, path)

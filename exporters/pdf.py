"""The PDF 打印稿: the printed pages (exporters/printing.py) written by QPdfWriter.

The PDF's text layer must read back as the Chinese it shows (search, copy,
the finance office's upload checks), so the face is chosen by
printing.font_family, never Noto CJK (ENVIRONMENT trap 5).
"""

from __future__ import annotations

from .printing import document, ensure_app, page_layout, paint, print_document  # noqa: F401  (the window's entry)

PDF_RESOLUTION = 1200


def render(template, ctx: dict) -> bytes:
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
    paint(document(template, ctx), writer)
    del writer                                   # flushes the last bytes into the buffer
    buffer.close()
    return bytes(data)


def lint_layout(template, path) -> list[str]:
    """validate-template's check of print.html.j2 (exporters/layout_checks.py)."""
    from .layout_checks import lint_print
    return lint_print(template, path)

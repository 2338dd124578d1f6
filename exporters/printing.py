"""The printed 自评表: print.html.j2 → QTextDocument → pages painted one by one.

The same painting serves the PDF (QPdfWriter) and the printer (QPrinter in
the window's print preview), so the preview is the PDF. A long indicator table
is laid out and painted by exporters/print_table.py instead (same pages, a
fraction of the time). We paint page by
page instead of QTextDocument.print_, which adds its own page numbers and
collapses U+3000 spaces; our footer says
"第 N 页 共 M 页".

Laid out once at a fixed 96 dpi, whatever the screen (a 125 % Windows display
would re-flow it), and scaled to the device when painted.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

LAYOUT = "print.html.j2"
LAYOUT_DPI = 96
MARGINS_MM = (15.0, 15.0, 15.0, 12.0)          # left, top, right, bottom
FOOTER_MM = 10.0                              # inside the bottom margin line, above it
BODY_PT = 10.5                                # 五号
SPLIT_LINES = 8                               # longer paragraphs are cut into pieces of this many lines
# Faces whose PDF text layer maps back to the right code points. Noto/Source
# Han CJK are left out on purpose: Qt writes radicals (⻔ U+2ED4) for 门.
FONT_PREFERENCE = ("仿宋", "FangSong", "仿宋_GB2312", "FangSong_GB2312", "宋体", "SimSun", "NSimSun",
                   "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "文泉驿微米黑", "Microsoft YaHei", "微软雅黑")

_app = None


def ensure_app():
    """A QGuiApplication if none exists yet (a headless export); the window's own otherwise."""
    global _app
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not ({"DISPLAY", "WAYLAND_DISPLAY"} & set(os.environ)):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # a server: Qt would abort the export
        app = _app = QGuiApplication(["jxzp-print"])
    return app


def html(template, ctx: dict) -> str:
    from core import template_files
    from core.errors import Problem, TemplateError

    folder = Path(template.folder or ".")
    path = folder / LAYOUT
    if not template_files.exists(folder, LAYOUT):
        raise TemplateError(str(template.folder), [Problem("file.missing", str(path), "模板缺少打印版式文件 print.html.j2",
                                                           "从程序自带的模板复制 print.html.j2 到模板文件夹")])
    source = template_files.read(folder, LAYOUT)   # no links, bounded (core/template_files.py)
    try:
        return _compiled(source).render(ctx)
    except Exception as exc:  # a layout's failure (syntax, sandbox refusal) is the layout's, said as such
        from .word import describe
        raise TemplateError(str(path), [Problem("layout.print", str(path),
                                                f"打印版式 {LAYOUT} 无法生成：{describe(exc)}")]) from exc


@lru_cache(maxsize=8)
def _compiled(source: bytes):
    """Compiling the layout costs more than rendering it; an edited file has other bytes."""
    from .env import environment
    return environment(autoescape=True).from_string(source.decode("utf-8-sig", errors="replace"))


def font_family() -> str | None:
    from PySide6.QtGui import QFontDatabase
    families = set(QFontDatabase.families())
    return next((name for name in FONT_PREFERENCE if name in families), None)


def page_layout():
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(*MARGINS_MM), QPageLayout.Unit.Millimeter)


def _px(mm: float) -> float:
    return mm / 25.4 * LAYOUT_DPI


@lru_cache(maxsize=1)
def _layout_document_class():
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QTextDocument

    class LayoutDocument(QTextDocument):
        """A layout may show images from its own template folder (or data: URLs),
        nothing else: <img src="file:///…"> must not pull a file from the
        clerk's disk (a scanned seal, an ID card) into the PDF."""

        def __init__(self, folder: Path):
            super().__init__()
            self._folder = folder.resolve()

        def loadResource(self, kind, url):
            if url.scheme() == "data":
                return super().loadResource(kind, url)
            image = kind in (2, QTextDocument.ResourceType.ImageResource)
            blank = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied) if image else ""
            if not image or url.scheme() not in ("", "file"):
                # A blank stand-in: given nothing, Qt's image handler would load the path itself.
                return blank
            from core import template_files
            from core.errors import TemplateError
            try:  # the same gate as every template file: inside the folder, no link, bounded
                data = template_files.image(self._folder, url.toLocalFile() if url.isLocalFile() else url.path())
            except TemplateError:
                return blank
            loaded = QImage.fromData(data)
            return blank if loaded.isNull() else loaded

    return LayoutDocument


def document(template, ctx: dict, source: str | None = None, lay_out: bool = True):
    """The QTextDocument laid out as one long column of the A4 body width
    (96-dpi px); paginate() cuts it into pages. `source`: the layout's HTML
    already rendered (laid_out passes it with merged cells ended at page starts).
    lay_out=False: parsed only, its paragraphs ready to be laid out one by one
    (print_table.py lays out the long table's cells itself)."""
    ensure_app()
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QFont, QImage, QPageLayout

    doc = _layout_document_class()(Path(template.folder or "."))
    doc.setUseDesignMetrics(True)             # unhinted advances: the same line breaks on every device
    device = QImage(1, 1, QImage.Format.Format_RGB32)
    dpm = round(LAYOUT_DPI / 0.0254)
    device.setDotsPerMeterX(dpm)
    device.setDotsPerMeterY(dpm)
    doc.documentLayout().setPaintDevice(device)
    doc._layout_device = device               # keep the device alive as long as the document
    family = font_family()
    font = QFont(family) if family else QFont()
    font.setPointSizeF(BODY_PT)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    if not lay_out:
        doc.setPageSize(QSizeF(0, 0))         # Qt lays out nothing for a null page
        doc.setHtml(html(template, ctx) if source is None else source)
        return doc
    doc.setTextWidth(_px(page_layout().paintRect(QPageLayout.Unit.Millimeter).width()))
    doc.setHtml(html(template, ctx) if source is None else source)
    _split_tall_blocks(doc)
    return doc


def laid_out(template, ctx: dict, source: str | None = None, rounds: int = 3):
    """(document, pages), for paint(). A layout whose long indicator table
    print_table.py can draw comes back as its Composite (the table measured and
    painted by the program, the rest by Qt). Otherwise the QTextDocument,
    paginated once from the measured rows; where a page
    starts inside a merged 一级/二级 cell, the merge is ended there and its label
    repeated (in the HTML, laid out once more: linear, where editing the cells in
    Qt's document rebuilt the table's grid per edit), and paginated again while
    that moved rows (a repeated label can make a row taller)."""
    from .print_pages import break_spans, continued_spans, paginate, split_spans
    from .print_table import laid_out as long_laid_out

    source = html(template, ctx) if source is None else source
    drawn = long_laid_out(template, ctx, source, body_height(), rounds)   # the long table drawn by the program
    if drawn is not None:
        return drawn
    doc = document(template, ctx, source)
    pages = paginate(doc, body_height())
    for _ in range(rounds):
        cuts = continued_spans(doc, pages)
        if not cuts:
            break
        split = split_spans(source, doc, cuts)
        if split is not None:
            source = split
            doc = document(template, ctx, source)
        elif not break_spans(doc, pages):
            break
        pages = paginate(doc, body_height())
    return doc, pages


def _split_tall_blocks(doc, lines: int = SPLIT_LINES) -> None:
    """Cut paragraphs longer than `lines` lines into paragraphs of that many,
    at the start of a line, so the text looks the same. Pages then end between
    paragraphs: Qt paints one line too many above a cut inside a paragraph,
    hidden by the clip but doubled in the PDF's text layer."""
    from PySide6.QtGui import QTextBlockFormat, QTextCursor

    cuts = []
    block = doc.begin()
    while block.isValid():
        text = block.layout()
        cuts += [block.position() + text.lineAt(i).textStart() for i in range(lines, text.lineCount(), lines)]
        block = block.next()
    if not cuts:
        return
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    for position in reversed(cuts):
        cursor.setPosition(position)
        fmt = cursor.blockFormat()
        head = QTextBlockFormat(fmt)
        head.setBottomMargin(0)                # no gap between the pieces,
        cursor.setBlockFormat(head)
        fmt.setTextIndent(0)                   # and no first-line indent on a continuation
        fmt.setTopMargin(0)
        cursor.insertBlock(fmt)
    cursor.endEditBlock()
    # Qt's partial relayout after these edits leaves a paragraph that follows a
    # tall table at height 0 (not painted at all): lay out again from the first cut.
    doc.markContentsDirty(cuts[0], doc.characterCount() - cuts[0])


def body_height() -> float:
    """Height of the text on one page, in layout px (the footer sits below it)."""
    from PySide6.QtGui import QPageLayout
    return _px(page_layout().paintRect(QPageLayout.Unit.Millimeter).height() - FOOTER_MM)


def paint(doc, pages, device) -> int:
    """Paint the pages (laid_out) onto a QPdfWriter or QPrinter whose page
    layout is page_layout(), each from its own slice of the document; returns
    the number of pages."""
    from PySide6.QtCore import QLineF, QRectF, Qt
    from PySide6.QtGui import QFont, QPainter, QPen

    width = doc.textWidth()
    footer_font = QFont(doc.defaultFont())
    # point sizes resolve against the device (1200 dpi for PDF) and the painter is
    # scaled on top of that: size the footer in layout pixels like the document
    footer_font.setPixelSize(round(BODY_PT * LAYOUT_DPI / 72))
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("无法开始打印（打印机或 PDF 文件不可用）")

    def draw(top: float, bottom: float, at: float) -> None:
        if hasattr(doc, "draw"):                 # print_table.Composite
            doc.draw(painter, top, bottom, at)
        else:
            draw_document(painter, doc, top, bottom, at)

    def rule(box, y: float) -> None:
        painter.setPen(QPen(Qt.GlobalColor.black, box[2]))
        painter.drawLine(QLineF(box[0], y, box[1], y))

    try:
        painter.scale(device.logicalDpiX() / LAYOUT_DPI, device.logicalDpiY() / LAYOUT_DPI)
        for i, page in enumerate(pages):
            if i and not device.newPage():
                raise OSError("无法新建页面（打印机或磁盘出错）")
            at = 0.0
            if page.header:
                draw(*page.header, at)
                at = page.header[1] - page.header[0]
            draw(page.top, page.bottom, at)
            if page.top_box:                     # close the box where the table was cut
                rule(page.top_box, at)
            if page.bottom_box:
                rule(page.bottom_box, at + page.bottom - page.top)
            painter.setFont(footer_font)
            painter.setPen(Qt.GlobalColor.black)
            painter.drawText(QRectF(0, body_height(), width, _px(FOOTER_MM)), Qt.AlignmentFlag.AlignCenter,
                             f"第 {i + 1} 页 共 {len(pages)} 页")
    finally:
        painter.end()
    return len(pages)


def draw_document(painter, doc, top: float, bottom: float, at: float, edges=(0.5, 0.5)) -> None:
    """The slice [top, bottom) of a laid-out document, painted at `at`, kept
    `edges` (above, below) off the slice's ends (print_table joins two slices
    inside a page without)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QAbstractTextDocumentLayout

    width = doc.textWidth()
    painter.save()
    painter.translate(0, at - top)
    clip = QRectF(0, top + edges[0], width, bottom - top - edges[0] - edges[1])
    painter.setClipRect(clip)
    # Qt draws every line touching context.clip, even one ending exactly on the
    # cut; it would be invisible but doubled in the PDF's text: keep off the edges
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = clip
    doc.documentLayout().draw(painter, context)
    painter.restore()


def print_document(template, ctx: dict, printer) -> int:
    """For the window: paint the same pages onto a QPrinter (print or preview)."""
    printer.setPageLayout(page_layout())
    return paint(*laid_out(template, ctx), printer)


def undrawable(doc) -> list[str]:
    """Characters of the laid-out print document that no font on the page can draw.
    Qt prints those as nothing (a CJK Extension B character or an emoji on a PC
    without such a font), so the clerk is told instead of finding a gap on paper."""
    if hasattr(doc, "undrawable"):               # print_table.Composite
        return doc.undrawable()
    fonts, chars = fonts_and_chars(doc)
    return sorted(ch for ch in chars if not any(f.supportsCharacter(ord(ch)) for f in fonts.values()))


def fonts_and_chars(doc) -> tuple[dict, set[str]]:
    """The fonts a laid-out document's lines are drawn with (family → QRawFont),
    and its characters beyond ASCII that are letters, digits, punctuation or symbols."""
    import unicodedata

    doc.size()  # lay the document out
    fonts: dict = {}
    chars: set[str] = set()
    block = doc.firstBlock()
    while block.isValid():
        chars.update(ch for ch in block.text() if ord(ch) > 0x7F and unicodedata.category(ch)[0] in "LNPS")
        layout = block.layout()
        for i in range(layout.lineCount()):
            for run in layout.lineAt(i).glyphRuns():
                raw = run.rawFont()
                fonts.setdefault(raw.familyName(), raw)
        block = block.next()
    return fonts, chars


def undrawable_note(template, ctx: dict) -> str | None:
    """One Chinese sentence for the clerk, or None when every character can be printed."""
    return missing_note(undrawable(document(template, ctx)))


def missing_note(missing: list[str]) -> str | None:
    if not missing:
        return None
    shown = "、".join(missing[:10]) + ("等" if len(missing) > 10 else "")
    return (f"本机没有能显示这 {len(missing)} 个字符的字体，PDF 和打印稿中它们将是空白：{shown}。"
            "请在装有相应字体的电脑上导出（Windows 自带 SimSun-ExtB、Segoe UI Emoji），或改写这些字")

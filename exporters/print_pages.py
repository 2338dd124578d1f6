"""Cutting the printed 自评表 into A4 pages (exporters/printing.py paints them).

Qt's own pagination splits a table row across pages and then paints the
split part under the repeated header; so the document is laid out as one
long column and cut here: between paragraphs or table rows, never through a
line of text, with a table's <thead> repeated on the pages it continues on.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass
class _Table:
    top: float
    bottom: float
    box: tuple[float, float, float]            # left, right, border width
    header: tuple[float, float] | None         # the <thead> rows, repeated on later pages
    cuts: list[float]                          # where a page may end inside it


@dataclass
class Page:
    top: float                                 # the slice of the long column shown on this page
    bottom: float
    header: tuple[float, float] | None = None
    top_box: tuple[float, float, float] | None = None      # a table continues from the page before
    bottom_box: tuple[float, float, float] | None = None   # a table continues on the next page


def _table(lay, table, page_height: float) -> _Table:
    fmt = table.format()
    edge = fmt.cellPadding() + fmt.border()
    rows, left, right = [], [], []
    for r in range(table.rows()):
        tops, bottoms = [], []
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            if (cell.row(), cell.column()) != (r, c):
                continue
            first = lay.blockBoundingRect(cell.firstCursorPosition().block())
            last = lay.blockBoundingRect(cell.lastCursorPosition().block())
            tops.append(first.top())
            left.append(first.left())
            right.append(first.right())
            if cell.rowSpan() == 1:
                bottoms.append(last.bottom())
        rows.append((min(tops), max(bottoms, default=min(tops))))
    between = [(rows[r - 1][1] + rows[r][0]) / 2 for r in range(1, len(rows))]   # mid-gap: on the border
    top, bottom = rows[0][0] - edge, max(b for _, b in rows) + edge
    n = fmt.headerRowCount()
    header = (top - 0.5, between[n - 1]) if 0 < n < len(rows) else None
    splittable = header is not None or bottom - top > page_height   # small tables stay whole
    return _Table(top, bottom, (min(left) - edge, max(right) + edge, fmt.border()), header,
                  between[n:] if splittable else [])


def paginate(doc, page_height: float) -> list[Page]:
    """Cut the long column into pages: between paragraphs or table rows, never
    through a line of text; inside a table only between rows (a row too tall
    for a page is cut between its lines); a <thead> is repeated."""
    from PySide6.QtGui import QTextCursor, QTextTable

    lay, root = doc.documentLayout(), doc.rootFrame()
    inked, soft, ends = [], [], []
    block = doc.begin()
    while block.isValid():
        rect = lay.blockBoundingRect(block)
        text = block.layout()
        for i in range(text.lineCount()):
            line = text.lineAt(i)
            inked.append((rect.top() + line.y(), rect.top() + line.y() + line.height()))
        ends.append(rect.bottom())
        if QTextCursor(block).currentFrame() is root:
            soft.append(rect.top())
        block = block.next()
    tables = [_table(lay, f, page_height) for f in root.childFrames() if isinstance(f, QTextTable)]
    for t in tables:
        soft += t.cuts        # never just above a table: its caption paragraph goes with it
    inked = _union(inked)
    starts = [a for a, _ in inked]

    def clear(y: float) -> bool:
        i = bisect.bisect_left(starts, y) - 1
        return i < 0 or inked[i][1] <= y

    def table_at(y: float):
        return next((t for t in tables if t.top < y < t.bottom), None)

    total, pages, y0 = doc.size().height(), [], 0.0
    while True:
        t = table_at(y0)
        header = t.header if t and t.header and y0 >= t.header[1] - 0.5 else None
        limit = y0 + page_height - (header[1] - header[0] if header else 0)
        top_box = t.box if t else None
        if limit >= total:
            pages.append(Page(y0, total, header, top_box))
            return pages
        # between rows or paragraphs; else between the pieces of a tall row; else anywhere
        cut = next((max(fit) for fit in ([c for c in tier if y0 + 1 < c <= limit and clear(c)]
                                         for tier in (soft, ends)) if fit), limit)
        end = table_at(cut)
        pages.append(Page(y0, cut, header, top_box, end.box if end else None))
        y0 = cut


def _union(spans):
    out = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def break_spans(doc, pages: list[Page]) -> bool:
    """Where a page starts inside a merged 一级/二级 cell, end the merge there
    and repeat its text in a new merge on that page. A reader then sees the
    label on every page, and Qt, which paints a merged cell from its first
    row, no longer walks back over earlier pages' rows for each page (that
    made long drafts quadratic). Returns whether anything changed."""
    from PySide6.QtGui import QTextCursor, QTextTable

    lay, changed = doc.documentLayout(), False
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    for table in [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]:
        tops = [min(lay.blockBoundingRect(cell.firstCursorPosition().block()).top()
                    for cell in map(lambda c: table.cellAt(r, c), range(table.columns())) if cell.row() == r)
                for r in range(table.rows())]
        for page in pages[1:]:
            r = bisect.bisect_left(tops, page.top)
            if not 0 < r < table.rows():
                continue
            for c in range(table.columns()):
                cell = table.cellAt(r, c)
                first, span = cell.row(), cell.rowSpan()
                if first >= r:
                    continue
                text, char, block = _contents(cell)
                table.splitCell(first, c, r - first, 1)
                table.mergeCells(r, c, first + span - r, 1)
                table.cellAt(r, c).setFormat(cell.format())
                at = table.cellAt(r, c).firstCursorPosition()
                at.setBlockFormat(block)
                at.insertText(text, char)
                changed = True
    cursor.endEditBlock()
    return changed


def _contents(cell):
    start = cell.firstCursorPosition()
    start.setPosition(cell.lastCursorPosition().position(), start.MoveMode.KeepAnchor)
    return start.selectedText().replace("\u2029", "\n"), cell.firstCursorPosition().charFormat(), \
        cell.firstCursorPosition().blockFormat()


def layout_pages(doc, page_height: float, rounds: int = 3) -> list[Page]:
    """Paginate; break merged cells at page starts; paginate again while that
    moved rows (a repeated label can make a row taller)."""
    pages = paginate(doc, page_height)
    for _ in range(rounds):
        if not break_spans(doc, pages):
            break
        pages = paginate(doc, page_height)
    return pages

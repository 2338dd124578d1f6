"""Cutting the printed 自评表 into A4 pages (exporters/printing.py paints them).

Qt's own pagination splits a table row across pages and then paints the
split part under the repeated header; so the document is laid out as one
long column and cut here: between paragraphs or table rows, never through a
line of text, with a table's <thead> repeated on the pages it continues on.
"""

from __future__ import annotations

import bisect
import re
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


class _Blocks:
    """Every block's rectangle in the long column, asked of Qt once per document
    (blockBoundingRect of a block in a table cell is the costly call here) and
    found by document position."""

    def __init__(self, doc):
        lay = doc.documentLayout()
        self.starts, self.rects, self.blocks = [], [], []
        block = doc.begin()
        while block.isValid():
            self.starts.append(block.position())
            self.rects.append(lay.blockBoundingRect(block))
            self.blocks.append(block)
            block = block.next()

    def at(self, position: int):
        return self.rects[bisect.bisect_right(self.starts, position) - 1]


def _blocks(doc) -> _Blocks:
    cached = getattr(doc, "_jxzp_blocks", None)
    if cached is None or cached.revision != doc.revision():
        cached = doc._jxzp_blocks = _Blocks(doc)
        cached.revision = doc.revision()
    return cached


def _table(blocks: _Blocks, table, page_height: float) -> _Table:
    fmt = table.format()
    edge = fmt.cellPadding() + fmt.border()
    rows, left, right = [], [], []
    for r in range(table.rows()):
        tops, bottoms = [], []
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            if (cell.row(), cell.column()) != (r, c):
                continue
            first = blocks.at(cell.firstPosition())
            tops.append(first.top())
            left.append(first.left())
            right.append(first.right())
            if cell.rowSpan() == 1:
                bottoms.append(blocks.at(cell.lastPosition()).bottom())
        rows.append((min(tops), max(bottoms, default=min(tops))))
    return table_of_rows(rows, (min(left) - edge, max(right) + edge, fmt.border()), edge, fmt.headerRowCount(),
                         page_height)


def table_of_rows(rows: list[tuple[float, float]], box, edge: float, header_rows: int, page_height: float) -> _Table:
    """A table's places to cut from its rows' (top of the first line, bottom of
    the last line of a cell not merged over rows)."""
    between = [(rows[r - 1][1] + rows[r][0]) / 2 for r in range(1, len(rows))]   # mid-gap: on the border
    top, bottom = rows[0][0] - edge, max(b for _, b in rows) + edge
    n = header_rows
    header = (top - 0.5, between[n - 1]) if 0 < n < len(rows) else None
    splittable = header is not None or bottom - top > page_height   # small tables stay whole
    return _Table(top, bottom, box, header, between[n:] if splittable else [])


@dataclass
class Column:
    """What pagination needs to know of the long column: the spans of ink (lines
    of text), where a page may end (between paragraphs or table rows: soft; at
    the end of any block: ends), the tables and the column's height."""
    inked: list[tuple[float, float]]
    soft: list[float]
    ends: list[float]
    tables: list[_Table]
    total: float


def measure(doc, page_height: float, split: int | None = None):
    """The Column of a laid-out QTextDocument; with `split` (a document position),
    two: of what stands up to it, and of what follows (print_table moves that down)."""
    from PySide6.QtGui import QTextCursor, QTextTable

    root = doc.rootFrame()
    blocks = _blocks(doc)
    parts = [Column([], [], [], [], doc.size().height()) for _ in range(1 if split is None else 2)]
    for block, rect in zip(blocks.blocks, blocks.rects):
        part = parts[split is not None and block.position() > split]
        text = block.layout()
        for i in range(text.lineCount()):
            line = text.lineAt(i)
            part.inked.append((rect.top() + line.y(), rect.top() + line.y() + line.height()))
        part.ends.append(rect.bottom())
        if QTextCursor(block).currentFrame() is root:
            part.soft.append(rect.top())
    for f in root.childFrames():
        if isinstance(f, QTextTable):
            parts[split is not None and f.firstPosition() > split].tables.append(_table(blocks, f, page_height))
    return parts[0] if split is None else parts


def paginate(doc, page_height: float) -> list[Page]:
    """Cut the long column into pages: between paragraphs or table rows, never
    through a line of text; inside a table only between rows (a row too tall
    for a page is cut between its lines); a <thead> is repeated."""
    return cut(measure(doc, page_height), page_height)


def cut(column: Column, page_height: float) -> list[Page]:
    """paginate() from a measured Column (printing.laid_out measures the long
    indicator table itself, print_table.py)."""
    tables, soft = column.tables, list(column.soft)
    for t in tables:
        soft += t.cuts        # never just above a table: its caption paragraph goes with it
    inked = _union(column.inked)
    starts = [a for a, _ in inked]

    def clear(y: float) -> bool:
        i = bisect.bisect_left(starts, y) - 1
        return i < 0 or inked[i][1] <= y

    def table_at(y: float):
        return next((t for t in tables if t.top < y < t.bottom), None)

    tiers = [sorted(soft), sorted(column.ends)]

    def last_fit(tier, y0: float, limit: float):
        """The lowest place in `tier` on this page that cuts no line (a bisect, then
        upwards: each page looks only at its own places, so pagination stays linear)."""
        i = bisect.bisect_right(tier, limit) - 1
        while i >= 0 and tier[i] > y0 + 1:
            if clear(tier[i]):
                return tier[i]
            i -= 1
        return None

    total, pages, y0 = column.total, [], 0.0
    while True:
        t = table_at(y0)
        header = t.header if t and t.header and y0 >= t.header[1] - 0.5 else None
        limit = y0 + page_height - (header[1] - header[0] if header else 0)
        top_box = t.box if t else None
        if limit >= total:
            pages.append(Page(y0, total, header, top_box))
            return pages
        # between rows or paragraphs; else between the pieces of a tall row; else anywhere
        cut_at = next((c for c in (last_fit(tier, y0, limit) for tier in tiers) if c is not None), limit)
        end = table_at(cut_at)
        pages.append(Page(y0, cut_at, header, top_box, end.box if end else None))
        y0 = cut_at


def _union(spans):
    out = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def continued_spans(doc, pages: list[Page]) -> dict[int, dict[int, set[tuple[int, int]]]]:
    """Where a page starts inside a cell merged over rows (a 一级/二级 label):
    {top-level table index: {row the page starts at: {(first row, column) of each such cell}}}."""
    from PySide6.QtGui import QTextTable

    blocks, out = _blocks(doc), {}
    tables = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    for index, table in enumerate(tables):
        rows, columns = table.rows(), table.columns()
        tops = []
        for r in range(rows):
            starts = [table.cellAt(r, c) for c in range(columns)]
            tops.append(min((blocks.at(cell.firstPosition()).top() for cell in starts if cell.row() == r),
                            default=tops[-1] if tops else 0.0))
        for page in pages[1:]:
            r = bisect.bisect_left(tops, page.top)
            if not 0 < r < rows:
                continue
            covering = {(cell.row(), c) for c in range(columns) for cell in (table.cellAt(r, c),)
                        if cell.row() < r and cell.column() == c}
            if covering:
                out.setdefault(index, {})[r] = covering
    return out


_TAG = re.compile(r"<!--.*?-->|<(/?)(table|tr|td|th)\b[^>]*>", re.I | re.S)
_ROWSPAN = re.compile(r"""\srowspan\s*=\s*(["']?)\d*\1""", re.I)
_COLSPAN = re.compile(r"""\scolspan\s*=\s*(["']?)(\d+)\1""", re.I)


@dataclass
class _Cell:
    start: int                 # where "<td" begins
    tag_end: int               # just after its start tag
    end: int                   # just after "</td>" (or where the next cell or row begins)
    rowspan: int
    colspan: int
    row: int = 0
    column: int = 0


@dataclass
class _Row:
    tag_end: int               # just after "<tr …>": where a row with no cell of its own gets one
    cells: list[_Cell]


def _scan_tables(source: str) -> list[list[_Row]]:
    """The top-level tables of an HTML text: rows of cells, with where each cell
    stands in the text. Cells of nested tables belong to their outer cell."""
    tables: list[list[_Row]] = []
    depth, open_cell = 0, None
    for m in _TAG.finditer(source):
        closing, name = m.group(1) == "/", (m.group(2) or "").lower()
        if not name:                                  # a comment
            continue
        if name == "table":
            if not closing:
                depth += 1
                if depth == 1:
                    tables.append([])
                continue
            if depth == 1 and open_cell is not None:
                open_cell.end, open_cell = m.start(), None
            depth -= 1
            continue
        if depth != 1:
            continue
        if open_cell is not None:                     # "</td>", or an implied end before the next cell or row
            open_cell.end = m.end() if closing and name in ("td", "th") else m.start()
            open_cell = None
        if closing:
            continue
        if name == "tr":
            tables[-1].append(_Row(m.end(), []))
        elif tables[-1]:
            tag = m.group(0)
            span, cols = _ROWSPAN.search(tag), _COLSPAN.search(tag)
            rowspan = int(re.sub(r"\D", "", span.group(0)) or 1) if span else 1
            open_cell = _Cell(m.start(), m.end(), m.end(), max(rowspan, 1), max(int(cols.group(2)) if cols else 1, 1))
            tables[-1][-1].cells.append(open_cell)
    for rows in tables:                               # place every cell on the grid, as Qt does
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(rows):
            c = 0
            for cell in row.cells:
                while (r, c) in taken:
                    c += 1
                cell.row, cell.column = r, c
                cell.rowspan = min(cell.rowspan, len(rows) - r)
                taken.update((r + i, c + j) for i in range(cell.rowspan) for j in range(cell.colspan))
                c += cell.colspan
    return tables


def split_spans(source: str, doc, cuts: dict) -> str | None:
    """The layout's HTML with every merged cell that a page starts inside ended
    there and repeated, with its own text and attributes, on the new page
    (cuts: continued_spans). A reader sees the 一级/二级 label on every page, and
    Qt, which paints a merged cell from its first row, no longer walks back over
    earlier pages for each page. None when the HTML's tables do not match the
    document's (then break_spans does it inside the document)."""
    from PySide6.QtGui import QTextTable

    tables = _scan_tables(source)
    qt_tables = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    if len(tables) != len(qt_tables):
        return None
    edits: list[tuple[int, int, int, str]] = []     # (at, order, end, text): text replaces source[at:end]
    for index, at_rows in cuts.items():
        rows = tables[index]
        if len(rows) != qt_tables[index].rows():
            return None
        grid = {(cell.row, cell.column): cell for row in rows for cell in row.cells}
        for r, covering in at_rows.items():
            if any((f, c) not in grid or not grid[f, c].row < r < grid[f, c].row + grid[f, c].rowspan
                   for f, c in covering):
                return None
        breaks = sorted(at_rows)
        for cell in grid.values():
            inside = [r for r in breaks if cell.row < r < cell.row + cell.rowspan]
            if not inside:
                continue
            bounds = [cell.row, *inside, cell.row + cell.rowspan]
            tag = source[cell.start:cell.tag_end]
            edits.append((cell.start, 1, cell.tag_end, _with_rowspan(tag, bounds[1] - bounds[0])))
            body = source[cell.tag_end:cell.end]
            for top, bottom in zip(bounds[1:-1], bounds[2:]):
                after = next((c for c in rows[top].cells if c.column > cell.column), None)
                at = after.start if after else (rows[top].cells[-1].end if rows[top].cells else rows[top].tag_end)
                edits.append((at, 0, cell.column, _with_rowspan(tag, bottom - top) + body))
    out, last = [], 0
    for at, order, end, text in sorted(edits, key=lambda e: (e[0], e[1], e[2] if e[1] == 0 else 0)):
        out.append(source[last:at])
        out.append(text)
        last = end if order == 1 else at
    out.append(source[last:])
    return "".join(out)


def _with_rowspan(tag: str, span: int) -> str:
    tag = _ROWSPAN.sub("", tag)
    return f'{tag[:-1].rstrip("/").rstrip()} rowspan="{span}">'


def break_spans(doc, pages: list[Page]) -> bool:
    """The fallback of split_spans, for a layout whose tables the HTML scan could
    not match: the same cuts made in the document with Qt's cell surgery, which
    rebuilds the table's cell grid on every split and merge (quadratic in long
    tables). Returns whether anything changed."""
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



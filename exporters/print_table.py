"""The long table of the printed 自评表 (the 绩效指标 table of a draft with
hundreds of indicators) laid out and painted by the program, not by QTextDocument.

Qt lays every table cell out at least twice (once unbounded for the column
widths, once at its width) and paints collapsed borders at ~35 ms a page: at
1,000 indicators the PDF took 6–10 × the Excel export. Here print.html.j2 stays
the source of the layout: Qt parses the HTML (and is not asked to lay it out),
and lays out everything else as before in a "frame" document in which the long
table keeps only its header rows. The long table's cells are broken into lines
with the very QTextLayout of each of their blocks, the rows sized the way
QTextDocumentLayout sizes them (a cell's height rounded to a pixel, a cell merged
over rows grows only its last row, vertical alignment), and painted line by
line with the 1 px grid a collapsed-border table has. A page that starts inside
a merged 一级/二级 cell ends the merge there and repeats the label, as before.

Only tables this module reproduces exactly take this path: more than LONG_ROWS
rows, a header (<thead>) with a cell edge at every column, border-collapse with
the 1 px grid, column widths in % or px, no cell border, background, image,
list, nested table, no-wrap text or paragraph margin of their own, and no word
wider than its column. The header rows are laid out by both and compared. Any
other layout, or a page that would start inside a merged cell of another table,
keeps QTextDocument's pages (printing.laid_out). tests/exporters/test_print_table.py
puts every sample through this path and holds it to the recorded pages and to
QTextDocument's pixels.
"""

from __future__ import annotations

import bisect
import re

from .printing import SPLIT_LINES as PIECE_LINES     # a page may end every 8 lines of a tall paragraph

LONG_ROWS = 40          # more rows than fit on a page (~35 one-line rows)


class Unsupported(Exception):
    """A layout this module does not reproduce exactly: QTextDocument lays it out."""


def _round(v: int) -> int:
    """QFixed::round of a length in 1/64 px."""
    return (v + 32) & ~63


class _Cell:
    """One cell of the long table, its paragraphs broken into lines (1/64 px). A cell
    of one row is also its own _Segment (cell, row, span, top): tens of thousands
    of them, so few objects each (the garbage collector walks them all)."""
    __slots__ = ("row", "column", "rowspan", "colspan", "pad", "right_pad", "valign", "raw", "total", "left",
                 "ys", "ends", "layouts", "counts", "top")
    span = 1

    def __init__(self, row, column, rowspan, colspan, pads, valign, left, ys, ends, layouts, counts):
        self.row, self.column, self.rowspan, self.colspan = row, column, rowspan, colspan
        self.pad, self.right_pad, self.valign, self.left = pads[0], pads[2], valign, left  # valign: 0 top, 1 middle, 2 bottom
        self.raw = ys[-1] + pads[0] + pads[1]      # content and paddings (with half the grid line), 1/64 px
        self.total = _round(self.raw)              # as Qt rounds a cell's height
        self.ys = ys                               # where each line starts, and the content's height
        self.ends = ends                           # where a paragraph (or PIECE_LINES lines of one) ends
        self.layouts, self.counts = layouts, counts   # each paragraph's QTextLayout and its number of lines
        self.top = 0.0                             # content top, layout px (set by _Grid)

    @property
    def cell(self) -> "_Cell":
        return self


class _Segment:
    """A cell, or the part of a merged cell between two page starts."""
    __slots__ = ("cell", "row", "span", "top")

    def __init__(self, cell: _Cell, row: int, span: int):
        self.cell, self.row, self.span = cell, row, span
        self.top = 0.0          # content top, layout px (set by _Grid)


_AFTER_CELL = re.compile(r"(?<=</t[dh]>)\s+(?=<)", re.I)
_AFTER_ROW = re.compile(r"(<tr\b[^>]*>)\s+(?=<)", re.I)
_TAG = re.compile(r"<!--.*?-->|<(/?)(table|tr)\b[^>]*>", re.I | re.S)


def long_table(source: str):
    """(index among the top-level tables, where each of its rows begins, where
    its end tag begins, how many top-level tables) of the table this module
    would lay out, or None."""
    tables, depth = [], 0
    for m in _TAG.finditer(source):
        name = (m.group(2) or "").lower()
        if name == "table":
            if m.group(1):
                depth -= 1
                if depth == 0:
                    tables[-1][1] = m.start()
            else:
                depth += 1
                if depth == 1:
                    tables.append([[], None])
        elif name == "tr" and depth == 1 and not m.group(1):
            tables[-1][0].append(m.start())
    if not tables:
        return None
    index = max(range(len(tables)), key=lambda i: len(tables[i][0]))
    rows, end = tables[index]
    return (index, rows, end, len(tables)) if len(rows) > LONG_ROWS and end is not None else None


_CELL_OPEN = re.compile(r"<t[dh]\b", re.I)
_SPANNED = re.compile(r"""(<t[dh]\b[^>]*?)\srowspan\s*=\s*(["']?)(\d*)\2""", re.I)


def data_source(source: str, rows: list[int], end: int) -> tuple[str, dict]:
    """The layout's HTML for the document the long table's cells are read from: the
    table without its rowspans (Qt's import merges every such cell in the table's
    grid, a tenth of the parsing) and without the whitespace between cells, and of
    the rest of the page only what precedes <body> (the style sheet; the frame has
    the rest), where there is a <body>. Returns it and {(row, n-th cell of the row):
    rowspan}."""
    start = source.rfind("<table", 0, rows[0])
    region = source[rows[0]:end]
    if start < 0 or re.search(r"<table\b", region, re.I):
        raise Unsupported("a table inside a cell")
    if re.search(r"<img\b", region, re.I):
        raise Unsupported("an image in a cell")
    if "<!--" in region:                          # a cell commented out would be counted as one
        raise Unsupported("a comment among the rows")
    spans = {}
    for m in _SPANNED.finditer(region):
        row = bisect.bisect_right(rows, rows[0] + m.start()) - 1
        nth = len(_CELL_OPEN.findall(region, rows[row] - rows[0], m.start()))
        spans[row, nth] = max(int(m.group(3) or 1), 1)
    table = _SPANNED.sub(r"\1", source[start:end]) + "</table>"
    body = re.compile(r"<body\b[^>]*>", re.I).search(source, 0, start)
    if body:
        html = source[:body.end()] + table + "</body></html>"
    else:
        html = source[:start] + table + source[source.index(">", end) + 1:]
    return _AFTER_ROW.sub(r"\1", _AFTER_CELL.sub("", html)), spans


def frame_source(source: str, rows: list[int], end: int, header: int) -> str:
    """The layout's HTML with the long table cut to its first `header` rows."""
    return source[:rows[header]] + source[end:]


class _Grid:
    """Row positions of the long table (1/64 px) and the content top of every cell,
    for a set of rows at which merged cells are ended (page starts). A cell of one
    row is its own segment in every grid (its `top` is the latest grid's); a merged
    cell is cut into _Segments at the page starts."""

    def __init__(self, table: "LongTable", breaks: list[int]):
        spans: list[_Segment] = []
        for cell in table.spanning:
            bounds = [cell.row]
            if breaks:
                i = bisect.bisect_right(breaks, cell.row)
                while i < len(breaks) and breaks[i] < cell.row + cell.rowspan:
                    bounds.append(breaks[i])
                    i += 1
            bounds.append(cell.row + cell.rowspan)
            spans += [_Segment(cell, a, b - a) for a, b in zip(bounds, bounds[1:])]
        starting: dict[int, list[_Segment]] = {}
        ending: dict[int, list[_Segment]] = {}
        for seg in spans:
            starting.setdefault(seg.row, []).append(seg)
            ending.setdefault(seg.row + seg.span - 1, []).append(seg)
        # QTextDocumentLayoutPrivate::layoutTable: a cell's height rounded to a pixel; what a
        # merged cell needs beyond the rows above its last goes to its last row
        pos = [table.y0]
        for r, h in enumerate(table.single_heights):
            for seg in ending.get(r, ()):
                need = seg.cell.total - (pos[r] - pos[seg.row])
                if need > h:
                    h = need
            pos.append(pos[r] + h)
        self.pos, self.spans, self.starting, self.table = pos, spans, starting, table
        self.merged = [seg for seg in spans if seg.span > 1]
        edges = table.edges
        self.crossing: dict[int, list] = {}      # row edge → (left, right) of the merged cells crossing it
        self.gaps: dict[int, set] = {}           # row → column edges crossed by a merged cell over columns
        for seg in spans:
            c, cs = seg.cell.column, seg.cell.colspan
            for b in range(seg.row + 1, seg.row + seg.span):
                self.crossing.setdefault(b, []).append((edges[c], edges[c + cs]))
            if cs > 1:
                for r in range(seg.row, seg.row + seg.span):
                    self.gaps.setdefault(r, set()).update(range(c + 1, c + cs))
        for spans_ in self.crossing.values():
            spans_.sort()
        self._place()

    def _place(self) -> None:
        pos, tops = self.pos, []
        top = pos[0] / 64
        for r, segs in enumerate(self.table.row_cells):
            extra = self.starting.get(r)
            if extra:
                segs = segs + extra
            low = None
            for seg in segs:
                cell = seg.cell
                here = pos[r]
                if cell.valign:
                    free = pos[r + seg.span] - here - cell.raw
                    here += free if cell.valign == 2 else int(free / 2)
                seg.top = t = (here + cell.pad) / 64
                if low is None or t < low:
                    low = t
            if low is not None:
                top = low
            tops.append(top)
        self.tops = tops           # print_pages.continued_spans: where each row's first line starts

    def starts(self, r: int) -> list[_Segment]:
        """The cells (and parts of merged cells) that begin at row r."""
        return self.table.row_cells[r] + self.starting.get(r, [])

    def segments(self):
        for r in range(self.table.rows):
            yield from self.starts(r)

    def move(self, by: int) -> None:
        """Down by `by` (1/64 px)."""
        self.pos = [p + by for p in self.pos]
        self._place()

    def y(self, row: int) -> float:
        return self.pos[row] / 64


class LongTable:
    """The long table's cells, laid out into lines once; _Grid places them."""

    def __init__(self, data_doc, cells_table, spans: dict, rows: int, frame_doc, frame_table):
        """cells_table: the long table in the data document, without its rowspans;
        spans: {(row, n-th cell of the row): rowspan} (data_source)."""
        from PySide6.QtGui import QPalette, QTextFormat, QTextLength, QTextOption

        fmt = frame_table.format()
        if not fmt.borderCollapse() or fmt.border() != 1 or fmt.cellSpacing() != 0:
            raise Unsupported("not a 1 px collapsed grid")
        if cells_table.childFrames():
            raise Unsupported("a table inside a cell")
        self.rows, self.columns = rows, frame_table.columns()
        self.header = fmt.headerRowCount()
        if not 0 < self.header < self.rows or frame_table.rows() != self.header:
            raise Unsupported("no header")
        kinds = {QTextLength.Type.PercentageLength, QTextLength.Type.FixedLength}
        widths = fmt.columnWidthConstraints()
        if len(widths) != self.columns or any(w.type() not in kinds for w in widths):
            raise Unsupported("a column without a width")
        self.doc, self.border, self.edge = data_doc, fmt.border(), fmt.cellPadding() + fmt.border()
        self.grid_brush = fmt.borderBrush()
        if fmt.borderStyle() != fmt.BorderStyle.BorderStyle_Solid or self.grid_brush.style() == self.grid_brush.style().NoBrush:
            raise Unsupported("not a solid grid")
        self.text_pen = QPalette().color(QPalette.ColorRole.Text)
        self._pad = int(fmt.cellPadding() * 64)
        header_tops = self._columns(frame_doc, frame_table)
        read_format = self._read_format
        P = QTextFormat.Property

        option = QTextOption(data_doc.defaultTextOption())
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        options: dict = {}

        def text_option(block, key):
            """QTextDocumentLayoutPrivate::layoutBlock's option for a paragraph of this
            format and direction (when this module lays such a paragraph out: no margin,
            indent, list or background)."""
            f = block.blockFormat()
            if (f.topMargin() or f.bottomMargin() or f.leftMargin() or f.rightMargin() or f.indent()
                    or f.textIndent() or f.lineHeightType() or f.hasProperty(P.BackgroundBrush)
                    or f.nonBreakableLines() or block.textList() is not None):
                raise Unsupported("a paragraph with margins, indent or background")
            known = options[key] = QTextOption(option)
            known.setAlignment(_visual(f.alignment(), key[1]))
            known.setTextDirection(key[1])
            return known

        # The cells are read in the document's order, block by block: a cell's first block
        # follows the cell's marker, whose format is the cell's (spans, paddings, alignment);
        # where it stands on the grid is the next slot no cell above covers, as Qt places
        # them. (QTextTableCell's row(), column() and format() each search the table.)
        formats = data_doc.allFormats()
        kinds: dict = {}

        def kind(index: int):
            f = formats[index] if 0 <= index < len(formats) else None
            known = None
            if f is not None and f.isTableCellFormat():
                cf = f.toTableCellFormat()
                known = (max(cf.tableCellRowSpan(), 1), max(cf.tableCellColumnSpan(), 1), *read_format(cf))
            kinds[index] = known
            return known

        boxes: dict = {}

        def box(index: int, c: int):
            """A cell's spans, paddings, alignment, content left and width at column c, and
            the widest unbreakable word that fits (Qt widens a column for a wider one)."""
            rowspan, span, (tp, bp, lp, rp), valign = kinds[index]
            span = min(span, self.columns - c)
            x = self.edges[c] + lp / 64
            narrowest = min(self.edges[k + 1] - self.edges[k] for k in range(c, c + span))
            known = boxes[index, c] = (rowspan, span, (tp, bp, rp), valign, x, self.edges[c + span] - rp / 64 - x,
                                       (narrowest - 1) * span - (lp + rp) / 64)
            return known

        cells = []
        rows, columns, taken = self.rows, self.columns, set()
        r = 0
        width, used, nth, c = cells_table.columns(), 0, 0, 0   # Qt's row: its width, slots used, cells read
        end = cells_table.lastPosition()
        block = data_doc.findBlock(cells_table.firstPosition())
        while block.isValid() and block.position() <= end:
            index = block.charFormatIndex()
            known = kinds[index] if index in kinds else kind(index)
            if known is None or r >= rows:
                raise Unsupported("a table's cells not where they were looked for")
            while c < columns and r * columns + c in taken:
                c += 1
            if c == columns:                         # Qt's filler at the end of a row the merges above
                block = block.next()                 # filled already: one empty paragraph
                used += known[1]
            else:
                rowspan, span, pads, valign, x, w, room = boxes.get((index, c)) or box(index, c)
                rowspan = min(spans.get((r, nth), 1), rows - r)
                nth += 1
                before = len(taken)
                taken.update(k * columns + c + j for k in range(r, r + rowspan) for j in range(span))
                if len(taken) != before + rowspan * span:
                    raise Unsupported("cells over one another")
                used += known[1]
                ys, ends, layouts, counts, y = [0], [], [], [], 0
                while True:
                    layout = block.layout()
                    key = block.blockFormatIndex(), block.textDirection()
                    layout.setTextOption(options.get(key) or text_option(block, key))
                    layout.beginLayout()
                    n = 0
                    line = layout.createLine()
                    while line.isValid():
                        line.setLeadingIncluded(True)
                        line.setLineWidth(w)
                        y += int(line.height() * 64)
                        ys.append(y)
                        n += 1
                        if n % PIECE_LINES == 0:
                            ends.append(y)
                        line = layout.createLine()
                    layout.endLayout()
                    if layout.minimumWidth() > room:
                        raise Unsupported("a word wider than its column")   # Qt would widen the column
                    if n % PIECE_LINES or not n:
                        ends.append(y)
                    layouts.append(layout)
                    counts.append(n)
                    block = block.next()
                    if not block.isValid() or block.position() > end:
                        break
                    index = block.charFormatIndex()
                    if (kinds[index] if index in kinds else kind(index)) is not None:
                        break                                # the next cell's first block
                cells.append(_Cell(r, c, rowspan, span, pads, valign, x, tuple(ys), tuple(ends),
                                   tuple(layouts), tuple(counts)))
                c += span
            if used >= width:                        # Qt's row ends: the next row
                if c < columns and any(r * columns + k not in taken for k in range(c, columns)):
                    raise Unsupported("a row shorter than the table")
                r, used, nth, c = r + 1, 0, 0, 0
        if r != rows:
            raise Unsupported("a table's cells not where they were looked for")
        if len(taken) != rows * columns or taken != set(range(rows * columns)):
            raise Unsupported("a table's cells not where they were looked for")
        self.cells = cells
        self.row_cells = [[] for _ in range(self.rows)]      # the cells of one row, by the row they are in
        self.single_heights = [0] * self.rows                # the tallest of those, rounded
        self.spanning = []
        self.row_gaps = [()] * self.rows                     # column edges a cell over several columns crosses
        for cell in cells:
            if cell.colspan > 1 and cell.rowspan == 1:
                self.row_gaps[cell.row] = set(self.row_gaps[cell.row]) | set(range(cell.column + 1, cell.column + cell.colspan))
            if cell.rowspan > 1:
                self.spanning.append(cell)
            else:
                self.row_cells[cell.row].append(cell)
                self.single_heights[cell.row] = max(self.single_heights[cell.row], cell.total)
        self.grid = self._first_grid(header_tops)     # without page starts: Composite's first pagination

    def _read_format(self, f):
        """(top, bottom, left, right padding with half the grid line, 1/64 px; vertical alignment)
        of a cell format."""
        from PySide6.QtGui import QTextFormat
        P = QTextFormat.Property
        if any(f.hasProperty(p) for p in (P.TableCellTopBorderStyle, P.TableCellBottomBorderStyle,
                                           P.TableCellLeftBorderStyle, P.TableCellRightBorderStyle,
                                           P.TableCellTopBorder, P.TableCellBottomBorder, P.TableCellLeftBorder,
                                           P.TableCellRightBorder, P.BackgroundBrush)):
            raise Unsupported("a cell border or background")
        paddings = tuple(int(f.doubleProperty(p) * 64) + 32 if f.hasProperty(p) else self._pad + 32
                         for p in (P.TableCellTopPadding, P.TableCellBottomPadding, P.TableCellLeftPadding,
                                   P.TableCellRightPadding))
        align = f.verticalAlignment()
        A = type(align)
        return paddings, 1 if align == A.AlignMiddle else 2 if align == A.AlignBottom else 0

    def _columns(self, frame_doc, frame_table) -> list:
        """The columns' edges (self.edges, layout px), from the header rows Qt laid out
        in the frame document; returns where Qt put each header cell's first line."""
        layout = frame_doc.documentLayout()
        edges: dict[int, float] = {}
        tops = []
        for r in range(self.header):
            for c in range(self.columns):
                cell = frame_table.cellAt(r, c)
                if (cell.row(), cell.column()) != (r, c):
                    continue
                (_, _, lp, rp), _ = self._read_format(cell.format())
                block = cell.firstCursorPosition().block()
                rect = layout.blockBoundingRect(block)
                edges.setdefault(c, rect.left() - lp / 64)
                edges.setdefault(c + cell.columnSpan(), rect.left() + block.layout().lineAt(0).width() + rp / 64)
                tops.append((r, c, rect.top()))
        if sorted(edges) != list(range(self.columns + 1)):
            raise Unsupported("a column edge the header does not show")
        self.edges = [edges[c] for c in range(self.columns + 1)]
        return tops

    def _first_grid(self, header_tops) -> "_Grid":
        """Where the table's first row starts (self.y0): from where Qt put the header;
        then every header cell must be where Qt put it."""
        self.y0 = 0
        grid = _Grid(self, [])
        r, c, top = header_tops[0]
        first = next(s for s in grid.starts(r) if s.cell.column == c)
        self.y0 = round((top - first.top) * 64)
        grid.move(self.y0)
        for r, c, top in header_tops:
            seg = next(s for s in grid.starts(r) if s.cell.column == c)
            if abs(seg.top - top) > 0.01:
                raise Unsupported("the header rows are not where Qt put them")
        return grid

    # ---- pagination ----
    def rows_of(self, grid: _Grid) -> list[tuple[float, float]]:
        """print_pages._table's (top of first line, bottom of last line) per row."""
        out = []
        for r, top in enumerate(grid.tops):
            segs = grid.starts(r)
            if not segs:
                raise Unsupported("a row with no cell of its own")
            bottom = top
            for s in segs:
                if s.span == 1 and s.top + s.cell.ys[-1] / 64 > bottom:
                    bottom = s.top + s.cell.ys[-1] / 64
            out.append((top, bottom))
        return out

    def box(self):
        left = min(c.left for c in self.cells)
        right = max(self.edges[c.column + c.colspan] - c.right_pad / 64 for c in self.cells)
        return left - self.edge, right + self.edge, self.border


def _visual(align, direction):
    """QGuiApplicationPrivate::visualAlignment."""
    from PySide6.QtCore import Qt
    A = Qt.AlignmentFlag
    if not (align & A.AlignHorizontal_Mask):
        align |= A.AlignLeft
    if not (align & A.AlignAbsolute) and (align & (A.AlignLeft | A.AlignRight)):
        if direction == Qt.LayoutDirection.RightToLeft:
            align ^= (A.AlignLeft | A.AlignRight)
        align |= A.AlignAbsolute
    return align


class Composite:
    """The printed pages with the long table laid out here: the frame document
    (everything else, laid out by Qt, the long table cut to its header) above and
    below the table's rows. Coordinates are those of the one long column the
    pages are cut from, as with a QTextDocument."""

    def __init__(self, frame_doc, frame_table, data_doc, table: LongTable, index: int, page_height: float):
        from .print_pages import measure
        self.frame, self.table, self.index, self.page_height = frame_doc, table, index, page_height
        self.data = data_doc                       # the table's paragraphs live in it
        # what follows the table in the frame moves down by the height of its rows
        self.above, self.below = measure(frame_doc, page_height, frame_table.lastPosition())
        self.grid = table.grid

    # what printing.paint asks of a document
    def textWidth(self) -> float:
        return self.frame.textWidth()

    def defaultFont(self):
        return self.frame.defaultFont()

    def _span(self) -> tuple[float, float]:
        """Where the table's rows below its header start and end in the long column."""
        return self.grid.y(self.table.header), self.grid.y(self.table.rows)

    def column(self):
        from .print_pages import Column, _Table, table_of_rows
        above, below, grid, t = self.above, self.below, self.grid, self.table
        start, end = self._span()
        move = end - start
        inked = above.inked + [(a + move, b + move) for a, b in below.inked]
        ends = above.ends + [y + move for y in below.ends]
        for r in range(t.header, t.rows):
            for seg in t.row_cells[r] + grid.starting.get(r, []):
                top, ys = seg.top, seg.cell.ys
                if len(ys) == 2:                     # one line, the usual cell
                    inked.append((top, top + ys[1] / 64))
                    ends.append(top + ys[1] / 64)
                else:
                    inked += [(top + ys[i] / 64, top + ys[i + 1] / 64) for i in range(len(ys) - 1)]
                    ends += [top + y / 64 for y in seg.cell.ends]
        tables = above.tables + [_Table(x.top + move, x.bottom + move, x.box,
                                        x.header and (x.header[0] + move, x.header[1] + move),
                                        [y + move for y in x.cuts]) for x in below.tables]
        tables[self.index] = table_of_rows(t.rows_of(grid), t.box(), t.edge, t.header, self.page_height)
        self.header_slice = tables[self.index].header
        return Column(inked, above.soft + [y + move for y in below.soft], ends, tables, above.total + move)

    def paginate(self, rounds: int):
        """printing.laid_out's rounds: paginate; end the merged cells a page starts
        inside there, and paginate again while that moved rows."""
        from .print_pages import cut
        column = self.column()
        pages = cut(column, self.page_height)
        for _ in range(rounds):
            starts = set()
            for page in pages[1:]:
                r = bisect.bisect_left(self.grid.tops, page.top)
                if 0 < r < self.table.rows and any(s.row < r < s.row + s.span for s in self.grid.merged):
                    starts.add(r)
            if not starts:
                break
            self.grid = _Grid(self.table, sorted(starts | set(self._breaks())))
            column = self.column()
            pages = cut(column, self.page_height)
        # a page starting inside a merged cell of another table: QTextDocument's pages end the merge there
        from .print_pages import Page, continued_spans
        start, end = self._span()
        tops = [Page(p.top if p.top < start else p.top - (end - start), 0) for p in pages if not start <= p.top < end]
        if set(continued_spans(self.frame, [Page(0, 0)] + tops)) - {self.index}:
            raise Unsupported("a page starts inside a merged cell of another table")
        return pages

    def _breaks(self) -> list[int]:
        return sorted({s.row for s in self.grid.spans if s.row != s.cell.row})

    # ---- painting ----
    def draw(self, painter, top: float, bottom: float, at: float) -> None:
        """The slice [top, bottom) of the long column, painted at `at`."""
        from .printing import draw_document
        if (top, bottom) == self.header_slice:     # the header repeated on a page: its rows are ours too
            self._draw_rows(painter, top, bottom, at, (0.5, 0.5))
            return
        start, end = self._span()
        move = end - start
        # a page's own edges are kept off by half a pixel (printing.draw_document); where
        # the rows meet the frame inside a page, the two parts join without a gap
        if top < start:
            draw_document(painter, self.frame, top, min(bottom, start), at, (0.5, 0.5 if bottom <= start else 0))
        if bottom > end:
            t = max(top, end)
            draw_document(painter, self.frame, t - move, bottom - move, at + t - top, (0.5 if top >= end else 0, 0.5))
        if top < end and bottom > start:
            t, b = max(top, start), min(bottom, end)
            self._draw_rows(painter, t, b, at + t - top, (0.5 if top >= start else 0, 0.5 if bottom <= end else 0))

    def _draw_rows(self, painter, top: float, bottom: float, at: float, edges) -> None:
        from PySide6.QtCore import QPointF, QRectF

        grid, t = self.grid, self.table
        pos = grid.pos
        low, high = top + edges[0], bottom - edges[1]
        # the rows whose cells reach into the clip (Qt's cellClipTest): a cell only touching it is left out
        first = max(bisect.bisect_right(pos, low * 64) - 1, 0)
        last = min(bisect.bisect_left(pos, high * 64), t.rows)
        segs = [s for s in grid.merged if s.row < first < s.row + s.span]
        for r in range(first, last):
            segs += t.row_cells[r]
            segs += grid.starting.get(r, ())
        painter.save()
        painter.translate(0, at - top)
        painter.setClipRect(QRectF(0, low, self.textWidth(), high - low))
        painter.setPen(t.text_pen)
        for seg in segs:
            cell, y0 = seg.cell, seg.top
            ys = cell.ys
            if len(ys) == 2:                             # one line, the usual cell
                if y0 < high and y0 + ys[1] / 64 > low:
                    cell.layouts[0].lineAt(0).draw(painter, QPointF(cell.left, y0))
                continue
            i = 0
            for layout, n in zip(cell.layouts, cell.counts):
                for k in range(n):
                    y = y0 + ys[i] / 64
                    if y < high and y0 + ys[i + 1] / 64 > low:
                        layout.lineAt(k).draw(painter, QPointF(cell.left, y))
                    i += 1
        # the grid: a line of width w over [edge - w, edge] (where Qt draws a collapsed
        # grid), along every row edge but where a merged cell crosses it, down every
        # column edge but where a cell over several columns crosses it
        brush, w, xs = t.grid_brush, t.border, t.edges
        fill = painter.fillRect
        for b in range(first, last + 1):
            y = pos[b] / 64
            start = xs[0]
            for a, z in grid.crossing.get(b, ()):
                if a > start:
                    fill(QRectF(start - w, y - w, a - start + w, w), brush)
                start = max(start, z)
            if start < xs[-1]:
                fill(QRectF(start - w, y - w, xs[-1] - start + w, w), brush)
        for k, x in enumerate(xs):
            run = None
            for r in range(first, last):
                if k in t.row_gaps[r] or k in grid.gaps.get(r, ()):
                    if run is not None:
                        fill(QRectF(x - w, run - w, w, pos[r] / 64 - run), brush)
                        run = None
                elif run is None:
                    run = pos[r] / 64
            if run is not None:
                fill(QRectF(x - w, run - w, w, pos[last] / 64 - run), brush)
        painter.restore()

    def undrawable(self) -> list[str]:
        """printing.undrawable of the whole print: the frame's characters and fonts,
        and the table's; a table paragraph's fonts are only asked for when one of
        its characters has none yet (a glyph run per line is the costly call)."""
        import unicodedata
        from .printing import fonts_and_chars
        fonts, chars = fonts_and_chars(self.frame)
        chars.update(ch for ch in set(self.data.toPlainText()) if ord(ch) > 0x7F and unicodedata.category(ch)[0] in "LNPS")

        def missing() -> set[str]:
            return {ch for ch in chars if not any(f.supportsCharacter(ord(ch)) for f in fonts.values())}

        lacking = missing()
        for cell in self.table.cells:
            if not lacking:
                break
            for layout in cell.layouts:
                if lacking.intersection(layout.text()):
                    for i in range(layout.lineCount()):
                        for run in layout.lineAt(i).glyphRuns():
                            raw = run.rawFont()
                            fonts.setdefault(raw.familyName(), raw)
                    lacking = missing()
        return sorted(lacking)


def laid_out(template, ctx: dict, source: str, page_height: float, rounds: int):
    """(Composite, pages) when the layout's long table can be laid out here, else None."""
    from PySide6.QtGui import QTextTable

    from .printing import document
    found = long_table(source)
    if found is None:
        return None
    index, rows, end, count = found
    try:
        source_, spans = data_source(source, rows, end)
        data = document(template, ctx, source_, lay_out=False)
        tables = [f for f in data.rootFrame().childFrames() if isinstance(f, QTextTable)]
        if len(tables) == 1:
            index_in_data = 0
        elif len(tables) == count:
            index_in_data = index
        else:
            return None
        cells = tables[index_in_data]
        if cells.rows() != len(rows):
            return None
        header = cells.format().headerRowCount()
        if not 0 < header < len(rows):
            return None
        frame = document(template, ctx, frame_source(source, rows, end, header))
        frames = [f for f in frame.rootFrame().childFrames() if isinstance(f, QTextTable)]
        if len(frames) != count:
            return None
        table = LongTable(data, cells, spans, len(rows), frame, frames[index])
        composite = Composite(frame, frames[index], data, table, index, page_height)
        return composite, composite.paginate(rounds)
    except Unsupported:
        return None

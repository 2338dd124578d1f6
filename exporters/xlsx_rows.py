"""Worksheet surgery openpyxl leaves to us: inserting rows (its insert_rows
moves cells but not merges, heights or print titles), safe text, and row
heights for wrapped text (openpyxl never grows a row)."""

from __future__ import annotations

import math
import re
import unicodedata
from copy import copy

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.utils import get_column_letter

from .cell_limits import EXCEL_CELL_LIMIT

CUT_NOTE = "……（全文见 Word 报告）"
MAX_ROW_HEIGHT = 409              # points, Excel's largest row
_PRINT_ROWS = re.compile(r"\$?(\d+):\$?(\d+)")


def safe_text(text: str) -> str:
    """Text a cell can hold: no XML-illegal controls (the context already mapped
    them; this is the guard), and within Excel's limit with a visible note."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    units = text.encode("utf-16-le")
    if len(units) // 2 <= EXCEL_CELL_LIMIT:
        return text
    keep = EXCEL_CELL_LIMIT - len(CUT_NOTE)
    # cutting the UTF-16 bytes may split a surrogate pair; "ignore" drops the half
    return units[: 2 * keep].decode("utf-16-le", errors="ignore") + CUT_NOTE


def write_text(cell, text: str) -> None:
    """A string stays a string: '=1+1', '@x' or '#N/A' typed by a clerk never
    becomes a formula or an error value (openpyxl guesses from the first char)."""
    cell.value = safe_text(text)
    cell.data_type = "s"


def insert_rows(ws, after: int, count: int) -> None:
    """Open `count` empty rows below row `after`, moving merges, heights and the
    print-title rows along with the cells."""
    if count <= 0:
        return
    moving = [mr for mr in ws.merged_cells.ranges if mr.min_row > after]
    ws.insert_rows(after + 1, count)
    for mr in moving:
        mr.shift(row_shift=count)
    dims = dict(ws.row_dimensions)
    ws.row_dimensions.clear()
    for index, dim in dims.items():
        if index > after:
            index += count
            dim.index = index
        ws.row_dimensions[index] = dim
    if ws.print_title_rows:
        m = _PRINT_ROWS.fullmatch(ws.print_title_rows)
        if m:
            first, last = (int(g) + (count if int(g) > after else 0) for g in m.groups())
            ws.print_title_rows = f"{first}:{last}"


def copy_row(ws, source: int, targets) -> None:
    """Copy one layout row's styles, height and in-row merges to each target row."""
    cells = [(col, cell._style) for (row, col), cell in ws._cells.items() if row == source and cell.has_style]
    merges = [(mr.min_col, mr.max_col) for mr in ws.merged_cells.ranges if mr.min_row == mr.max_row == source]
    height = ws.row_dimensions[source].height if source in ws.row_dimensions else None
    for target in targets:
        for col, style in cells:
            ws.cell(row=target, column=col)._style = copy(style)
        if height:
            ws.row_dimensions[target].height = height
        for c1, c2 in merges:
            merge(ws, target, c1, target, c2)


def merge(ws, r1: int, c1: int, r2: int, c2: int) -> None:
    """ws.merge_cells without its per-edge border rewrite (quadratic in a tall
    merge): the cells already carry the layout's borders, and keep them."""
    if (r1, c1) == (r2, c2):
        return
    ws.merged_cells.add(MergedCellRange(ws, f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"))
    for row in range(r1, r2 + 1):
        for col in range(c1, c2 + 1):
            if (row, col) != (r1, c1):
                old = ws._cells.get((row, col))
                cell = ws._cells[row, col] = MergedCell(ws, row, col)
                if old is not None and old.has_style:
                    cell._style = copy(old._style)


# -- row heights ---------------------------------------------------------------

def _text_width(text: str, size: float) -> float:
    """Width in points: CJK and full-width characters are one em, others ~0.55."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return (wide + 0.55 * (len(text) - wide)) * size


def _column_points(ws, c1: int, c2: int) -> float:
    default = ws.sheet_format.defaultColWidth or 8.43
    units = sum(ws.column_dimensions[get_column_letter(c)].width or default for c in range(c1, c2 + 1))
    return units * 5.6 - 4       # one width unit is ~7.5 px (5.6 pt); minus the cell padding


def lines_needed(text: str, size: float, width_pt: float) -> int:
    width_pt = max(width_pt, size)
    return sum(max(1, math.ceil(_text_width(part, size) * 1.04 / width_pt)) for part in text.split("\n"))


def fit_heights(ws, cells) -> None:
    """Grow the rows of the given (row, column) cells so their wrapped text
    shows; a merge spanning several rows adds what it still lacks to its last
    row. Never shrinks a layout row."""
    spans = {(mr.min_row, mr.min_col): mr for mr in ws.merged_cells.ranges}
    widths: dict[tuple[int, int], float] = {}
    wanted: dict[int, float] = {}
    tall: list[tuple] = []
    for row, col in cells:
        cell = ws._cells.get((row, col))
        if isinstance(cell, MergedCell) or cell is None or not isinstance(cell.value, str) or not cell.value:
            continue
        mr = spans.get((row, col))
        key = (col, mr.max_col if mr else col)
        if key not in widths:
            widths[key] = _column_points(ws, *key)
        size = float(cell.font.sz or 11)
        height = lines_needed(cell.value, size, widths[key]) * size * 1.3 + 4
        if mr and mr.max_row > row:
            tall.append((row, mr.max_row, height))
        else:
            wanted[row] = max(wanted.get(row, 0), height)
    for row, height in wanted.items():
        _grow(ws, row, height)
    for first, last, height in tall:
        have = sum(ws.row_dimensions[r].height or 15 for r in range(first, last + 1))
        if height > have:
            _grow(ws, last, (ws.row_dimensions[last].height or 15) + height - have)


def _grow(ws, row: int, height: float) -> None:
    current = ws.row_dimensions[row].height or 0
    if height > current:
        ws.row_dimensions[row].height = round(min(height, MAX_ROW_HEIGHT), 1)

"""A worksheet as a plain grid: what each cell shows and which cells are merged.

Both readers (openpyxl for .xlsx, xlrd for .xls) produce the same Sheet, so the
header search never knows which file format it came from.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from core.numbers import plain

# a cell holding only one of these means "nothing here" (published tables print both)
EMPTY_MARKS = {"—", "——", "-", "－", "–", "/", "／", "\\"}
MAX_CELLS = 200_000   # a 自评表 has a few hundred cells; a huge sheet is not one
MAX_BYTES = 32 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024   # an .xlsx is a zip: a small file may unpack to gigabytes


class WorkbookError(Exception):
    """The file cannot be read as a workbook; the message is Chinese, for the clerk."""


@dataclass
class Cell:
    text: str                     # what the clerk sees, trimmed ("" when empty or "—")
    number: Decimal | None = None  # the figure when the cell holds a number


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)   # (row, col), 1-based
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    _owner: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.index_merges()

    def index_merges(self) -> None:
        self._owner = {}
        for r1, c1, r2, c2 in self.merges:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    self._owner[(r, c)] = (r1, c1, r2, c2)

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def max_col(self) -> int:
        return max((c for _, c in self.cells), default=0)

    def block(self, row: int, col: int) -> tuple[int, int, int, int]:
        """The merged range holding (row, col), or the cell alone."""
        return self._owner.get((row, col), (row, col, row, col))

    def at(self, row: int, col: int) -> Cell:
        """The cell as shown: inside a merge, the merge's top-left value."""
        r1, c1, _, _ = self.block(row, col)
        return self.cells.get((r1, c1)) or Cell("")

    def text(self, row: int, col: int) -> str:
        return self.at(row, col).text


def ref(row: int, col: int) -> str:
    """A1-style address, as the clerk sees it in Excel/WPS."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


_PERCENT_FORMAT = re.compile(r'(?<!")%(?!")')


def make_cell(value, number_format: str = "General") -> Cell | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return Cell("是" if value else "否")
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time(0) else value
        return Cell(value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat())
    if isinstance(value, datetime.date):
        return Cell(value.isoformat())
    if isinstance(value, (int, float, Decimal)):
        try:
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:   # inf / nan from a broken file
            return None
        if _PERCENT_FORMAT.search(number_format or ""):   # 0.95 shown as 95%: the clerk typed 95%
            shown = number * 100
            return Cell(plain(shown) + "%", shown)
        if '"%"' in (number_format or ""):                 # our own exports: 95.2 shown as 95.20%
            return Cell(plain(number) + "%", number)
        return Cell(plain(number), number + 0)
    text = str(value).replace("\u3000", " ").replace("\r\n", "\n").strip()
    if text in EMPTY_MARKS:
        text = ""
    return Cell(text) if text else None


def read_workbook(path: str | Path) -> list[Sheet]:
    """Every sheet of an .xlsx / .xls file; WorkbookError with a Chinese reason otherwise."""
    path = Path(path)
    if not path.is_file():
        raise WorkbookError(f"找不到文件“{path}”")
    if path.stat().st_size > MAX_BYTES:
        raise WorkbookError(f"“{path.name}”有 {path.stat().st_size // 1024 // 1024} MB，不像是一张自评表")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        return _read_xls(path)
    if suffix not in (".xlsx", ".xlsm"):
        raise WorkbookError(f"“{path.name}”不是 Excel 文件（只认 .xlsx、.xls）；"
                            "WPS 表格或 Excel 中“另存为 Excel 工作簿（*.xlsx）”后再导入")
    return _read_xlsx(path)


def _read_xlsx(path: Path) -> list[Sheet]:
    import zipfile
    from openpyxl import load_workbook
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError):
        unpacked = 0   # load_workbook below says what is wrong with it
    if unpacked > MAX_UNPACKED:
        raise WorkbookError(f"“{path.name}”解压后超过 {MAX_UNPACKED // 1024 // 1024} MB，不像是一张自评表")
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # a zip that is not a workbook, bad XML, refused entities, encrypted files
        raise WorkbookError(f"“{path.name}”无法作为 Excel 工作簿读取（{type(exc).__name__}）：文件可能已损坏、"
                            "加了密码或不是 xlsx 格式；在 Excel/WPS 中打开后另存为 .xlsx 再试") from None
    sheets = []
    for ws in wb.worksheets:
        if getattr(ws, "sheet_state", "visible") != "visible":
            continue
        sheet = Sheet(ws.title)
        count = 0
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                count += 1
                if count > MAX_CELLS:
                    raise WorkbookError(f"“{path.name}”的工作表“{ws.title}”超过 {MAX_CELLS} 个单元格，不像是自评表")
                cell = make_cell(c.value, c.number_format)
                if cell is not None:
                    sheet.cells[(c.row, c.column)] = cell
        sheet.merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        sheet.index_merges()
        sheets.append(sheet)
    return sheets


def _read_xls(path: Path) -> list[Sheet]:
    try:
        import xlrd
    except ImportError:
        raise WorkbookError(f"“{path.name}”是旧版 Excel 格式（.xls），本机缺少读取它的组件 xlrd；"
                            "请在 WPS 表格或 Excel 中打开，“另存为 Excel 工作簿（*.xlsx）”后再导入") from None
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True)
    except Exception as exc:
        raise WorkbookError(f"“{path.name}”无法作为 .xls 工作簿读取（{type(exc).__name__}）；"
                            "在 Excel/WPS 中打开后另存为 .xlsx 再试") from None
    sheets = []
    for sh in book.sheets():
        if getattr(sh, "visibility", 0):
            continue
        sheet = Sheet(sh.name)
        if sh.nrows * sh.ncols > MAX_CELLS:
            raise WorkbookError(f"“{path.name}”的工作表“{sh.name}”超过 {MAX_CELLS} 个单元格，不像是自评表")
        for r in range(sh.nrows):
            for c in range(sh.ncols):
                xc = sh.cell(r, c)
                value, fmt = xc.value, "General"
                if xc.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                if xc.ctype == xlrd.XL_CELL_DATE:
                    value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                elif xc.ctype == xlrd.XL_CELL_NUMBER:
                    xf = book.xf_list[xc.xf_index]
                    fmt = book.format_map[xf.format_key].format_str
                elif xc.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(value)
                elif xc.ctype == xlrd.XL_CELL_ERROR:
                    continue
                cell = make_cell(value, fmt)
                if cell is not None:
                    sheet.cells[(r + 1, c + 1)] = cell
        sheet.merges = [(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sh.merged_cells]
        sheet.index_merges()
        sheets.append(sheet)
    return sheets

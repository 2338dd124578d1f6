"""The Excel 自评表: templates/<id>/table.xlsx filled with openpyxl.

The layout carries the look and the print setup; markers in its cells say
where each value goes (tools/build_xlsx_layout.py documents them). Every
figure written is the number the core computed (a Decimal, exact): no cell
depends on a formula being recalculated. Rates are written in percent units
(100 for 100%) with the format 0.00"%", the same number the screen shows.
"""

from __future__ import annotations

import io
from pathlib import Path

from core.errors import Problem, TemplateError

from . import xlsx_markers as mk
from core.format import DASH
from .xlsx_rows import copy_row, fit_heights, insert_rows, merge, write_text

LAYOUT = "table.xlsx"
MERGED_DOWN = {"ind.l1": "l1_span", "ind.l2": "l2_span"}


def layout_path(template) -> Path:
    return Path(template.folder or ".") / LAYOUT


def read_layout(template) -> bytes:
    """table.xlsx through the template-file gate (no links, bounded, no zip bomb, no DTD)."""
    from core import template_files
    path = layout_path(template)
    if not template_files.exists(path.parent, LAYOUT):
        raise TemplateError(str(template.folder), [Problem("file.missing", str(path), "模板缺少 Excel 版式文件 table.xlsx",
                                                           "从程序自带的模板复制 table.xlsx 到模板文件夹")])
    return template_files.read(path.parent, LAYOUT)


def render(template, ctx: dict) -> bytes:
    from openpyxl import load_workbook  # lazy: not needed until the clerk exports

    path = layout_path(template)
    source = read_layout(template)
    try:
        wb = load_workbook(io.BytesIO(source))
    except Exception as exc:  # corrupt zip, missing parts, bad XML, an XML entity refused by defusedxml
        raise TemplateError(str(path), [Problem(
            "layout.xlsx", str(path), f"Excel 版式文件 {LAYOUT} 无法读取（{type(exc).__name__}）：文件已损坏、"
            "不是 xlsx 格式，或含有被禁止的 XML 实体", "从程序自带的模板复制 table.xlsx 再修改")]) from exc
    if not wb.worksheets:
        raise TemplateError(str(path), [Problem("layout.xlsx", str(path), f"Excel 版式文件 {LAYOUT} 中没有工作表",
                                                "从程序自带的模板复制 table.xlsx 再修改")])
    from .layout_links import notify, strip_xlsx
    notify(strip_xlsx(wb, LAYOUT))   # no DDE, outside reference or outside link reaches the export
    ws = wb.worksheets[0]
    where = f"{LAYOUT}（{ws.title}）"
    problems: list[Problem] = []
    markers = _scan(ws)

    # repeating rows, bottom-up so the rows above keep their numbers
    repeating: dict[int, str] = {}
    for (row, col), source in markers.items():
        for lst in filter(None, map(mk.list_of, mk.MARKER.findall(source))):
            if not mk.known_list(lst, ctx):
                problems.append(mk.unknown(f"{where} {_ref(row, col)}", lst))
            elif repeating.setdefault(row, lst) != lst:
                problems.append(Problem("xlsx.row", f"{where} 第 {row} 行", "一行里只能重复一种列表",
                                        "把不同列表的标记放到不同的行"))
    filled: list[tuple[int, int]] = []         # cells written, for the row heights
    for row in sorted(repeating, reverse=True):
        entries = mk.items(repeating[row], ctx)
        row_markers = {col: markers.pop((r, col)) for (r, col) in list(markers) if r == row}
        extra = max(len(entries) - 1, 0)
        insert_rows(ws, row, extra)
        copy_row(ws, row, range(row + 1, row + len(entries)))
        filled = [(r + extra, c) for r, c in filled]   # every earlier block lies below
        markers = {(r + extra if r > row else r, c): ms for (r, c), ms in markers.items()}
        for i, item in enumerate(entries):
            for col, source in row_markers.items():
                _fill_item(ws, row + i, col, source, item, ctx, where, problems)
            filled += [(row + i, col) for col in row_markers]
        if not entries:
            for col in row_markers:
                ws.cell(row=row, column=col).value = None

    for (row, col), source in markers.items():   # the rest: single values
        _fill(ws, row, col, source, lambda n: mk.resolve(n, ctx), ctx, where, problems)
        filled.append((row, col))
    if problems:   # a bad marker in a repeating row is said once, not once per copy
        first = {}
        for p in problems:
            first.setdefault(p.what, p)
        raise TemplateError(str(path), list(first.values()))

    fit_heights(ws, filled)
    wb.properties.creator = "绩效自评填报"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _scan(ws) -> dict[tuple[int, int], str]:
    """Every cell holding a marker: (row, column) → the layout's text."""
    return {(cell.row, cell.column): cell.value for row in ws.iter_rows() for cell in row
            if isinstance(cell.value, str) and mk.MARKER.search(cell.value)}


def _fill_item(ws, row, col, source, item, ctx, where, problems):
    only = mk.MARKER.fullmatch(source.strip())
    only = only and only.group(1)
    if only in MERGED_DOWN:
        span = item.get(MERGED_DOWN[only], 1)
        if span == 0:             # inside a merge started above: nothing to write
            return
        merge(ws, row, col, row + span - 1, col)
    def lookup(name):
        return mk.resolve_item(name, item, ctx) if mk.list_of(name) else mk.resolve(name, ctx)
    _fill(ws, row, col, source, lookup, ctx, where, problems)
    if only and only.startswith("grid.") and only.endswith(".label"):
        _indent(ws.cell(row=row, column=col), item.get("indent", 0))


def _indent(cell, level: int) -> None:
    """The grid's own outline: sub-rows indented, the sums (level 0) in bold."""
    from openpyxl.styles import Alignment, Font
    a = cell.alignment
    cell.alignment = Alignment(horizontal=a.horizontal or "left", vertical=a.vertical, wrap_text=a.wrap_text,
                               indent=2 * level)
    if level == 0:
        f = cell.font
        cell.font = Font(name=f.name, size=f.sz, bold=True, color=f.color)


def _fill(ws, row, col, source, lookup, ctx, where, problems):
    cell = ws.cell(row=row, column=col)
    names = mk.MARKER.findall(source)
    values = {}
    for name in names:
        try:
            values[name] = lookup(name)
        except KeyError:
            problems.append(mk.unknown(f"{where} {_ref(row, col)}", name))
    if len(values) != len(names):
        return
    whole = mk.MARKER.fullmatch(source.strip())
    if whole:
        value = values[names[0]]
        content = value.cell_value()
        if isinstance(content, str):
            write_text(cell, content)
            if content == DASH and value.kind != "text":
                cell.alignment = _centered(cell.alignment)
        else:
            cell.value = content          # Decimal: written exactly as computed
            fmt = mk.number_format(value.kind, ctx)
            if fmt and cell.number_format == "General":
                cell.number_format = fmt
        return
    text = mk.MARKER.sub(lambda m: values[m.group(1)].as_text(), source)
    # "{{grade}}　{{audit_status}}" with nothing to report leaves no trailing space in the cell
    write_text(cell, text.rstrip() if source.rstrip() == source else text)


def _centered(a):
    from openpyxl.styles import Alignment
    return Alignment(horizontal="center", vertical=a.vertical, wrap_text=a.wrap_text)


def _ref(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter
    return f"{get_column_letter(col)}{row}"


def lint_layout(template, path) -> list[str]:
    """validate-template's check of table.xlsx (exporters/layout_checks.py)."""
    from .layout_checks import lint_xlsx
    return lint_xlsx(template, path)

"""一体化系统导入格式: the Excel 2003 XML Spreadsheet (SpreadsheetML 2003) a provincial
预算管理一体化系统's performance module imports (a public copy of one such system's 自评导入; its row maps are described in
the template's xmlss.yaml).

That import reads rows by number, counted from 1, and every cell in order: it does
not honour ss:Index skips, and reads an empty cell as a placeholder. So every row up
to the last is written, each with the same number of cells, and nothing is skipped.

Which value goes on which row is data, not code: the template's `xmlss.yaml` row map
(see templates/mof-project/xmlss.yaml), so a finance bureau adapts it without a
programmer. Its cells are texts and the same {{markers}} as table.xlsx.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from core.errors import Problem, TemplateError
from core.numbers import plain

from . import xlsx_markers as mk

ROW_MAP = "xmlss.yaml"
SUFFIX = "xml"            # the file name the import dialog of the 一体化系统 accepts
NS = "urn:schemas-microsoft-com:office:spreadsheet"
MAX_ROWS = 500            # a row map describes one table, not a database
_FIX = "参照 templates/mof-project/xmlss.yaml 的写法"


def row_map_path(template) -> Path:
    return Path(template.folder or ".") / ROW_MAP


def load_row_map(template) -> dict:
    """The row map, checked; TemplateError naming every problem (in Chinese)."""
    path = row_map_path(template)
    where = str(path)
    if not path.is_file():
        raise TemplateError(str(template.folder), [Problem(
            "file.missing", where, f"模板“{template.name}”没有一体化系统导入格式的行布局 {ROW_MAP}",
            "从 templates/mof-project 复制 xmlss.yaml 并按本地系统的导入模板修改")])
    from core import template_files
    raw = template_files.read(path.parent, path.name)   # no link, bounded (LIMITS["xmlss.yaml"])
    from core.form_yaml import read_form
    try:
        data = read_form(raw, where)
    except TemplateError as exc:   # say which file: read_form speaks of form.yaml
        raise TemplateError(where, [Problem(p.code, p.where.replace("form.yaml", ROW_MAP), p.what, p.fix)
                                    for p in exc.problems]) from None
    problems = shape_problems(data)
    if problems:
        raise TemplateError(where, [Problem("layout.xmlss", f"{ROW_MAP} {w}", what, _FIX) for w, what in problems])
    return data


def shape_problems(data) -> list[tuple[str, str]]:
    """(where, what) for a row map that is not {sheet, width, rows: [{at, cells | each}]}."""
    if not isinstance(data, dict):
        return [("（文件顶层）", "应为键值对（sheet: …, width: …, rows: …）")]
    out = []
    width = data.get("width")
    if not isinstance(width, int) or isinstance(width, bool) or not 1 <= width <= 100:
        out.append(("width", "每行单元格数 width 应为 1–100 的整数"))
    if not isinstance(data.get("sheet", ""), str):
        out.append(("sheet", "工作表名 sheet 应为文字"))
    rows = data.get("rows")
    if not isinstance(rows, list) or not rows:
        return out + [("rows", "rows 应为行的列表")]
    last = 0
    for i, row in enumerate(rows):
        where = f"rows[{i}]"
        if not isinstance(row, dict):
            out.append((where, "每行应为 {at: 行号, cells: [...]}"))
            continue
        at = row.get("at")
        if not isinstance(at, int) or isinstance(at, bool) or not last < at <= MAX_ROWS:
            out.append((f"{where}.at", f"行号应为大于上一行（{last}）、不超过 {MAX_ROWS} 的整数"))
        else:
            last = at
        cells = row.get("cells")
        if not isinstance(cells, list) or not all(isinstance(c, (str, int, float)) and not isinstance(c, bool)
                                                  for c in cells):
            out.append((f"{where}.cells", "cells 应为文字或标记的列表"))
        elif isinstance(width, int) and len(cells) > width:
            out.append((f"{where}.cells", f"有 {len(cells)} 个单元格，多于 width {width}"))
        each = row.get("each")
        if each is not None and each != "ind":
            out.append((f"{where}.each", "each 只能是 ind（每条绩效指标一行）"))
        if each is not None and i != len(rows) - 1:
            out.append((f"{where}.each", "按指标重复的行只能是最后一项（其后的行号无法确定）"))
        unknown = set(row) - {"at", "cells", "each", "min_depth"}
        if unknown:
            out.append((where, f"不认识的键：{'、'.join(sorted(map(str, unknown)))}"))
    return out


def render(template, ctx: dict) -> bytes:
    spec = load_row_map(template)
    width = spec["width"]
    where = f"{ROW_MAP}"
    problems: list[Problem] = []
    rows: dict[int, list] = {}
    for row in spec["rows"]:
        if row.get("each") == "ind":
            min_depth = int(row.get("min_depth", 2))
            items = [it for it in ctx["indicator_rows"] if it["depth"] >= min_depth and it.get("rule")]
            for n, item in enumerate(items):
                rows[row["at"] + n] = [_value(c, item, ctx, f"{where} 第 {row['at']} 行", problems)
                                       for c in row["cells"]]
        else:
            rows[row["at"]] = [_value(c, None, ctx, f"{where} 第 {row['at']} 行", problems) for c in row["cells"]]
    if problems:
        first = {}
        for p in problems:
            first.setdefault(p.what, p)
        raise TemplateError(str(row_map_path(template)), list(first.values()))
    last = max(rows) if rows else 0
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<?mso-application progid="Excel.Sheet"?>',
           f'<Workbook xmlns="{NS}" xmlns:o="urn:schemas-microsoft-com:office:office" '
           f'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="{NS}" '
           'xmlns:html="http://www.w3.org/TR/REC-html40">',
           '<Styles><Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Center" ss:WrapText="1"/>'
           '<Font ss:FontName="宋体" ss:Size="11"/></Style>'
           '<Style ss:ID="n"><NumberFormat ss:Format="0.00"/></Style></Styles>',
           f'<Worksheet ss:Name="{_attr(spec.get("sheet") or "Sheet1")}">',
           f'<Table ss:ExpandedColumnCount="{width}" ss:ExpandedRowCount="{last}" x:FullColumns="1" x:FullRows="1">']
    for r in range(1, last + 1):
        values = rows.get(r, [])
        cells = [_cell(values[i] if i < len(values) else None) for i in range(width)]
        out.append("<Row>" + "".join(cells) + "</Row>")
    out += ["</Table>", "</Worksheet>", "</Workbook>", ""]
    return "\n".join(out).encode("utf-8")


def _value(source, item, ctx, where, problems):
    """A cell of the row map → Decimal, text or None (an empty placeholder)."""
    if not isinstance(source, str):
        return Decimal(str(source))
    names = mk.MARKER.findall(source)
    values = {}
    for name in names:
        try:
            values[name] = (mk.resolve_item(name, item, ctx) if item is not None and mk.list_of(name) == "ind"
                            else mk.resolve(name, ctx))
        except KeyError:
            problems.append(mk.unknown(where, name))
    if len(values) != len(names):
        return None
    whole = mk.MARKER.fullmatch(source.strip())
    if whole:
        raw = values[names[0]].raw
        return raw if raw is None or isinstance(raw, Decimal) else str(raw)
    return mk.MARKER.sub(lambda m: values[m.group(1)].as_text(), source)


def _cell(value) -> str:
    if value is None or value == "":
        return '<Cell><Data ss:Type="String"></Data></Cell>'
    if isinstance(value, Decimal):
        return f'<Cell ss:StyleID="n"><Data ss:Type="Number">{plain(value)}</Data></Cell>'
    return f'<Cell><Data ss:Type="String">{_text(value)}</Data></Cell>'


def _text(value: str) -> str:
    return escape(value).replace("\n", "&#10;")


def _attr(value: str) -> str:
    return escape(value[:31], {'"': "&quot;"})   # Excel's limit for a sheet name


def lint_layout(template, path) -> list[str]:
    """validate-template's check of xmlss.yaml: its shape, and every marker against a test draft."""
    try:
        load_row_map(template)
        from .lint import context_for, hostile_draft
        render(template, context_for(template, hostile_draft(template)))
    except TemplateError as exc:
        return [f"{ROW_MAP}：{p.where} {p.what}" + (f" —— {p.fix}" if p.fix else "") for p in exc.problems]
    return []

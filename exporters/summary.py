"""The 项目支出绩效自评结果汇总表 as Excel and Word bytes.

The layout is a folder like a template's (summaries/project: summary.xlsx,
summary.docx) so a 财政局 can change it in Excel/WPS/Word. The xlsx carries
{{name}} markers: the row holding {{r.…}} repeats once per project; a cell that
is exactly one money/rate/score marker gets the number itself (a Decimal,
formatted 0.00 / 0.00"%"), never text. The docx is a docxtpl layout rendered in
the one sandboxed Jinja environment. Figures come from core/summary.py.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from core.errors import Problem, TemplateError
from core.format import money, pct
from core.summary import Summary, grade_line, starter_text, table_rows

SUMMARIES = Path(__file__).resolve().parent.parent / "summaries"
SHIPPED = SUMMARIES / "project"
# the kinds of draft a 汇总表 sums (core.summary.summarize), each with its shipped layout folder and title
TITLES = {"project": "项目支出绩效自评结果汇总表", "dept-overall": "部门整体支出绩效自评结果汇总表"}
FORMATS = {"xlsx": "summary.xlsx", "docx": "summary.docx"}
BLANK = "＿" * 6          # room to sign by hand
MARKER = re.compile(r"\{\{\s*([A-Za-z_][\w.]*)\s*\}\}")
# a cell holding only one of these markers gets a number: (value key, number format)
NUMBERS = {"r.no": ("no", "0"), "r.budget": ("budget_value", "0.00"), "r.actual": ("actual_value", "0.00"),
           "r.rate": ("rate_value", '0.00"%"'), "r.total": ("total_value", "General"),
           "total.budget": ("budget_value", "0.00"), "total.actual": ("actual_value", "0.00"),
           "total.rate": ("rate_value", '0.00"%"'), "count": ("count", "0")}


def _common(values) -> str:
    found = {v for v in values if v}
    return found.pop() if len(found) == 1 else ""


def context(s: Summary, unit: str = "", today: date | None = None, kind: str = "project") -> dict:
    """Everything a layout can name (summaries/README.md lists it)."""
    year = _common(e.year for e in s.rows)
    unit = unit or _common(e.department for e in s.rows) or (_common(e.unit for e in s.rows) if kind == "project" else "")
    today = today or date.today()
    return {
        "kind": kind, "title": f"{year + '年度' if year else ''}{TITLES[kind]}",
        "year": year, "unit": unit, "count": len(s.rows), "rows": table_rows(s),
        "total": {"budget": money(s.budget), "actual": money(s.actual), "rate": pct(s.rate),
                  "budget_value": s.budget, "actual_value": s.actual, "rate_value": s.rate},
        "grades": grade_line(s), "grade_counts": dict(s.grades),
        "starter": starter_text(s) if kind == "project" else "",
        "sign": {"head": BLANK, "finance": BLANK, "filler": BLANK, "phone": BLANK,
                 "date": f"{today.year}年{today.month}月{today.day}日"},
    }


def layout_file(folder: str | Path | None, fmt: str, kind: str = "project") -> Path:
    path = Path(folder or SUMMARIES / kind) / FORMATS[fmt]
    if not path.is_file():
        raise TemplateError(str(path.parent), [Problem("file.missing", str(path), f"汇总表版式缺少 {FORMATS[fmt]}",
                                                       f"从程序的 summaries/{kind} 文件夹复制 {FORMATS[fmt]}")])
    return path


def render(fmt: str, ctx: dict, folder: str | Path | None = None) -> bytes:
    """`folder`: a 财政局's own layout folder; by default the shipped one for ctx's kind."""
    if fmt not in FORMATS:
        raise ValueError(f"汇总表不支持的格式“{fmt}”（可用：{'、'.join(FORMATS)}）")
    path = layout_file(folder, fmt, ctx.get("kind", "project"))
    return render_xlsx(path, ctx) if fmt == "xlsx" else render_docx(path, ctx)


def _layout_bytes(path: Path) -> bytes:
    """A summary layout read through the template gate: no links, bounded, no zip bomb or DTD."""
    from core import template_files
    return template_files.read(path.parent, path.name)


def render_docx(path: Path, ctx: dict) -> bytes:
    from .env import environment, render_budget
    from .layout_links import notify, strip_docx
    from .word import LayoutError, describe, near_text, open_layout
    doc = open_layout(_layout_bytes(path))
    try:
        with render_budget():
            doc.render(ctx, jinja_env=environment(autoescape=True), autoescape=True)
        out = io.BytesIO()
        doc.save(out)
    except Exception as exc:  # a failure inside a layout is the layout's
        raise LayoutError(path, f"无法生成汇总表：{describe(exc, near_text(doc, exc))}") from exc
    data, notices = strip_docx(out.getvalue(), path.name)   # no field or hyperlink reaching outside
    notify(notices)
    return data


def _lookup(ctx: dict, name: str):
    value = ctx
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(name)
        value = value[part]
    return value


def render_xlsx(path: Path, ctx: dict) -> bytes:
    from openpyxl import load_workbook

    from .layout_links import notify, strip_xlsx
    from .xlsx_rows import copy_row, fit_heights, insert_rows, write_text
    raw = _layout_bytes(path)
    try:
        wb = load_workbook(io.BytesIO(raw))
    except Exception as exc:  # corrupt zip, bad XML, refused entity
        raise TemplateError(str(path), [Problem("layout.xlsx", str(path), f"汇总表 Excel 版式无法读取（{type(exc).__name__}）",
                                                "从程序的 summaries/project 文件夹复制 summary.xlsx 再修改")]) from exc
    ws = wb.worksheets[0]
    loop_rows = sorted({c.row for row in ws.iter_rows() for c in row
                        if isinstance(c.value, str) and "{{" in c.value and re.search(r"\{\{\s*r\.", c.value)})
    if len(loop_rows) > 1:
        raise TemplateError(str(path), [Problem("xlsx.row", str(path), f"第 {loop_rows} 行都有 r. 标记，只能有一行重复",
                                                "把 {{r.…}} 标记都放在同一行")])
    rows = ctx["rows"]
    cells: list[tuple[object, dict]] = []        # (cell, the names it may use)
    if loop_rows:
        first = loop_rows[0]
        if len(rows) > 1:
            insert_rows(ws, first, len(rows) - 1)
            copy_row(ws, first, range(first + 1, first + len(rows)))
            for col in range(1, ws.max_column + 1):
                source = ws.cell(row=first, column=col).value
                for i in range(1, len(rows)):
                    ws.cell(row=first + i, column=col).value = source
        for i, row in enumerate(rows or [None]):
            for c in ws[first + i]:
                cells.append((c, {**ctx, "r": row} if row else None))
    looped = {id(c) for c, _ in cells}
    cells += [(c, ctx) for row in ws.iter_rows() for c in row if id(c) not in looped]
    problems, written = [], []
    for cell, names in cells:
        if not isinstance(cell.value, str) or "{{" not in cell.value:
            continue
        if names is None:            # no project at all: the repeating row stays, empty
            cell.value = None
            continue
        whole = MARKER.fullmatch(cell.value.strip())
        if whole and whole.group(1) in NUMBERS:
            key, fmt = NUMBERS[whole.group(1)]
            scope = names["r"] if whole.group(1).startswith("r.") else names["total"] if "." in whole.group(1) else names
            value = scope.get(key)
            cell.value = value
            if value is not None:
                cell.number_format = fmt
            else:
                write_text(cell, "—")
            continue

        def fill(m):
            try:
                value = _lookup(names, m.group(1))
            except KeyError:
                problems.append(Problem("xlsx.marker", f"{path.name} {cell.coordinate}",
                                        f"用到了汇总表中没有的名称“{m.group(1)}”", "可用名称见 summaries/README.md"))
                return ""
            return "" if value is None else str(value)
        write_text(cell, MARKER.sub(fill, cell.value))
        written.append((cell.row, cell.column))
    if problems:
        raise TemplateError(str(path), problems)
    fit_heights(ws, written)
    notify(strip_xlsx(wb, path.name))   # no DDE, outside-workbook or WEBSERVICE formula is exported
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

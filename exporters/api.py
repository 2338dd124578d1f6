"""One door to every output format. Each format module exposes
`render(template, ctx) -> bytes` and imports its heavy library lazily."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from core.errors import Problem, TemplateError
from core.evaluate import Result, evaluate
from core.template import Template

from .context import build

FORMATS = {"docx": "exporters.word", "xlsx": "exporters.excel", "pdf": "exporters.pdf"}
LABELS = {"docx": "Word 自评报告", "xlsx": "Excel 自评表", "pdf": "PDF 打印稿"}
# Excel 2003 XML for the province's 预算管理一体化系统 (row map beside each template)
FORMATS["xmlss"], LABELS["xmlss"] = "exporters.xmlss", "一体化系统导入格式"

# Laying out and painting the printed pages costs about 0.3 s of CPU per 1,000 table rows
# (exporters/print_table.py; a layout it cannot draw itself goes through QTextDocument, about
# 2.5 s), so a PDF of a draft beyond these is refused up front with a message rather than keep
# the window busy. A real 自评表 prints ~30 rows and ~2,000 characters; Word and Excel have no
# such limit.
PDF_MAX_ROWS = 1_000
PDF_MAX_TEXT = 200_000


class TooLarge(ValueError):
    """An export refused for its size, said plainly (not a template problem)."""


@dataclass(frozen=True)
class Output:
    data: bytes
    note: str | None = None     # for the clerk: PDF characters no font on this PC can draw (printed blank)


def check_print_size(template: Template, ctx: dict, what: str = "PDF 打印稿") -> str:
    """The print layout's HTML (the PDF is laid out from it: rendered once), or
    TooLarge when the printed pages would exceed PDF_MAX_ROWS / PDF_MAX_TEXT (the
    PDF export and the window's print and preview alike)."""
    import re

    from .printing import html
    page = html(template, ctx)
    rows = len(re.findall(r"<tr[\s>]", page, re.I))
    text = len(re.sub(r"<[^>]*>", "", page))
    if rows > PDF_MAX_ROWS or text > PDF_MAX_TEXT:
        raise TooLarge(f"草稿太大，{what}未生成：打印稿最多 {PDF_MAX_ROWS} 行表格、{PDF_MAX_TEXT} 个字符，"
                       f"本稿有 {rows} 行、{text} 个字符。Word 自评报告和 Excel 自评表不受此限，可照常导出后打印")
    return page


def export(fmt: str, template: Template, ctx: dict, notices: list[str] | None = None) -> Output:
    """One format from a context already built (the window and the command line
    evaluate and build once, then hand the same context to every format, the
    file name and the PDF's font check). `notices` gets a Chinese line for each thing
    taken out of the layout (a formula or field reaching outside the file,
    exporters/layout_links.py)."""
    if fmt not in FORMATS:
        raise ValueError(f"不支持的导出格式“{fmt}”（可用：{'、'.join(FORMATS)}）")
    module = importlib.import_module(FORMATS[fmt])
    from .env import render_budget
    from .layout_links import collecting
    note = None
    with collecting() as removed, render_budget():   # one budget for the whole layout
        if fmt == "pdf":         # laid out from the HTML the size check rendered; the font
            page = check_print_size(template, ctx)      # check reads the document the PDF was painted from
            data, note = module.render_with_note(template, ctx, page)
        else:
            data = module.render(template, ctx)
    if notices is not None:
        notices.extend(removed)
    if fmt in ("docx", "xlsx"):  # an export never carries a link Word/WPS would follow on opening
        from .lint import external_links
        problems = external_links(f"{fmt} 版式", data)
        if problems:
            folder = template.folder or "."
            raise TemplateError(str(folder), [Problem("layout.external", str(folder), p) for p in problems])
    return Output(data, note)


def export_bytes(fmt: str, template: Template, draft, result: Result | None = None, ctx: dict | None = None,
                 notices: list[str] | None = None) -> bytes:
    """One format's bytes; evaluates and builds the context unless given them."""
    if ctx is None:
        ctx = build(template, draft, result or evaluate(template, draft))
    return export(fmt, template, ctx, notices).data


def suffix(fmt: str) -> str:
    """The file ending a format is written with (xmlss is written as .xml)."""
    return getattr(importlib.import_module(FORMATS[fmt]), "SUFFIX", fmt)


def file_stem(ctx: dict) -> str:
    """A file name a clerk recognises: 2021年度广州市花都区信访局部门整体支出绩效自评报告."""
    from core.outputs import safe_name
    return safe_name(ctx.get("report_title") or ctx["template"]["name"])

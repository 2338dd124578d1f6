"""One door to every output format. Each format module exposes
`render(template, ctx) -> bytes` and imports its heavy library lazily."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from core.evaluate import Result, evaluate
from core.template import Template

from .context import build

FORMATS = {"docx": "exporters.word", "xlsx": "exporters.excel", "pdf": "exporters.pdf"}
LABELS = {"docx": "Word 自评报告", "xlsx": "Excel 自评表", "pdf": "PDF 打印稿"}


@dataclass(frozen=True)
class Output:
    data: bytes
    note: str | None = None     # for the clerk: PDF characters no font on this PC can draw (printed blank)


def export(fmt: str, template: Template, ctx: dict) -> Output:
    """One format from a context already built (the window and the command line
    evaluate and build once, then hand the same context to every format, the
    file name and the PDF's font check)."""
    if fmt not in FORMATS:
        raise ValueError(f"不支持的导出格式“{fmt}”（可用：{'、'.join(FORMATS)}）")
    module = importlib.import_module(FORMATS[fmt])
    if fmt == "pdf":             # the font check reads the document the PDF was painted from
        data, note = module.render_with_note(template, ctx)
        return Output(data, note)
    data = module.render(template, ctx)
    # an export never carries a link Word/WPS would follow on opening
    from .lint import external_links
    problems = external_links(f"{fmt} 版式", data)
    if problems:
        from core.errors import Problem, TemplateError
        folder = template.folder or "."
        raise TemplateError(str(folder), [Problem("layout.external", str(folder), p) for p in problems])
    return Output(data)


def export_bytes(fmt: str, template: Template, draft, result: Result | None = None, ctx: dict | None = None) -> bytes:
    """One format's bytes; evaluates and builds the context unless given them."""
    if fmt not in FORMATS:
        raise ValueError(f"不支持的导出格式“{fmt}”（可用：{'、'.join(FORMATS)}）")
    if ctx is None:
        ctx = build(template, draft, result or evaluate(template, draft))
    return export(fmt, template, ctx).data


def file_stem(ctx: dict) -> str:
    """A file name a clerk recognises: 2021年度广州市花都区信访局部门整体支出绩效自评报告."""
    from core.outputs import safe_name
    return safe_name(ctx.get("report_title") or ctx["template"]["name"])

"""One door to every output format. Each format module exposes
`render(template, ctx) -> bytes` and imports its heavy library lazily."""

from __future__ import annotations

import importlib

from core.evaluate import Result, evaluate
from core.template import Template

from .context import build

FORMATS = {"docx": "exporters.word", "xlsx": "exporters.excel", "pdf": "exporters.pdf"}
LABELS = {"docx": "Word 自评报告", "xlsx": "Excel 自评表", "pdf": "PDF 打印稿"}
FORMATS["xmlss"], LABELS["xmlss"] = "exporters.xmlss", "一体化系统导入格式"  # Excel 2003 XML, DOMAIN.md §9.4


def export_bytes(fmt: str, template: Template, draft, result: Result | None = None, ctx: dict | None = None) -> bytes:
    """`ctx`: a context already built for this draft (exporting several formats builds it once)."""
    if fmt not in FORMATS:
        raise ValueError(f"不支持的导出格式“{fmt}”（可用：{'、'.join(FORMATS)}）")
    if ctx is None:
        ctx = build(template, draft, result or evaluate(template, draft))
    module = importlib.import_module(FORMATS[fmt])
    data = module.render(template, ctx)
    if fmt in ("docx", "xlsx"):  # an export never carries a link Word/WPS would follow on opening
        from .lint import external_links
        problems = external_links(f"{fmt} 版式", data)
        if problems:
            from core.errors import Problem, TemplateError
            folder = template.folder or "."
            raise TemplateError(str(folder), [Problem("layout.external", str(folder), p) for p in problems])
    return data


def file_stem(ctx: dict) -> str:
    """A file name a clerk recognises: 2021年度广州市花都区信访局部门整体支出绩效自评报告."""
    from core.outputs import safe_name
    return safe_name(ctx.get("report_title") or ctx["template"]["name"])

"""validate-template checks for the Excel and print layouts (the Word one is
docx_lint.py): render the shared hostile draft, and require every problem to
be a Chinese line naming the file, and the clerk's text to come out as typed."""

from __future__ import annotations

import html as html_lib
import io

from core.errors import TemplateError

from .lint import context_for, hostile_draft, hostile_expected


def _problems(name: str, exc: TemplateError) -> list[str]:
    return [f"{name}：{p.what}" + (f" —— {p.fix}" if p.fix else "") for p in exc.problems]


def lint_xlsx(template, path) -> list[str]:
    from openpyxl import load_workbook

    from . import excel

    from .layout_links import xlsx_problems
    links = [f"{path.name} {where}：{why} —— 删除它，或改为只引用本表单元格的公式" for where, why, _ in
             xlsx_problems(load_workbook(io.BytesIO(excel.read_layout(template))))]
    if links:
        return links
    try:
        data = excel.render(template, context_for(template, hostile_draft(template)))
    except TemplateError as exc:
        return _problems(path.name, exc)
    except Exception as exc:  # noqa: BLE001 - any failure of a layout is reported, never raised
        return [f"{path.name}：试填时出错（{type(exc).__name__}）"]
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    expected = hostile_expected()
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and expected in c.value]
    if not cells:
        return [f"{path.name}：试填的文字没有出现在表格中（版式里缺少文字字段的标记？）"]
    if any(c.data_type != "s" for c in cells):
        return [f"{path.name}：以“=”开头的文字被写成了公式"]
    return []


def lint_print(template, path) -> list[str]:
    from .printing import html

    try:
        page = html(template, context_for(template, hostile_draft(template)))
    except TemplateError as exc:
        return _problems(path.name, exc)
    except Exception as exc:  # noqa: BLE001
        return [f"{path.name}：试填时出错（{type(exc).__name__}）"]
    first_line = hostile_expected().split("\n")[0]
    if html_lib.escape(first_line, quote=False) not in page.replace("&#34;", '"').replace("&#39;", "'"):
        return [f"{path.name}：试填的文字没有原样出现（是否用了 |safe 或漏了文字字段？）"]
    return []

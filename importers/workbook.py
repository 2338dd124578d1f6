"""One call from a file to a draft: read the workbook, choose the sheet and the
template by their header cells, read the table (used by `import-xlsx`,
`new --from LAST_YEAR.xlsx` and the window's 文件 → 从 Excel 导入)."""

from __future__ import annotations

from core.draft import Draft
from core.template import Template

from .sheet import WorkbookError, read_workbook
from .table import Report, best_match, read_table

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
MIN_AGREEMENT = 0.3   # below this share of a template's fixed texts the sheet is not that table


def is_excel(path) -> bool:
    return str(path).lower().endswith(EXCEL_SUFFIXES)


def import_table(path, templates: list[Template], sheet_name: str | None = None) -> tuple[Draft, Report]:
    """`templates`: the candidates (one, when the clerk chose it). WorkbookError says why not."""
    sheets = read_workbook(path)
    if sheet_name is not None:
        sheets = [s for s in sheets if s.name == sheet_name]
        if not sheets:
            raise WorkbookError(f"工作簿中没有名为“{sheet_name}”的工作表")
    if not sheets:
        raise WorkbookError("工作簿中没有可见的工作表")
    found = best_match(sheets, templates)
    if found is None or found[2] < MIN_AGREEMENT:
        names = "、".join(t.name for t in templates) or "无"
        raise WorkbookError(f"没有在工作簿中找到自评表的表头（项目名称、一级指标、三级指标、分值、得分等），"
                            f"不像是以下格式之一：{names}")
    sheet, template, _ = found
    draft, report = read_table(sheet, template)
    others = [s.name for s in sheets if s is not sheet]
    if others and sheet_name is None:
        report.notes.append(f"工作簿还有 {len(others)} 张工作表（{'、'.join(others[:5])}"
                            f"{'等' if len(others) > 5 else ''}）未导入；要导入其中一张，用 --sheet 指定表名")
    if any(True for _ in template.report_sections()):
        report.notes.append("Excel 表中没有自评报告正文，报告各章节为空，请在程序中填写")
    return draft, report


def load_excel(path, template_id: str | None = None, sheet: str | None = None, installed=None):
    """(draft, report), or a Chinese reason (str) why the file cannot become a draft.
    `template_id`: read the table as that template instead of choosing by its headers."""
    from core.registry import scan

    installed = installed or scan()
    if template_id:
        template = installed.newest(template_id)
        if template is None:
            return f"没有名为“{template_id}”的模板；已安装：{'、'.join(sorted(installed.templates)) or '无'}"
        candidates = [template]
    else:
        candidates = [versions[0] for _, versions in sorted(installed.templates.items())]
    try:
        return import_table(path, candidates, sheet)
    except WorkbookError as exc:
        return str(exc)

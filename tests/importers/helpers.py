"""Building test workbooks: rows of cell values, merges, widths — as a clerk's table would be."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter


def build_xlsx(path, rows: dict[int, dict[int, object]], merges: list[str] = (), widths: dict[int, float] = None,
               title: str = "Sheet1", number_formats: dict[str, str] = None) -> None:
    """rows: {row: {col: value}} (1-based); merges: "A1:I1" ranges."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for r, cols in rows.items():
        for c, v in cols.items():
            ws.cell(row=r, column=c, value=v)
    for m in merges:
        ws.merge_cells(m)
    for c, w in (widths or {}).items():
        ws.column_dimensions[get_column_letter(c)].width = w
    for ref, fmt in (number_formats or {}).items():
        ws[ref].number_format = fmt
    wb.save(path)


def check_summary(template, draft) -> tuple:
    """What the round trip must keep: total, grade and finding codes with their places.
    The report's chapters (sections.*) are not in an Excel table, so they are left out."""
    from core.evaluate import evaluate
    r = evaluate(template, draft)

    def place(field: str) -> str:   # a row the import added has its own id: name it by its 三级指标
        parts = field.split(".")
        if parts[0] == "indicators" and parts[1] in r.scores.nodes:
            parts[1] = r.scores.nodes[parts[1]].name
        return ".".join(parts)
    codes = sorted((f.code, place(f.field)) for f in r.findings if not f.field.startswith("sections."))
    return r.scores.total, r.scores.grade, codes

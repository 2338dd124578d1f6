"""Write summaries/<kind>/summary.docx and summary.xlsx: the 项目支出 (project) and 部门整体
(dept-overall) 绩效自评结果汇总表 layouts.

    python tools/build_summary_layout.py

A 财政局 may instead edit the two files in Word/WPS/Excel; summaries/README.md
lists the names they can use. Both are A4 landscape with the unit's signature block.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.shared import Mm  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Alignment, Border, Font, Side  # noqa: E402

from tools.build_docx_layout import FIXED_TIME, _stable_zip, build, table, text  # noqa: E402

OUT = ROOT / "summaries"
MONEY = ["全年预算数\n（万元）", "全年执行数\n（万元）", "执行率", "自评得分", "等级", "审核状态"]
MONEY_ROW = ["{{r.budget}}", "{{r.actual}}", "{{r.rate}}", "{{r.total}}", "{{r.grade}}", "{{r.audit}}"]
MONEY_TOTAL = ["{{total.budget}}", "{{total.actual}}", "{{total.rate}}", "", "", ""]
# one layout folder per kind of draft summed: (headers, the repeating row, the 合计 row, what it is called)
KINDS = {
    "project": (["序号", "项目名称", "实施单位"] + MONEY, ["{{r.no}}", "{{r.project}}", "{{r.unit}}"] + MONEY_ROW,
                ["合计", None, "{{count}}个项目"] + MONEY_TOTAL, "项目支出绩效自评结果汇总表"),
    "dept-overall": (["序号", "单位名称", "主管部门"] + MONEY, ["{{r.no}}", "{{r.unit}}", "{{r.department}}"] + MONEY_ROW,
                     ["合计", None, "{{count}}个单位"] + MONEY_TOTAL, "部门整体支出绩效自评结果汇总表"),
}
WIDTHS_MM = [12, 62, 50, 26, 26, 20, 18, 13, 40]          # 267 mm: A4 landscape less 15 mm margins
TITLE = "{{title}}"
UNIT_LINE = "填报单位（盖章）：{{unit}}"
GRADES_LINE = "自评等级：{{grades}}"
SIGNATURE = "单位负责人：{{sign.head}}    财务负责人：{{sign.finance}}    填表人：{{sign.filler}}    " \
            "联系电话：{{sign.phone}}    填报日期：{{sign.date}}"
STAMP = "（单位盖章）"


def docx_body(doc, kind: str = "project") -> None:
    headers, row, total, _ = KINDS[kind]
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    sec.top_margin, sec.bottom_margin = Mm(18), Mm(15)
    sec.left_margin = sec.right_margin = Mm(15)
    text(doc, TITLE, "Title")
    text(doc, UNIT_LINE + "          金额单位：万元", "表格正文左")
    rows = [headers, ["{%tr for r in rows %}"] + [None] * 8, row, ["{%tr endfor %}"] + [None] * 8, total]
    t = table(doc, WIDTHS_MM, rows, header_rows=1)
    for cells in (t.rows[2].cells[1], t.rows[2].cells[2]):  # names read better left-aligned
        cells.paragraphs[0].style = doc.styles["表格正文左"]
    text(doc, "", "表格正文左")            # a blank line between the table and what is under it
    text(doc, GRADES_LINE, "表格正文左")
    text(doc, "", "表格正文左")
    text(doc, SIGNATURE, "表格正文左")
    text(doc, STAMP, "盖章")


def build_docx(kind: str = "project") -> bytes:
    return build(parts=(lambda doc: docx_body(doc, kind),), title=f"{KINDS[kind][3]}（版式）")


def build_xlsx(kind: str = "project") -> bytes:
    headers, row_markers, total, _ = KINDS[kind]
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总表"
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    body, head = Font(name="仿宋", size=11), Font(name="宋体", size=11, bold=True)
    ncol = len(headers)

    def line(row, value, font, align, height):
        ws.cell(row=row, column=1, value=value).font = font
        ws.cell(row=row, column=1).alignment = align
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncol)
        ws.row_dimensions[row].height = height

    line(1, TITLE, Font(name="宋体", size=16, bold=True), center, 30)
    line(2, UNIT_LINE + "          金额单位：万元", body, left, 20)
    for row, values, font in ((3, headers, head), (4, row_markers, body), (5, total, head)):
        for col, value in enumerate(values, 1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.font, cell.border = font, box
            cell.alignment = left if (row == 4 and col in (2, 3)) else center
        ws.row_dimensions[row].height = 36 if row == 3 else 22
    ws.merge_cells(start_row=5, start_column=1, end_row=5, end_column=2)
    line(6, GRADES_LINE, body, left, 20)
    line(7, SIGNATURE, body, left, 24)
    line(8, STAMP, body, Alignment(horizontal="right", vertical="center"), 30)
    for col, mm in enumerate(WIDTHS_MM, 1):
        ws.column_dimensions[ws.cell(row=3, column=col).column_letter].width = round(mm / 2.1, 1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.8
    ws.page_margins.header, ws.page_margins.footer = 0.3, 0.4
    ws.print_title_rows = "3:3"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    wb.properties.creator, wb.properties.lastModifiedBy = "绩效自评填报", ""
    wb.properties.created = wb.properties.modified = FIXED_TIME   # same bytes on every run
    out = io.BytesIO()
    wb.save(out)
    return _stable_zip(out.getvalue())


if __name__ == "__main__":
    for kind in KINDS:
        (OUT / kind).mkdir(parents=True, exist_ok=True)
        (OUT / kind / "summary.docx").write_bytes(build_docx(kind))
        (OUT / kind / "summary.xlsx").write_bytes(build_xlsx(kind))
        print(OUT / kind)

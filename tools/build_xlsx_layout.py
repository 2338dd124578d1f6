"""Build templates/gd-dept-overall/table.xlsx, the Excel layout of the 自评表.

    /tmp/venv/bin/python tools/build_xlsx_layout.py [--out PATH]

The layout is an ordinary workbook: a template author may open it in Excel or
WPS and move, restyle, widen or delete things without touching code. The
exporter (exporters/excel.py) finds where to write by MARKERS typed into cells:

* ``{{unit_name}}``, ``{{total}}``, ``{{cell.spending.basic.actual}}``,
  ``{{group.mgmt.score}}`` … — a name from the render context
  (docs/render-context.md). A cell holding only a marker gets the value itself
  (a number stays a number); markers inside text (``（{{year}}年度）``,
  ``单位负责人：{{unit_head}}``) are replaced by the formatted value.
* Repeating rows: a row with ``{{ind.…}}`` markers is copied once per
  indicator (keys l1 l2 l3 name weight target actual score note criteria);
  ``{{grp.…}}`` once per 一级指标 subtotal (name weight score);
  ``{{grid.<grid id>.…}}`` once per row of that money grid (label, or a column
  id such as initial budget actual rate). The row's styles, merges and height
  are copied; everything below moves down.
* A cell holding ``{{ind.l1}}`` or ``{{ind.l2}}`` is merged down over the rows
  of the same 一级/二级 indicator.
* A marker cell whose number format is 通用/General gets the program's format
  (money 0.00, 执行率 0.00"%" on the percent number itself, scores with the
  template's decimals); set any other format in Excel and it is kept.

Print setup (A4 landscape, fit to one page wide, repeated header row, footer
"第 &P 页 共 &N 页") lives in the workbook too and can be changed in Excel.
Run this script again after changing it; the output is committed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Alignment, Border, Font, Side  # noqa: E402
from openpyxl.worksheet.properties import PageSetupProperties  # noqa: E402

from core.registry import load_template  # noqa: E402

FOLDER = ROOT / "templates" / "gd-dept-overall"
SHEET = "部门整体支出绩效自评表"
# 一级 | 二级 | 三级 | 分值 | 指标值 | 完成值 | 得分 | 偏差原因
WIDTHS = {"A": 10, "B": 20, "C": 22, "D": 7, "E": 16, "F": 24, "G": 7, "H": 28}
HEADINGS = ["一级指标", "二级指标", "三级指标", "分值", "指标值", "完成值", "得分", "偏差原因"]
IND_KEYS = ["l1", "l2", "l3", "weight", "target", "actual", "score", "note"]
GRID_SLOTS = [(3, 3), (4, 5), (6, 6), (7, 8)]   # four money columns over C..H

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE = Font(name="宋体", size=18, bold=True)
HEAD = Font(name="宋体", size=10.5, bold=True)
BODY = Font(name="仿宋", size=10.5)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
# 一级/二级 merge down many rows; text at the top stays whole when a page breaks inside the merge
TOP = {"l1": Alignment(horizontal="center", vertical="top", wrap_text=True),
       "l2": Alignment(horizontal="left", vertical="top", wrap_text=True)}


class Sheet:
    """Small helpers so each layout row reads as one line below."""

    def __init__(self, ws):
        self.ws = ws

    def put(self, row, c1, c2, value, font=BODY, align=LEFT, box=True, rows=1):
        ws = self.ws
        cell = ws.cell(row=row, column=c1, value=value or None)
        cell.font, cell.alignment = font, align
        for r in range(row, row + rows):
            for c in range(c1, c2 + 1):
                edge = ws.cell(row=r, column=c)
                if box:
                    edge.border = BOX
                edge.font, edge.alignment = font, align
        if c2 > c1 or rows > 1:
            ws.merge_cells(start_row=row, start_column=c1, end_row=row + rows - 1, end_column=c2)
        return cell

    def score_rows(self, row, last, weight_col, score_col, total_label, grade_label):
        """The rows under every indicator table: 小计 per 一级 group (a marker row the
        exporter repeats), then 总分 and 等级. The label spans the columns before 分值."""
        for r, label, weight, score in ((row, "{{grp.name}}小计", "{{grp.weight}}", "{{grp.score}}"),
                                        (row + 1, total_label, "{{full_marks}}", "{{total}}")):
            self.put(r, 1, weight_col - 1, label, HEAD, CENTER)
            self.put(r, weight_col, weight_col, weight, HEAD, CENTER)
            self.put(r, weight_col + 1, score_col - 1, "")
            self.put(r, score_col, score_col, score, HEAD, CENTER)
            self.put(r, score_col + 1, last, "")
        self.put(row + 2, 1, weight_col - 1, grade_label, HEAD, CENTER)
        self.put(row + 2, weight_col, last, "{{grade}}　{{audit_status}}", HEAD, LEFT)

    def grid_rows(self, row, label_cols, slots, grid):
        """A money grid: its header row, then one marker row the exporter repeats per
        grid row. The label spans `label_cols` (first, last); each column its slot."""
        first, last = label_cols
        self.put(row, first, last, "项目", HEAD, CENTER)
        self.put(row + 1, first, last, f"{{{{grid.{grid.id}.label}}}}")
        for (c1, c2), column in zip(slots, grid.columns):
            self.put(row, c1, c2, column.label, HEAD, CENTER)
            self.put(row + 1, c1, c2, f"{{{{grid.{grid.id}.{column.id}}}}}", align=RIGHT)

    def height(self, row, points):
        self.ws.row_dimensions[row].height = points


def build(out: Path) -> Path:
    template = load_template(FOLDER)
    grid = template.grids[0]
    assert len(grid.columns) == len(GRID_SLOTS), "GRID_SLOTS must match the grid's columns"

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    s = Sheet(ws)
    for col, width in WIDTHS.items():
        ws.column_dimensions[col].width = width

    s.put(1, 1, 8, "部门整体支出绩效自评表", TITLE, CENTER, box=False)
    s.height(1, 34)
    s.put(2, 1, 8, "（{{year}}年度）", Font(name="宋体", size=12), CENTER, box=False)
    s.height(2, 22)

    # 单位基本情况: completion and 未能完成原因 side by side
    s.put(3, 1, 2, "单位名称", HEAD, CENTER)
    s.put(3, 3, 8, "{{unit_name}}")
    s.put(4, 1, 2, "年度整体绩效目标", HEAD, CENTER)
    s.put(4, 3, 8, "{{overall_goal}}")
    s.put(5, 1, 2, "整体绩效目标完成情况", HEAD, CENTER, rows=2)
    s.put(5, 3, 6, "完成情况", HEAD, CENTER)
    s.put(5, 7, 8, "未能完成原因", HEAD, CENTER)
    s.put(6, 3, 6, "{{goal_completion}}")
    s.put(6, 7, 8, "{{unfinished_reason}}")

    # money block: one repeating row per grid row
    s.put(7, 1, 8, f"{grid.title}（单位：{grid.unit}）", HEAD, LEFT)
    s.grid_rows(8, (1, 2), GRID_SLOTS, grid)

    # indicator table
    s.put(10, 1, 8, "绩效指标完成情况", HEAD, LEFT)
    for c, label in enumerate(HEADINGS, start=1):
        s.put(11, c, c, label, HEAD, CENTER)
    s.height(11, 20)
    for c, key in enumerate(IND_KEYS, start=1):
        s.put(12, c, c, f"{{{{ind.{key}}}}}", align=TOP.get(key, CENTER if key in ("weight", "score") else LEFT))
    s.score_rows(13, last=8, weight_col=4, score_col=7, total_label="自评总分", grade_label="自评等级")

    # signature block: names, then the stamp space above the date
    labels = {fid: template.field(fid).label for fid in template.signature.fields}
    plain = Font(name="宋体", size=10.5)
    s.height(16, 10)
    s.put(17, 1, 2, f"{labels['unit_head']}：{{{{unit_head}}}}", plain, box=False)
    s.put(17, 3, 3, f"{labels['finance_head']}：{{{{finance_head}}}}", plain, box=False)
    s.put(17, 4, 5, f"{labels['preparer']}：{{{{preparer}}}}", plain, box=False)
    s.put(17, 6, 6, f"{labels['contact_phone']}：{{{{contact_phone}}}}", plain, box=False)
    s.height(17, 24)
    s.put(18, 7, 8, template.signature.stamp_label, plain, CENTER, box=False)
    s.height(18, 60)
    s.put(19, 7, 8, f"{labels['fill_date']}：{{{{fill_date}}}}", plain, CENTER, box=False)

    # A4 landscape, one page wide, header row repeated, page numbers in the footer
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.7
    ws.page_margins.footer = 0.3
    ws.print_title_rows = "11:11"
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddFooter.center.font = "宋体,Regular"
    ws.oddFooter.center.size = 10
    ws.sheet_view.showGridLines = False

    wb.properties.creator = "绩效自评填报"
    wb.properties.title = SHEET
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FOLDER / "table.xlsx")
    print(build(parser.parse_args(argv).out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

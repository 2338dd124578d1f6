"""Build the Word and Excel layouts of the Hunan and national project templates:

    /tmp/venv/bin/python tools/build_layouts_hn_mof.py [--only hn-dept-overall|mof-project|mof-dept-overall]

templates/hn-dept-overall/report.docx   cover page, the four-part report, 评分表 appendix
templates/hn-dept-overall/table.xlsx    部门整体支出绩效评价评分表 (A4 landscape)
templates/mof-project/report.docx       项目支出绩效自评表: one dense A4 table
templates/mof-project/table.xlsx        the same table (A4 portrait)
templates/mof-dept-overall/…            the same two for the 部门整体 twin of the national table
templates/sc-project/…                  Sichuan's 部门预算项目支出绩效自评表 (510000_0013zp): the
                                        national table's parts in Sichuan's order and columns

Each reuses the Guangdong builders: page, styles and table helpers of
tools/build_docx_layout.py (its build() takes the body parts), the Sheet
helper and fonts of tools/build_xlsx_layout.py, and the exporters' markers.
The print layouts (print.html.j2) are written by hand in each folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import build_docx_layout as wd  # noqa: E402
import build_xlsx_layout as xl  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Font  # noqa: E402
from openpyxl.worksheet.properties import PageSetupProperties  # noqa: E402

from core.registry import load_template  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from exporters.docx_ooxml import para_props, run_props, set_style  # noqa: E402

TEMPLATES = ROOT / "templates"
L = "表格正文左"
YEAR = "{% if year %}{{ year|num }}年度{% endif %}"   # an empty year prints nothing, not “None年度”
HN_TABLE = YEAR + "部门整体支出绩效评价评分表"


def _vmerge(t, col: int, first: int, last: int) -> None:
    t.cell(first, col).merge(t.cell(last, col))


def _signature(doc) -> None:
    wd.text(doc, "", "签章")
    wd.text(doc, "{%p for it in signature['items'] %}", "签章")
    p = wd.text(doc, "{{ it.label }}：", "签章")
    p.add_run("{{ it.value or '\u3000' * 8 }}").underline = True
    wd.text(doc, "{%p endfor %}", "签章")
    wd.text(doc, "{{ signature.stamp_label }}", "盖章")


# -- Hunan: cover, report, 评分表 -------------------------------------------------

def hn_cover(doc) -> None:
    """岳阳 2018 cover (as 岳阳市 printed its 2018 self-evaluation reports): title, five lines of particulars, the issuer at the foot."""
    title = wd.text(doc, "{{ report_title }}", "Title")
    title.paragraph_format.space_before = Mm(30)
    title.paragraph_format.space_after = Mm(30)
    for label, name in (("部门(单位)名称", "unit_name"), ("预算编码", "budget_code"), ("评价方式", "eval_method"),
                        ("评价机构", "eval_agency"), ("报告日期", "report_date")):
        p = wd.text(doc, f"{label}：", "签章")
        p.paragraph_format.left_indent = Mm(18)
        p.add_run(f"{{{{ {name} or '\u3000' * 10 }}}}").underline = True
    issuer = wd.text(doc, "{{ issuer }}", "Title")
    issuer.paragraph_format.space_before = Mm(45)
    issuer.paragraph_format.keep_with_next = False   # else it follows the report title onto page 1
    # The cover is page 1 without a number (a different first-page footer, left empty) and the
    # report goes on from — 2 —. Restarting the count at the report (a second section, or the
    # cover as page 0) makes LibreOffice insert a blank page to keep odd pages on the right.
    cover = doc.sections[0]
    cover.different_first_page_header_footer = True
    cover.first_page_footer.is_linked_to_previous = False


def hn_body(doc) -> None:
    first = len(doc.paragraphs)
    wd.body(doc)  # title and the numbered sections, exactly as the Guangdong report
    doc.paragraphs[first].paragraph_format.page_break_before = True
    doc.paragraphs[-1].runs[0].text = "附件：" + HN_TABLE


def hn_appendix(doc) -> None:
    wd.text(doc, "附件", "附件标注")
    wd.text(doc, HN_TABLE, "Title")
    wd.table(doc, [36, 42, 30, 48], [["部门(单位)名称", ("{{ unit_name }}", L), None, None],
                                     ["预算编码", ("{{ budget_code }}", L), "评价方式", ("{{ eval_method }}", L)],
                                     ["联系人", ("{{ contact_person }}", L), "联络电话", ("{{ contact_phone }}", L)]])
    wd.text(doc, "{{ grid.spending.title }}", "表格标题")
    wd.text(doc, "单位：{{ grid.spending.unit }}", "表格单位")
    cols = [f"{{{{ grid.spending.columns[{i}].label }}}}" for i in range(4)]
    wd.table(doc, [48, 27, 27, 27, 27], [["项目"] + cols,
                                         ["{%tr for r in grid.spending.rows %}", None, None, None, None],
                                         [("{{ '\u3000' * r.indent }}{{ r.label }}", L),
                                          "{{ r.cells[0].value|money }}", "{{ r.cells[1].value|money }}",
                                          "{{ r.cells[2].value|money }}", "{{ r.cells[3].value|pct }}"],
                                         ["{%tr endfor %}", None, None, None, None]], header_rows=1)
    wd.text(doc, "评分表", "表格标题")
    # 完成值: typed, or for a computed indicator the rule's own sentence (it names the figure)
    wd.table(doc, [10, 14, 20, 10, 38, 27, 12, 25], [
        ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "完成值", "得分", "偏差原因"],
        ["{%tr for r in indicator_rows %}"] + [None] * 7,
        ["{% vm r.l1_first %}{{ r.l1 }}", "{% vm r.l2_first %}{{ r.l2 }}", ("{{ r.l3 }}", L),
         "{{ r.weight|score }}", ("{{ r.criteria }}", L), ("{{ r.actual or r.explain }}", L),
         "{{ r.score|score }}", ("{{ r.note }}", L)],
        ["{%tr endfor %}"] + [None] * 7,
        ["合计", None, None, "{{ full_marks|score }}", "", "", "{{ total|score }}", ""],
        ["评价等级", None, None, "{{ grade }}{% if audit_status %}（{{ audit_status }}）{% endif %}", None, None, None, None],
    ], header_rows=1)
    _signature(doc)


# -- national 项目支出绩效自评表: one dense table -----------------------------------

SMALL = {"表格正文": "表格正文小", "表格正文左": "表格正文小左"}


def _small_styles(doc) -> None:
    """小五 (9 pt) table text and a 小四 footer line, so the whole form fits one A4 page."""
    for name, style_id, align, size in (("表格正文小", "TableTextSmall", "center", 9),
                                        ("表格正文小左", "TableTextSmallLeft", "left", 9),
                                        ("表格落款", "FormFooter", "left", 12)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), style_id)
        style.base_style = doc.styles["Normal"]
        set_style(style, para_props(align=align, line_twips=None, snap=False, before=60 if size == 12 else 0),
                  run_props(wd.FANGSONG, size))


def _restyle(t) -> None:
    for row in t.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                if p.style.name in SMALL:
                    p.style = p.part.document.styles[SMALL[p.style.name]]


# The national table (财预〔2020〕10号) and its 部门整体 twin (Anhui counties' 部门整体支出绩效自评表):
# the same cells under another title, header lines and money heading.
MOF = {"template": "mof-project", "title": "项目支出绩效自评表", "money": "项目资金（万元）",
       "head": [[("项目名称", "project_name")], [("主管部门", "competent_dept"), ("实施单位", "impl_unit")]],
       "sign": ["项目负责人：{{project_head}}", "财务负责人：{{finance_head}}", "填报日期：{{fill_date}}"]}
DEPT = {"template": "mof-dept-overall", "title": "部门整体支出绩效自评表", "money": "预算资金（万元）",
        "head": [[("部门（单位）名称", "unit_name")], [("主管部门", "competent_dept")]],
        "sign": ["单位负责人：{{unit_head}}", "财务负责人：{{finance_head}}", "填报日期：{{fill_date}}"]}


def _indicator_loop(total_label: str, nature: bool = False) -> list[list]:
    """The indicator rows (一级 | 二级 | 三级 | 指标值 | 完成值 | 分值 | 得分 | 原因; with `nature`,
    指标性质 before 指标值 and 度量单位 after it), one per row but 预算执行率 (the money block
    carries it: in_grid), and the total row under them."""
    target = ["{{ r.nature }}", ("{{ r.target_value }}", L), "{{ r.unit }}"] if nature else [("{{ r.target }}", L)]
    pad = [None] * (len(target) + 6)
    return [["{%tr for r in indicator_rows %}"] + pad,
            ["{% vm r.l1_first %}{{ r.l1 }}", "{% vm r.l2_first %}{{ r.l2 }}", ("{{ r.l3 }}", L), *target,
             ("{{ r.actual }}", L), "{% if r.l3 %}{{ r.weight|score }}{% endif %}",
             "{% if r.l3 %}{{ r.score|score }}{% endif %}", ("{{ r.note }}", L)],
            ["{%tr endfor %}"] + pad,
            [total_label] + [None] * (len(target) + 3) + ["{{ full_marks|score }}", "{{ total|score }}",
             "等级：{{ grade }}{% if audit_status %}（{{ audit_status }}）{% endif %}"]]


def mof_table(doc, form=MOF) -> None:
    sec = doc.sections[0]   # a form, not a 公文: narrower margins give the table room
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(15), Mm(15), Mm(15), Mm(15)
    sec.footer_distance = Mm(7)
    _small_styles(doc)
    title = wd.text(doc, form["title"], "Title")
    title.paragraph_format.space_after = Mm(0)
    wd.text(doc, "（{% if year %}{{ year|num }}{% else %}\u3000\u3000{% endif %}年度）", "表格标题")
    rows = []
    for pairs in form["head"]:   # 项目名称 | …  or  主管部门 | … | 实施单位 | …
        if len(pairs) == 1:
            rows.append([pairs[0][0], (f"{{{{ {pairs[0][1]} }}}}", L), None, None, None, None, None, None])
        else:
            (a, fa), (b, fb) = pairs
            rows.append([a, (f"{{{{ {fa} }}}}", L), None, None, b, (f"{{{{ {fb} }}}}", L), None, None])
    rows.append([form["money"], "", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"])
    grid = load_template(TEMPLATES / form["template"]).grids[0]
    for i, row in enumerate(grid.rows):   # 年度资金总额, then its sub-rows with “—” in 分值 and 得分
        cell = f"cell.{grid.id}.{row.id}"
        total = i == 0
        rows.append(["", (f"{{{{ grid.{grid.id}.rows[{i}].label }}}}", L),
                     f"{{{{ {cell}.initial|money }}}}", f"{{{{ {cell}.budget|money }}}}",
                     f"{{{{ {cell}.actual|money }}}}",
                     f"{{{{ grid.{grid.id}.indicator.weight|score }}}}" if total else "—",
                     f"{{{{ {cell}.rate|pct }}}}",
                     f"{{{{ grid.{grid.id}.indicator.score|score }}}}" if total else "—"])
    # the 预算执行率 row's 偏差原因 (in_grid: funds), under the money it is about
    rows.append(["", ("执行率偏差原因", L), (f"{{{{ grid.{grid.id}.indicator.note }}}}", L), None, None, None, None, None])
    rows += [["年度总体目标", "预期目标", None, None, "实际完成情况", None, None, None],
             ["", ("{{ goal_expected }}", L), None, None, ("{{ goal_actual }}", L), None, None, None]]
    t = wd.table(doc, [20, 32, 22, 24, 24, 12, 24, 22], rows)
    _vmerge(t, 0, 2, 7)
    _vmerge(t, 0, 8, 9)
    _restyle(t)
    # 绩效指标: every row but 预算执行率, which the money block above carries (in_grid)
    t = wd.table(doc, [15, 19, 32, 22, 24, 11, 14, 43], [
        ["一级指标", "二级指标", "三级指标", "年度指标值（A）", "实际完成值（B）", "分值", "得分", "偏差原因分析及改进措施"],
        *_indicator_loop("总分")], header_rows=1)
    _restyle(t)
    wd.text(doc, "{% for it in signature['items'] %}{{ it.label }}：{{ it.value or '\u3000' * 6 }}"
                 "{% if not loop.last %}\u3000\u3000\u3000{% endif %}{% endfor %}", "表格落款")
    wd.text(doc, "{{ signature.stamp_label }}", "盖章").paragraph_format.space_before = Mm(4)


# -- Sichuan 部门预算项目支出绩效自评表 (510000_0013zp) -------------------------------
# As 青神县 published it for 2023 (DOMAIN.md §2.7): 项目基本情况 (目标 | 完成情况, 实施概述),
# 预算执行情况（10分） on 调整后预算 with “/” in the sub-rows' 权重 and 得分 and one 原因 cell,
# 绩效指标（90分）, 合计, then 评价结论 / 存在问题 / 改进措施 and the two signatures.
SC = {"template": "sc-project", "title": "部门预算项目支出绩效自评表", "code": "报表编号：510000_0013zp",
      "money": "预算执行情况（10分）", "indicators": "绩效指标（90分）",
      "narrative": [("评价结论", "eval_conclusion"), ("存在问题", "problems"), ("改进措施", "measures")]}


def sc_table(doc, form=SC) -> None:
    sec = doc.sections[0]
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(15), Mm(15), Mm(15), Mm(15)
    sec.footer_distance = Mm(7)
    _small_styles(doc)
    wd.text(doc, form["code"], "表格单位")
    title = wd.text(doc, form["title"], "Title")
    title.paragraph_format.space_after = Mm(0)
    wd.text(doc, "（{% if year %}{{ year|num }}{% else %}\u3000\u3000{% endif %}年度）", "表格标题")
    grid = load_template(TEMPLATES / form["template"]).grids[0]
    g = f"grid.{grid.id}"
    rows = [["项目名称", ("{{ project_name }}", L), None, None, None, None, None, None, None],
            ["主管部门", ("{{ competent_dept }}", L), None, None, "实施单位（盖章）", None, ("{{ impl_unit }}", L), None, None],
            ["项目基本情况", ("1.项目年度目标完成情况", L), None, None, None, None, None, None, None],
            ["", "项目年度目标", None, None, None, "年度目标完成情况", None, None, None],
            ["", ("{{ goal_expected }}", L), None, None, None, ("{{ goal_actual }}", L), None, None, None],
            ["", ("2.项目实施内容及过程概述", L), None, None, None, None, None, None, None],
            ["", ("{{ impl_summary }}", L), None, None, None, None, None, None, None],
            [form["money"], f"年度预算数（{grid.unit}）"] + [c.label for c in grid.columns] + ["权重", "得分", "原因"]]
    for i, row in enumerate(grid.rows):   # 总额 carries 权重 and 得分, the sub-rows “/”
        cell = f"cell.{grid.id}.{row.id}"
        total = i == 0
        rows.append(["", (f"{{{{ {g}.rows[{i}].label }}}}", L),
                     f"{{{{ {cell}.initial|money }}}}", f"{{{{ {cell}.adjusted|money }}}}",
                     f"{{{{ {cell}.actual|money }}}}", f"{{{{ {cell}.rate|pct }}}}",
                     f"{{{{ {g}.indicator.weight|score }}}}" if total else "/",
                     f"{{{{ {g}.indicator.score|score }}}}" if total else "/",
                     (f"{{{{ {g}.indicator.note }}}}", L) if total else ""])
    t = wd.table(doc, [18, 28, 19, 19, 19, 19, 12, 14, 32], rows)
    _vmerge(t, 0, 2, 6)
    first = 7 + 1
    _vmerge(t, 0, 7, first + len(grid.rows) - 1)
    _vmerge(t, 8, first, first + len(grid.rows) - 1)   # one 原因 for the whole block, as printed
    _restyle(t)
    # 绩效指标: every row but 预算执行率, which the block above carries (in_grid)
    rows = [[form["indicators"]] + [None] * 9,
            ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"],
            *_indicator_loop("合计", nature=True)]
    for label, field in form["narrative"]:
        rows.append([label, None, (f"{{{{ {field} }}}}", L)] + [None] * 7)
    t = wd.table(doc, [14, 17, 26, 11, 15, 10, 17, 11, 12, 47], rows, header_rows=2)
    _restyle(t)
    wd.text(doc, "{% for it in signature['items'] %}{{ it.label }}：{{ it.value or '\u3000' * 6 }}"
                 "{% if not loop.last %}\u3000\u3000\u3000\u3000{% endif %}{% endfor %}", "表格落款")
    wd.text(doc, "{{ signature.stamp_label }}", "盖章").paragraph_format.space_before = Mm(4)


def sc_xlsx(out: Path, form=SC) -> None:
    t = load_template(TEMPLATES / form["template"])
    grid = t.grids[0]
    # A block label / 一级 | B row label / 二级 | C..F money / 三级, 指标性质, 指标值, 度量单位 |
    # G 权重 / 完成值 | H 得分 / 权重 | I..J 原因 / 得分, 未完成原因分析
    wb, ws, s = _sheet(form["title"], {"A": 10, "B": 14, "C": 16, "D": 9, "E": 11, "F": 9, "G": 11,
                                       "H": 7, "I": 7, "J": 22})
    H, C, R, LEFT = xl.HEAD, xl.CENTER, xl.RIGHT, xl.LEFT
    last = 10
    s.put(1, 1, last, form["code"], Font(name="宋体", size=10), xl.LEFT, box=False)
    s.put(2, 1, last, ws.title, xl.TITLE, C, box=False)
    s.height(2, 34)
    s.put(3, 1, last, "（{{year}}年度）", Font(name="宋体", size=12), C, box=False)
    s.put(4, 1, 1, "项目名称", H, C)
    s.put(4, 2, last, "{{project_name}}")
    s.put(5, 1, 1, "主管部门", H, C)
    s.put(5, 2, 4, "{{competent_dept}}")
    s.put(5, 5, 6, "实施单位（盖章）", H, C)
    s.put(5, 7, last, "{{impl_unit}}")
    s.put(6, 1, 1, "项目基本情况", H, C, rows=5)
    s.put(6, 2, last, "1.项目年度目标完成情况", H, LEFT)
    s.put(7, 2, 5, "项目年度目标", H, C)
    s.put(7, 6, last, "年度目标完成情况", H, C)
    s.put(8, 2, 5, "{{goal_expected}}")
    s.put(8, 6, last, "{{goal_actual}}")
    s.put(9, 2, last, "2.项目实施内容及过程概述", H, LEFT)
    s.put(10, 2, last, "{{impl_summary}}")
    s.put(11, 1, 1, form["money"], H, C, rows=len(grid.rows) + 1)
    for c, label in enumerate([f"年度预算数（{grid.unit}）"] + [col.label for col in grid.columns]
                              + ["权重", "得分"], start=2):
        s.put(11, c, c, label, H, C)
    s.put(11, 9, last, "原因", H, C)
    s.height(11, 30)   # "调整后预算数" wraps to two lines
    for i, row in enumerate(grid.rows):
        r = 12 + i
        s.put(r, 2, 2, row.label, H if i == 0 else xl.BODY, LEFT)
        for c, col in enumerate(grid.columns, start=3):
            s.put(r, c, c, f"{{{{cell.{grid.id}.{row.id}.{col.id}}}}}", align=R)
        s.put(r, 7, 7, f"{{{{grid.{grid.id}.indicator.weight}}}}" if i == 0 else "/", align=C)
        s.put(r, 8, 8, f"{{{{grid.{grid.id}.indicator.score}}}}" if i == 0 else "/", align=C)
    s.put(12, 9, last, f"{{{{grid.{grid.id}.indicator.note}}}}", align=LEFT, rows=len(grid.rows))
    r = 12 + len(grid.rows)
    s.put(r, 1, last, form["indicators"], H, LEFT)
    head = r + 1
    columns = (("l1", "一级指标"), ("l2", "二级指标"), ("l3", "三级指标"), ("nature", "指标性质"),
               ("target_value", "指标值"), ("unit", "度量单位"), ("actual", "完成值"), ("weight", "权重"),
               ("score", "得分"), ("note", "未完成原因分析"))
    for c, (key, label) in enumerate(columns, start=1):
        s.put(head, c, c, label, H, C)
        s.put(head + 1, c, c, f"{{{{ind.{key}}}}}",
              align=C if key in ("l1", "l2", "nature", "unit", "weight", "score") else LEFT)
    r = head + 2
    s.put(r, 1, 7, "合计", H, C)
    s.put(r, 8, 8, "{{full_marks}}", H, C)
    s.put(r, 9, 9, "{{total}}", H, C)
    s.put(r, 10, 10, "等级：{{grade}}　{{audit_status}}", H, C)
    for i, (label, field) in enumerate(form["narrative"], start=1):
        s.put(r + i, 1, 2, label, H, C)
        s.put(r + i, 3, last, f"{{{{{field}}}}}")
    plain = Font(name="宋体", size=10.5)
    r += len(form["narrative"]) + 2
    for (c1, c2), fid in zip(((1, 3), (4, 7)), t.signature.fields):
        s.put(r, c1, c2, f"{t.field(fid).label}：{{{{{fid}}}}}", plain, box=False)
    s.put(r + 1, 8, last, t.signature.stamp_label, plain, C, box=False)
    s.height(r + 1, 50)
    _print_setup(ws, landscape=False, title_rows=f"{head}:{head}")
    wb.save(out)


# -- Excel --------------------------------------------------------------------

def _print_setup(ws, landscape: bool, title_rows: str) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top, ws.page_margins.bottom, ws.page_margins.footer = 0.6, 0.7, 0.3
    ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddFooter.center.font, ws.oddFooter.center.size = "宋体,Regular", 10
    ws.sheet_view.showGridLines = False


def _sheet(title: str, widths: dict):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    wb.properties.creator, wb.properties.title = "绩效自评填报", title
    return wb, ws, xl.Sheet(ws)


def _title(s, cols: int, title: str) -> None:
    s.put(1, 1, cols, title, xl.TITLE, xl.CENTER, box=False)
    s.height(1, 34)
    s.put(2, 1, cols, "（{{year}}年度）", Font(name="宋体", size=12), xl.CENTER, box=False)


def hn_xlsx(out: Path) -> None:
    t = load_template(TEMPLATES / "hn-dept-overall")
    grid = t.grids[0]
    # 一级 | 二级 | 三级 | 分值 | 评分标准 | 完成值 | 计分说明 | 得分 | 偏差原因
    wb, ws, s = _sheet("部门整体支出绩效评价评分表", {"A": 8, "B": 12, "C": 20, "D": 6, "E": 40, "F": 20,
                                                   "G": 28, "H": 7, "I": 22})
    H, C = xl.HEAD, xl.CENTER
    _title(s, 9, ws.title)
    s.put(3, 1, 2, "部门(单位)名称", H, C)
    s.put(3, 3, 5, "{{unit_name}}")
    s.put(3, 6, 6, "预算编码", H, C)
    s.put(3, 7, 9, "{{budget_code}}")
    s.put(4, 1, 2, "评价方式", H, C)
    s.put(4, 3, 5, "{{eval_method}}")
    s.put(4, 6, 6, "联系人及电话", H, C)
    s.put(4, 7, 9, "{{contact_person}}　{{contact_phone}}")
    s.put(5, 1, 9, f"{grid.title}（单位：{grid.unit}）", H)
    s.grid_rows(6, (1, 3), [(4, 5), (6, 6), (7, 7), (8, 9)], grid)
    s.put(8, 1, 9, "评分表", H)
    for c, label in enumerate(["一级指标", "二级指标", "三级指标", "分值", "评分标准", "完成值", "计分说明",
                               "得分", "偏差原因"], start=1):
        s.put(9, c, c, label, H, C)
    for c, key in enumerate(["l1", "l2", "l3", "weight", "criteria", "actual", "explain", "score", "note"], start=1):
        s.put(10, c, c, f"{{{{ind.{key}}}}}", align=C if key in ("l1", "weight", "score") else xl.LEFT)
    s.score_rows(11, last=9, weight_col=4, score_col=8, total_label="合计", grade_label="评价等级")
    plain = Font(name="宋体", size=10.5)
    s.put(15, 1, 3, "单位负责人：{{unit_head}}", plain, box=False)
    s.put(15, 4, 5, "财务负责人：{{finance_head}}", plain, box=False)
    s.put(15, 6, 7, "联系人：{{contact_person}}　联络电话：{{contact_phone}}", plain, box=False)
    s.put(16, 8, 9, t.signature.stamp_label, plain, C, box=False)
    s.height(16, 60)
    s.put(17, 8, 9, "报告日期：{{report_date}}", plain, C, box=False)
    _print_setup(ws, landscape=True, title_rows="9:9")
    wb.save(out)


def mof_xlsx(out: Path, form=MOF) -> None:
    t = load_template(TEMPLATES / form["template"])
    # A 项目资金 / 一级 | B label / 二级 | C 三级 | D E F G H: money, 指标值, 完成值, 分值, 得分 | I 偏差原因
    wb, ws, s = _sheet(form["title"], {"A": 10, "B": 14, "C": 18, "D": 12, "E": 12, "F": 12, "G": 7,
                                       "H": 11, "I": 9, "J": 22})
    H, C, R, LEFT = xl.HEAD, xl.CENTER, xl.RIGHT, xl.LEFT
    _title(s, 10, ws.title)
    for r, pairs in enumerate(form["head"], start=3):
        spans = [((1, 2), (3, 10))] if len(pairs) == 1 else [((1, 2), (3, 5)), ((6, 7), (8, 10))]
        for (label, field), (lab, val) in zip(pairs, spans):
            s.put(r, *lab, label, H, C)
            s.put(r, *val, f"{{{{{field}}}}}")
    s.put(5, 1, 1, form["money"], H, C, rows=6)
    for c1, c2, label in ((2, 3, ""), (4, 4, "年初预算数"), (5, 5, "全年预算数（A）"), (6, 6, "全年执行数（B）"),
                          (7, 7, "分值"), (8, 8, "执行率（B/A）"), (9, 10, "得分")):
        s.put(5, c1, c2, label, H, C)
    for i, row in enumerate(t.grids[0].rows):
        r = 6 + i
        s.put(r, 2, 3, row.label, H if i == 0 else xl.BODY, LEFT)
        for c, col in ((4, "initial"), (5, "budget"), (6, "actual"), (8, "rate")):
            s.put(r, c, c, f"{{{{cell.funds.{row.id}.{col}}}}}", align=R)
        s.put(r, 7, 7, "{{grid.funds.indicator.weight}}" if i == 0 else "—", align=C)
        s.put(r, 9, 10, "{{grid.funds.indicator.score}}" if i == 0 else "—", align=C)
    # the 预算执行率 row's 偏差原因 (in_grid: funds), under the money it is about
    s.put(10, 2, 3, "执行率偏差原因", xl.BODY, LEFT)
    s.put(10, 4, 10, "{{grid.funds.indicator.note}}", align=LEFT)
    s.put(11, 1, 1, "年度总体目标", H, C, rows=2)
    s.put(11, 2, 5, "预期目标", H, C)
    s.put(11, 6, 10, "实际完成情况", H, C)
    s.put(12, 2, 5, "{{goal_expected}}")
    s.put(12, 6, 10, "{{goal_actual}}")
    # 绩效指标: every row but 预算执行率, which the money block carries (in_grid)
    for c1, c2, label in ((1, 1, "一级指标"), (2, 2, "二级指标"), (3, 3, "三级指标"), (4, 5, "年度指标值（A）"),
                          (6, 6, "实际完成值（B）"), (7, 7, "分值"), (8, 8, "得分"), (9, 10, "偏差原因分析及改进措施")):
        s.put(13, c1, c2, label, H, C)
    for c1, c2, key in ((1, 1, "l1"), (2, 2, "l2"), (3, 3, "l3"), (4, 5, "target"), (6, 6, "actual"),
                        (7, 7, "weight"), (8, 8, "score"), (9, 10, "note")):
        s.put(14, c1, c2, f"{{{{ind.{key}}}}}", align=C if key in ("l1", "l2", "weight", "score") else LEFT)
    s.put(15, 1, 6, "总分", H, C)
    s.put(15, 7, 7, "{{full_marks}}", H, C)
    s.put(15, 8, 8, "{{total}}", H, C)
    s.put(15, 9, 10, "等级：{{grade}}　{{audit_status}}", H, C)
    plain = Font(name="宋体", size=10.5)
    for (c1, c2), text in zip(((1, 3), (4, 6), (7, 10)), form["sign"]):
        s.put(17, c1, c2, text, plain, box=False)
    s.put(18, 8, 10, t.signature.stamp_label, plain, C, box=False)
    s.height(18, 50)
    _print_setup(ws, landscape=False, title_rows="13:13")
    wb.save(out)


BUILDS = {
    "hn-dept-overall": (lambda: wd.build((hn_cover, hn_body, hn_appendix), "部门整体支出绩效评价报告（版式）"), hn_xlsx),
    "mof-project": (lambda: wd.build((mof_table,), "项目支出绩效自评表（版式）"), mof_xlsx),
    "mof-dept-overall": (lambda: wd.build((lambda doc: mof_table(doc, DEPT),), "部门整体支出绩效自评表（版式）"),
                         lambda out: mof_xlsx(out, DEPT)),
    "sc-project": (lambda: wd.build((sc_table,), "部门预算项目支出绩效自评表（版式）"), sc_xlsx),
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(BUILDS))
    args = parser.parse_args(argv)
    for template_id, (docx, xlsx) in BUILDS.items():
        if args.only and args.only != template_id:
            continue
        folder = TEMPLATES / template_id
        (folder / "report.docx").write_bytes(docx())
        xlsx(folder / "table.xlsx")
        print(folder / "report.docx")
        print(folder / "table.xlsx")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The Excel 自评表 read back with openpyxl, as a finance office would open it."""

from __future__ import annotations

import io
import shutil
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core.text import clean_text
from exporters import excel
from exporters.xlsx_rows import CUT_NOTE, EXCEL_CELL_LIMIT, MAX_ROW_HEIGHT, safe_text

LONG = "段" * 100_000          # one character counted in every output
HOSTILE = ["& < > \" ' ＆", "{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}", "=1+1", "=SUM(A1:A9)",
           "+86 20 1234 5678", "-1", "@unit", "#N/A", "第一行\x0b第二行", "响铃\x07零\x00单元\x1f删除\x7f",
           "𠀀𠀁𪚥 扩展 B", "😀👍🏽 表情", "　全角空格　"]


def hostile_context(template, draft):
    """The sample with every hostile string in a note (one per indicator), the
    100,000-character paragraph as 完成情况; returns (ctx, {indicator id: typed text})."""
    from core.evaluate import evaluate
    from exporters.context import build

    d = draft.model_copy(deep=True)
    texts = HOSTILE
    ids = [row["id"] for row in build(template, d, evaluate(template, d))["indicator_rows"]]
    assert len(ids) >= len(texts)
    typed = dict(zip(ids, texts))
    for nid, text in typed.items():
        d.indicators[nid].note = text
    d.fields["goal_completion"] = LONG
    d.fields["unit_name"] = "广州市花都区信访局 & <测试> {{ 7*7 }}"
    return build(template, d, evaluate(template, d)), typed


def sheet(data: bytes):
    return load_workbook(io.BytesIO(data)).worksheets[0]


def find(ws, value):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not in the sheet")


def merged_at(ws, cell) -> str | None:
    for mr in ws.merged_cells.ranges:
        if (cell.row, cell.column) == (mr.min_row, mr.min_col):
            return mr.coord
    return None


def number(cell) -> Decimal:
    assert cell.data_type == "n", (cell.coordinate, cell.value)
    return Decimal(str(cell.value))


@pytest.fixture
def ws(gd_template, sample_ctx):
    return sheet(excel.render(gd_template, sample_ctx))


def test_level_one_and_two_are_merged_down_their_rows(ws):
    top = find(ws, "管理效能").row
    assert merged_at(ws, find(ws, "管理效能")) == f"A{top}:A{top + 8}"
    assert merged_at(ws, find(ws, "绩效管理")) == f"B{top}:B{top + 2}"
    assert merged_at(ws, find(ws, "资金运行和管理")) == f"B{top + 3}:B{top + 8}"
    duty = find(ws, "履职效能")
    assert merged_at(ws, duty) == f"A{duty.row}:A{duty.row + 5}"
    assert ws.cell(row=duty.row, column=2).value.startswith("妥善解决")   # a one-row 二级: no merge
    assert merged_at(ws, ws.cell(row=duty.row, column=2)) is None
    assert merged_at(ws, ws.cell(row=duty.row + 1, column=2)) == f"B{duty.row + 1}:B{duty.row + 3}"
    assert ws.cell(row=top + 1, column=1).value is None                  # values only top-left


def test_money_is_the_exact_decimal_with_two_places(ws):
    header = find(ws, "全年执行数")
    income = find(ws, "收入合计").row
    basic = find(ws, "基本支出").row
    assert number(ws.cell(row=income, column=header.column)) == Decimal("1391.03")
    assert number(ws.cell(row=basic, column=header.column)) == Decimal("892.82")
    assert ws.cell(row=basic, column=header.column).number_format == "0.00"
    rate = ws.cell(row=basic, column=find(ws, "执行率").column)
    assert number(rate) == 100 and rate.number_format == '0.00"%"'
    initial = ws.cell(row=basic, column=find(ws, "年初预算数").column)
    assert initial.value == "—"        # not entered: a dash, never a silent 0


def test_every_score_subtotal_and_total_as_computed(ws, sample_ctx):
    score_col = find(ws, "得分").column
    top = find(ws, "管理效能").row
    for i, row in enumerate(sample_ctx["indicator_rows"]):
        cell = ws.cell(row=top + i, column=score_col)
        assert number(cell) == row["score"], row["name"]
        assert cell.number_format == "General"  # written as the screen, Word and print write it (core.format.score)
    assert [number(ws.cell(row=find(ws, f"{g}小计").row, column=score_col))
            for g in ("管理效能", "履职效能", "加分项")] == [Decimal("41.9"), Decimal("49"), Decimal("5")]
    total = find(ws, "自评总分").row
    assert number(ws.cell(row=total, column=score_col)) == Decimal("95.9")
    assert number(ws.cell(row=total, column=find(ws, "分值").column)) == 100
    assert ws.cell(row=find(ws, "自评等级").row, column=4).value == "优"
    assert find(ws, "（2021年度）")


def test_signature_row_and_stamp(ws):
    for label in ("单位负责人：", "财务负责人：", "填表人：", "联系电话：", "填报日期："):
        assert find(ws, label)
    assert find(ws, "（单位盖章）").row > find(ws, "单位负责人：").row


def test_print_setup_a4_landscape_one_page_wide(ws):
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    header = find(ws, "一级指标").row      # moved down by the money rows, still the repeated row
    assert ws.print_title_rows == f"${header}:${header}"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text


def test_hostile_text_comes_out_as_typed_and_never_as_a_formula(gd_template, sample_draft, office_part):
    ctx, typed = hostile_context(gd_template, sample_draft)
    data = excel.render(gd_template, ctx)
    ws = sheet(data)
    note_col = find(ws, "偏差原因").column
    top = find(ws, "管理效能").row
    notes = {row["id"]: ws.cell(row=top + i, column=note_col) for i, row in enumerate(ctx["indicator_rows"])}
    for nid, text in typed.items():
        cell = notes[nid]
        assert cell.value == clean_text(text), nid
        assert cell.data_type == "s", (text, cell.data_type)
    assert "<f>" not in office_part(data, "xl/worksheets/sheet1.xml")   # no formula anywhere
    assert find(ws, "=1+1").data_type == "s"
    assert find(ws, "#N/A").data_type == "s"
    assert find(ws, "{{ 7*7 }}")                                        # not 49
    assert find(ws, "第一行\n第二行")                                     # vertical tab → line break
    assert find(ws, "广州市花都区信访局 & <测试> {{ 7*7 }}")


def test_text_over_excel_limit_keeps_the_start_and_says_where_the_rest_is(gd_template, sample_draft):
    ctx, _ = hostile_context(gd_template, sample_draft)
    ws = sheet(excel.render(gd_template, ctx))
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("段段"))
    assert cell.value == "段" * (EXCEL_CELL_LIMIT - len(CUT_NOTE)) + CUT_NOTE
    assert len(cell.value) == EXCEL_CELL_LIMIT
    assert ws.row_dimensions[cell.row].height == MAX_ROW_HEIGHT


def test_limit_counts_utf16_units_and_never_splits_a_pair():
    text = "𠀀" * 20_000                  # 40,000 UTF-16 units, 20,000 characters
    out = safe_text(text)
    assert out.endswith(CUT_NOTE)
    assert len(out.encode("utf-16-le")) // 2 <= EXCEL_CELL_LIMIT
    assert set(out[: -len(CUT_NOTE)]) == {"𠀀"}
    assert safe_text("短文\x07本") == "短文本"   # the guard behind the context's own mapping
    assert safe_text("x" * EXCEL_CELL_LIMIT) == "x" * EXCEL_CELL_LIMIT


def test_long_text_wraps_and_its_row_grows(ws):
    goal = find(ws, "年度整体绩效目标")
    cell = ws.cell(row=goal.row, column=3)
    assert cell.alignment.wrap_text
    assert ws.row_dimensions[goal.row].height >= 3 * 10.5 * 1.2      # three numbered goals


def copy_template(gd_template, tmp_path):
    folder = tmp_path / "tpl"
    shutil.copytree(gd_template.folder, folder)
    return gd_template.model_copy(update={"folder": str(folder)}), folder / "table.xlsx"


def test_an_author_moves_a_marker_in_excel_and_the_value_follows(gd_template, sample_ctx, tmp_path):
    template, layout = copy_template(gd_template, tmp_path)
    wb = load_workbook(layout)
    lay = wb.worksheets[0]
    find(lay, "{{total}}").value = None
    lay["J3"] = "总分：{{total}}分，{{grade}}"
    lay["J4"] = "{{cell.spending.project.actual}}"
    wb.save(layout)
    out = sheet(excel.render(template, sample_ctx))
    assert out["J3"].value == "总分：95.9分，优"
    assert number(out["J4"]) == Decimal("498.21") and out["J4"].number_format == "0.00"


def test_a_misspelt_marker_is_reported_with_its_cell(gd_template, sample_ctx, tmp_path):
    from core.errors import TemplateError
    template, layout = copy_template(gd_template, tmp_path)
    wb = load_workbook(layout)
    lay = wb.worksheets[0]
    lay["J5"] = "{{unit_nmae}}"
    lay.cell(row=find(lay, "{{ind.l1}}").row, column=10, value="{{ind.scroe}}")   # in the repeating row
    wb.save(layout)
    with pytest.raises(TemplateError) as err:
        excel.render(template, sample_ctx)
    assert [p.code for p in err.value.problems] == ["xlsx.marker", "xlsx.marker"]
    assert any("J5" in p.where for p in err.value.problems)


def test_committed_layout_is_what_the_builder_makes(gd_template, tmp_path):
    from tools.build_xlsx_layout import build
    fresh = load_workbook(build(tmp_path / "table.xlsx")).worksheets[0]
    committed = load_workbook(gd_template.folder + "/table.xlsx").worksheets[0]
    values = lambda w: [[c.value for c in row] for row in w.iter_rows()]  # noqa: E731
    assert values(fresh) == values(committed)
    assert sorted(map(str, fresh.merged_cells.ranges)) == sorted(map(str, committed.merged_cells.ranges))


@pytest.mark.slow
def test_libreoffice_opens_it_and_shows_unit_total_grade(gd_template, sample_ctx, lo_convert, pdftext):
    pdf = lo_convert(excel.render(gd_template, sample_ctx), name="table.xlsx")
    text = pdftext(pdf)
    for expected in ("广州市花都区信访局", "95.9", "优", "1391.03", "892.82"):
        assert expected in text, expected
    assert "第1页共2页" in text.replace(" ", "")          # the footer's page numbers

"""A national-layout 项目支出绩效自评表 arranged differently from our export: title rows
added, an empty first column and an empty column inside the tables, widened columns,
merged and two-row header cells, label variants (本年财政拨款, 实施单位（盖章）),
“—” and “/” for nothing, a percentage stored as a fraction. Every value is read; the
two cells that belong nowhere are listed with their addresses."""

from decimal import Decimal as D

import pytest

from core.evaluate import evaluate
from core.registry import scan
from importers.workbook import import_table

from .helpers import build_xlsx

GOAL = "本项目年度预算135万元，其中：当年财政拨款120万元；上年结转资金15万元。"
DONE = "本项目全年执行128.52万元，其中：当年财政拨款113.52万元；上年结转资金15万元。"

ROWS = {
    1: {2: "附件2"},
    2: {2: "项目支出绩效自评表"},
    3: {2: "（2023年度）"},
    5: {2: "项目名称", 4: "测试项目"},
    6: {2: "主管部门", 4: "青石县水利局", 7: "实施单位（盖章）", 9: "青石县供水中心"},
    7: {2: "项目资金\n（万元）", 5: "年初预算数", 7: "全年预算数（A）", 8: "全年执行数（B）", 9: "分值",
        10: "执行率（B/A）", 11: "得分"},
    8: {3: "年度资金总额", 5: 135, 7: 135, 8: 128.52, 9: 10, 10: 0.952, 11: 9.52},
    9: {3: "其中：本年财政拨款", 5: 120, 7: 120, 8: 113.52, 9: "—", 10: 0.946, 11: "/"},
    10: {3: "上年结转资金", 5: 15, 7: 15, 8: 15, 9: "—", 11: "—"},
    11: {3: "其他资金", 5: "/", 7: "/", 8: "—"},
    12: {2: "年度总体目标", 3: "预期目标", 7: "实际完成情况"},
    13: {3: GOAL, 7: DONE},
    14: {2: "绩效指标", 3: "一级指标", 4: "二级指标", 5: "三级指标", 7: "年度指标值", 8: "实际完成值", 9: "分值",
         10: "得分", 11: "偏差原因分析及改进措施"},
    15: {7: "（A）", 8: "（B）"},
    16: {3: "产出指标", 4: "数量指标", 5: "维修养护工程数量", 7: "≥40处", 8: "42处", 9: 20, 10: 20},
    17: {5: "更换管网长度", 7: "≥25公里", 8: "23.5公里", 9: 10, 10: 9.4, 11: "冻土影响，顺延至下年"},
    18: {4: "质量指标", 5: "验收合格率", 7: "≥98%", 8: 1, 9: 10, 10: 10},
    19: {4: "时效指标", 5: "完成及时性", 7: "2023年11月底前完成", 8: "12月中旬完工", 9: 10, 10: 7.5,
         11: "冬季冻土致延误"},
    20: {3: "效益指标", 4: "经济效益指标", 9: "/", 10: "/"},
    21: {4: "社会效益指标", 5: "受益农村人口", 7: "≥8.5万人", 8: "8.7万人", 9: 30, 10: 30},
    22: {3: "满意度指标", 4: "服务对象满意度指标", 5: "受益群众满意度", 7: "≥90%", 8: "93%", 9: 10, 10: 10},
    23: {2: "总分", 9: 100, 10: 96.42},
    24: {2: "备注：本表数据来自决算"},
}
MERGES = ["B2:K2", "B3:K3", "B5:C5", "D5:K5", "B6:C6", "D6:F6", "G6:H6", "I6:K6", "B7:B11", "C7:D7",
          "C8:D8", "C9:D9", "C10:D10", "C11:D11", "B12:B13", "C12:F12", "G12:K12", "C13:F13", "G13:K13",
          "B14:B22", "C14:C15", "D14:D15", "E14:E15", "I14:I15", "J14:J15", "K14:K15",
          "C16:C19", "D16:D17", "C20:C21", "B23:H23"]


@pytest.fixture
def imported(tmp_path):
    path = tmp_path / "arranged.xlsx"
    build_xlsx(path, ROWS, MERGES, widths={c: 24 for c in range(2, 12)} | {1: 3, 6: 2}, title="自评表",
               number_formats={"J8": "0.00%", "J9": "0.00%", "H18": "0%"})
    templates = [versions[0] for _, versions in sorted(scan().templates.items())]
    return import_table(path, templates)


def test_every_value_is_read(imported):
    draft, report = imported
    assert report.template.id == "mof-project"
    assert {k: v for k, v in draft.fields.items() if v} == {
        "year": "2023", "project_name": "测试项目", "competent_dept": "青石县水利局", "impl_unit": "青石县供水中心",
        "goal_expected": GOAL, "goal_actual": DONE}
    assert draft.grids == {"funds": {"total": {"initial": "135", "budget": "135", "actual": "128.52"},
                                     "fiscal": {"initial": "120", "budget": "120", "actual": "113.52"},
                                     "carryover": {"initial": "15", "budget": "15", "actual": "15"}}}
    rows = {n.name: (parent, n) for parent, ns in draft.extra_indicators.items() for n in ns}
    assert {name: (parent, n.weight, n.target, n.rule.type) for name, (parent, n) in rows.items()} == {
        "维修养护工程数量": ("output_quantity", D(20), "≥40处", "ratio"),
        "更换管网长度": ("output_quantity", D(10), "≥25公里", "ratio"),
        "验收合格率": ("output_quality", D(10), "≥98%", "ratio"),
        "完成及时性": ("output_timeliness", D(10), "2023年11月底前完成", "qualitative"),
        "受益农村人口": ("benefit_social", D(30), "≥8.5万人", "ratio"),
        "受益群众满意度": ("satisfaction_service", D(10), "≥90%", "ratio")}
    entry = {n.name: draft.indicators[n.id] for _, n in rows.values()}
    assert entry["验收合格率"].actual == "100%"          # 1 shown as 100%
    assert entry["更换管网长度"].note == "冻土影响，顺延至下年"
    assert (entry["完成及时性"].score, entry["完成及时性"].band, entry["完成及时性"].note) == ("7.5", "部分达成", "冬季冻土致延误")
    r = evaluate(report.template, draft)
    assert (r.scores.total, r.scores.grade) == (D("96.42"), "优")
    assert not any(n for n in report.notes if "原表" in n)   # every printed score agrees with the rules


def test_cells_that_belong_nowhere_are_listed_with_their_address(imported):
    _, report = imported
    assert [(n.sheet, n.cell, n.text) for n in report.unplaced] == [
        ("自评表", "B1", "附件2"), ("自评表", "B24", "备注：本表数据来自决算")]
    assert "「自评表」B24" in "\n".join(report.lines())


def test_a_printed_score_that_differs_is_kept_and_said(tmp_path):
    rows = {k: dict(v) for k, v in ROWS.items()}
    rows[17][10] = 9       # the rule gives 9.4
    rows[23][10] = 96.02
    path = tmp_path / "t.xlsx"
    build_xlsx(path, rows, MERGES)
    draft, report = import_table(path, [scan().newest("mof-project")])
    r = evaluate(report.template, draft)
    assert r.scores.total == D("96.02")
    assert any("第 17 行“更换管网长度”原表得分 9" in n for n in report.notes)


def test_blank_unmerged_level_cells_continue_the_row_above_and_say_so(tmp_path):
    path = tmp_path / "unmerged.xlsx"
    build_xlsx(path, ROWS, [m for m in MERGES if m not in ("C16:C19", "D16:D17", "C20:C21")])
    draft, report = import_table(path, [scan().newest("mof-project")])
    rows = {n.name: parent for parent, ns in draft.extra_indicators.items() for n in ns}
    assert rows["更换管网长度"] == "output_quantity" and rows["受益农村人口"] == "benefit_social"
    assert "第 17、18、19、21 行的一级/二级指标格空着（没有合并单元格），按上一行的指标读入" in report.notes

"""A national-layout 项目支出绩效自评表 with the 指标性质 and 度量单位 columns Yunnan and
others add (DOMAIN.md §9.3: 正向 / 反向 / 定性; a “=” written by Sichuan-style tables,
青神县 2023, https://www.scqs.gov.cn/info/13206/211004.htm, is read too). The columns
fold into the one 指标值 text and the nature chooses each new row's rule."""

from decimal import Decimal as D

from core.evaluate import evaluate
from core.registry import scan
from importers.workbook import import_table

from .helpers import build_xlsx

ROWS = {
    1: {1: "项目支出绩效自评表"},
    2: {1: "（2023年度）"},
    3: {1: "项目名称", 3: "学生资助补助经费"},
    4: {1: "主管部门", 3: "某县教育体育局", 6: "实施单位", 8: "某县第一中学"},
    5: {1: "项目资金（万元）", 3: "年初预算数", 4: "全年预算数", 5: "全年执行数", 6: "分值", 7: "执行率", 8: "得分"},
    6: {2: "年度资金总额", 3: 100, 4: 100, 5: 95, 6: 10, 7: "95%", 8: 9.5},
    7: {1: "年度总体目标", 2: "预期目标", 6: "实际完成情况"},
    8: {2: "资助家庭经济困难学生200人。", 6: "资助210人。"},
    9: {1: "一级指标", 2: "二级指标", 3: "三级指标", 4: "指标性质", 5: "指标值", 6: "度量单位", 7: "完成值",
        8: "分值", 9: "得分", 10: "偏差原因"},
    10: {1: "产出指标", 2: "数量指标", 3: "资助学生人数", 4: "正向", 5: 200, 6: "人", 7: 210, 8: 20, 9: 20},
    11: {2: "成本指标", 3: "生均资助成本", 4: "反向", 5: 1500, 6: "元", 7: 2000, 8: 10, 9: 7.5,
         10: "物价上涨，标准提高"},
    12: {2: "质量指标", 3: "资金发放准确率", 4: "=", 5: 100, 6: "%", 7: "100%", 8: 20, 9: 20},
    13: {1: "效益指标", 2: "社会效益指标", 3: "家庭经济负担", 4: "定性", 5: "有效减轻", 7: "有效减轻", 8: 30, 9: 30},
    14: {1: "满意度指标", 2: "服务对象满意度指标", 3: "学生满意度", 4: "正向指标", 5: 90, 6: "%", 7: "95%",
         8: 10, 9: 10},
    15: {1: "总分", 8: 100, 9: 97},
}
MERGES = ["A1:J1", "A2:J2", "A3:B3", "C3:J3", "A4:B4", "C4:E4", "F4:G4", "H4:J4", "A5:A6", "A7:A8", "B7:E7",
          "F7:J7", "B8:E8", "F8:J8", "A10:A12", "A15:G15"]


def _import(tmp_path, rows=ROWS):
    path = tmp_path / "yunnan.xlsx"
    build_xlsx(path, rows, MERGES, title="自评表")
    return import_table(path, [scan().newest("mof-project")])


def test_nature_and_unit_fold_into_the_target_and_choose_the_rule(tmp_path):
    draft, report = _import(tmp_path)
    rows = {n.name: n for ns in draft.extra_indicators.values() for n in ns}
    assert {name: (n.target, n.rule.type) for name, n in rows.items()} == {
        "资助学生人数": ("≥200人", "ratio"),
        "生均资助成本": ("≤1500元", "inverse_ratio"),
        "资金发放准确率": ("=100%", "ratio"),
        "家庭经济负担": ("有效减轻", "qualitative"),
        "学生满意度": ("≥90%", "ratio")}
    r = evaluate(report.template, draft)
    cost = r.scores.nodes[rows["生均资助成本"].id]
    assert cost.score == D("7.5")                      # 1500 ÷ 2000 × 10: lower is better
    assert (r.scores.total, r.scores.grade) == (D("97"), "优")
    assert not report.unplaced
    assert not any("原表得分" in n for n in report.notes)   # every printed score agrees with the rules


def test_an_unknown_nature_is_said_and_the_target_decides(tmp_path):
    rows = {k: dict(v) for k, v in ROWS.items()}
    rows[10][4] = "越多越好"
    draft, report = _import(tmp_path, rows)
    row = next(n for ns in draft.extra_indicators.values() for n in ns if n.name == "资助学生人数")
    assert (row.target, row.rule.type) == ("200人", "ratio")
    assert "第 10 行指标性质“越多越好”无法识别，按指标值判断计分方式" in report.notes


def test_cells_that_disagree_are_read_by_the_nature_and_said(tmp_path):
    """Review 2026-11-30: 反向 with “≥1500” was kept as ≥ and scored lower-is-better; a unit
    with a figure in it changed the figure; a unit beside a worded 指标值 vanished."""
    rows = {k: dict(v) for k, v in ROWS.items()}
    rows[11][5] = "≥1500"                                 # 反向 | ≥1500 | 元
    rows[10][5], rows[10][6] = "不少于200", "人"          # 正向 | 不少于200 | 人
    rows[12][6] = "2次"                                   # = | 100 | 2次
    rows[13][6] = "人"                                    # 定性 | 有效减轻 | 人
    draft, report = _import(tmp_path, rows)
    got = {n.name: n.target for ns in draft.extra_indicators.values() for n in ns}
    assert got["生均资助成本"] == "≤1500元"
    assert got["资助学生人数"] == "不少于200人"
    assert got["资金发放准确率"] == "=100"
    assert got["家庭经济负担"] == "有效减轻"
    assert "第 11 行指标性质“反向”与指标值“≥1500元”的比较符号相反，按指标性质读作“≤1500元”" in report.notes
    assert [(n.cell, n.text) for n in report.unplaced] == [("F12", "2次"), ("F13", "人")]
    assert "度量单位不能含数字" in report.unplaced[0].why and "无处存放" in report.unplaced[1].why

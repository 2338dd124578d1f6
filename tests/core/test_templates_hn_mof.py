"""The Hunan 部门整体 and national 项目支出 templates and their samples.

Sources: the Hunan sample is seed report 003 (邵阳市大祥区; its opening in tests/fixtures);
the published table is 棠溪镇 “委托业务项目” 项目支出绩效自评表（2022年度）,
http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2 (a mirror of a
government attachment, transcribed in templates/mof-project/README.md).
"""

from decimal import Decimal as D
from pathlib import Path

import pytest

from core.breakdown import mismatches
from core.carry import carry_forward
from core.draft import IndicatorDef, IndicatorEntry
from core.evaluate import evaluate
from core.registry import load_template
from core.store import read_draft

ROOT = Path(__file__).resolve().parents[2]
# The first 18 lines of seed report 003 (邵阳市大祥区 2021 部门整体支出绩效评价报告), kept in the repository
# so the test runs in every clone.
SEED_B = ROOT / "tests" / "fixtures" / "seed-003-daxiang-opening.txt"


def _t(name):
    return load_template(ROOT / "templates" / name)


def _d(name):
    return read_draft(ROOT / "samples" / name)


def _codes(result):
    return [f.code for f in result.findings]


def _find(result, code, field=None):
    hits = [f for f in result.findings if f.code == code and (field is None or f.field == field)]
    assert hits, f"no {code} at {field}: {[(f.code, f.field) for f in result.findings]}"
    return hits[0]


# -- Hunan 部门整体支出绩效评价 ---------------------------------------------------

@pytest.fixture
def hn():
    return _t("hn-dept-overall")


@pytest.fixture
def daxiang():
    return _d("hn-daxiang-2021.json")


def test_hn_framework_weights_and_cover(hn):
    assert [(n.name, n.weight) for n in hn.indicators] == [
        ("投入", D(20)), ("过程", D(35)), ("产出", D(20)), ("效果", D(25))]
    assert hn.report.cover is True
    cover = {f.id for f in next(g for g in hn.field_groups if g.id == "cover").fields}
    assert {"unit_name", "budget_code", "eval_method", "eval_agency", "report_date", "issuer"} <= cover
    top = [s.title for s in hn.report.sections]
    assert top == ["绩效管理工作开展情况", "部门整体支出绩效情况",
                   "部门整体支出绩效评价存在的问题", "部门整体支出绩效评价提出的改进措施和建议"]


def test_daxiang_sample_not_scored_warnings_only(hn, daxiang):
    r = evaluate(hn, daxiang)
    assert r.errors == []
    assert r.scores.total == D(0) and r.scores.complete is False
    assert all(g.score is None for g in r.scores.groups)
    missing = _find(r, "score.missing")
    assert missing.severity == "warning"
    assert "indicator.actual_missing" not in _codes(r)  # computed 完成值 are not "typed text missing"


def test_daxiang_narrative_is_verbatim_with_paragraphs(hn, daxiang):
    lines = SEED_B.read_text(encoding="utf-8").split("\n")
    s = daxiang.sections
    assert s["s_work"] == lines[3]
    assert [s["s_part1"], s["s_part2"], s["s_part3"]] == [lines[6], lines[8], lines[10]]
    assert s["s_problems"].split("\n") == lines[12:14]
    assert s["s_suggestions"].split("\n") == lines[15:18]
    titles = {sec.id: sec.title for _, sec in hn.report_sections()}
    assert [f"（{n}）" + titles[k] for n, k in zip("一二三", ("s_part1", "s_part2", "s_part3"))] == \
        [lines[5], lines[7], lines[9]]
    text = "\n".join(lines)
    figures = {"o_visit_batches": "573余批（次）", "o_visit_people": "721余人（次）", "o_onsite_solved": "193个",
               "o_leader_visits": "118次", "o_cases_supervised": "60余件", "e_group_conflicts": "11起"}
    for node_id, figure in figures.items():
        assert daxiang.indicators[node_id].actual == figure and figure in text


def test_daxiang_outline_numbers_skip_empty_optional_parts(hn, daxiang):
    from exporters.context import build
    headings = [s["heading"] for s in build(hn, daxiang, evaluate(hn, daxiang))["sections"]]
    assert headings == ["一、绩效管理工作开展情况", "二、部门整体支出绩效情况",
                        "（一）统筹谋划制度推动，绘制强基固本“路线图”",
                        "（二）科技支撑流程再造，打造处理问题“终点站”",
                        "（三）重心下移拓宽渠道，疏通基层工作“微循环”",
                        "三、部门整体支出绩效评价存在的问题", "四、部门整体支出绩效评价提出的改进措施和建议"]


def test_hn_formulas_and_deduct_per_point_from_entered_figures(hn, daxiang):
    daxiang.fields.update({"staff_quota": "20", "staff_actual": "21", "sangong_last": "10",
                           "carryover": "60", "procurement_budget": "80", "procurement_actual": "72",
                           "asset_total": "200", "asset_in_use": "190"})
    daxiang.grids["spending"] = {
        "personnel": {"budget": "300", "actual": "300"}, "public": {"budget": "50", "actual": "52"},
        "project": {"budget": "150", "actual": "135"}, "sangong": {"budget": "12", "actual": "10.5"}}
    r = evaluate(hn, daxiang)
    n = r.scores.nodes
    actual = {k: n[k].actual for k in ("staff_ctrl", "sangong_change", "budget_completion", "carryover_rate",
                                       "public_ctrl", "sangong_ctrl", "procurement_rate", "asset_use")}
    assert actual == {"staff_ctrl": D(105), "sangong_change": D(5), "budget_completion": D("97.4"),
                      "carryover_rate": D(12), "public_ctrl": D(104), "sangong_ctrl": D("87.5"),
                      "procurement_rate": D(90), "asset_use": D(95)}
    scores = {k: n[k].score for k in actual}
    assert scores == {"staff_ctrl": D("2.5"), "sangong_change": D("4.0"), "budget_completion": D("4.9"),
                      "carryover_rate": D("3.2"), "public_ctrl": D("2.4"), "sangong_ctrl": D("3.0"),
                      "procurement_rate": D("0.0"), "asset_use": D("1.0")}
    # over the quota: the template's own 审核 warns, and the low scores want a reason
    assert _find(r, "template.staff_over_quota").severity == "warning"
    assert _find(r, "score.note", "indicators.staff_ctrl.note").severity == "error"


def test_hn_fully_scored_total(hn, daxiang):
    """Every rule type of the template in one draft: the total is the sum of the printed items."""
    daxiang.fields.update({"staff_quota": "20", "staff_actual": "19", "sangong_last": "10",
                           "carryover": "25", "procurement_budget": "80", "procurement_actual": "80",
                           "asset_total": "200", "asset_in_use": "200"})
    daxiang.grids["spending"] = {
        "personnel": {"budget": "300", "actual": "300"}, "public": {"budget": "50", "actual": "48"},
        "project": {"budget": "150", "actual": "140"}, "sangong": {"budget": "12", "actual": "9.6"}}
    e = daxiang.indicators
    e["goal_reasonable"] = IndicatorEntry(band="达成", score="4")
    e["goal_clear"] = IndicatorEntry(band="部分达成", score="2.2", note="部分指标未量化")
    e["budget_completion"] = IndicatorEntry(note="项目支出结余 10 万元")
    for node_id, items in (("fund_rules", ("budget_rules", "finance_rules")),
                           ("fund_compliance", ("lawful", "approval", "no_misuse")),
                           ("disclosure", ("budget_public", "final_public")),
                           ("asset_rules", ("rules_exist", "rules_followed")),
                           ("asset_safety", ("intact", "books_match"))):
        e[node_id] = IndicatorEntry(checked={i: True for i in items})
    e["disclosure"].checked["final_public"] = False
    e["disclosure"].note = "决算未按时公开"
    for row in ("o_visit_batches", "o_visit_people", "o_onsite_solved", "o_leader_visits", "o_cases_supervised"):
        e[row].score = "4"
    for row in ("e_hard_cases", "e_group_conflicts", "e_grid_disputes", "e_key_communities"):
        e[row].score = "5"
    e["public_satisfaction"].actual = "96%"
    r = evaluate(hn, daxiang)
    groups = {g.id: g.score for g in r.scores.groups}
    # 投入 4 + 2.2 + 5 + 8; 过程 (5 × 0.976 = 4.88 → 4.9) + 4 + 4 + 3 + 4 + 3 + 3 + 1.5 + 2 + 2 + 2; 产出 20; 效果 25
    assert groups == {"input": D("19.2"), "process": D("33.4"), "output": D(20), "effect": D(25)}
    assert r.scores.total == D("97.6") and r.scores.grade == "优" and r.scores.complete
    assert r.errors == []


# -- national 项目支出绩效自评表 ----------------------------------------------------

@pytest.fixture
def mof():
    return _t("mof-project")


@pytest.fixture
def qingshi():
    return _d("mof-project-qingshi-water-2023.json")


@pytest.fixture
def published():
    return _d("mof-project-published-tangxi-2022.json")


def test_mof_structure(mof):
    assert [(n.id, n.weight) for n in mof.indicators] == [
        ("budget_exec", D(10)), ("output", D(50)), ("benefit", D(30)), ("satisfaction", D(10))]
    assert [c.name for c in mof.indicators[1].children] == ["数量指标", "质量指标", "时效指标", "成本指标"]
    assert [c.name for c in mof.indicators[2].children] == ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]
    assert all(c.weight is None and c.extensible for n in mof.indicators[1:] for c in n.children)
    assert mof.indicators[0].rule.type == "execution_rate"
    assert mof.signature.fields == ["project_head", "finance_head", "fill_date"]
    assert mof.signature.stamp_label == "（单位盖章）"


def test_realistic_sample_totals(mof, qingshi):
    r = evaluate(mof, qingshi)
    n = r.values.numbers
    # 年度资金总额 left blank: filled from 当年财政拨款 + 上年结转资金 (其他资金 blank = 0)
    assert (n["funds.total.initial"], n["funds.total.budget"], n["funds.total.actual"]) == (D(135), D(135), D("128.52"))
    assert n["funds.total.rate"] == D("95.2")
    groups = {g.id: g.score for g in r.scores.groups}
    assert groups == {"budget_exec": D("9.52"), "output": D("46.90"), "benefit": D(30), "satisfaction": D(10)}
    assert r.scores.total == D("96.42") and r.scores.grade == "优" and r.scores.complete
    assert r.findings == []


def test_empty_derived_group_leaves_totals_unchanged(mof, qingshi):
    before = evaluate(mof, qingshi)
    assert before.scores.nodes["benefit_economic"].weight == D(0)
    assert before.scores.nodes["benefit_economic"].children == []
    qingshi.extra_indicators["benefit_economic"] = []  # an explicitly blank 经济效益指标 row set
    after = evaluate(mof, qingshi)
    assert after.scores.total == before.scores.total == D("96.42")
    assert after.scores.nodes["benefit"].weight == D(30)
    assert "indicator.weights" not in _codes(after) and "indicator.no_rows" not in _codes(after)


def test_a_row_in_the_empty_group_does_disturb_the_benefit_weight(mof, qingshi):
    qingshi.extra_indicators["benefit_economic"] = [
        IndicatorDef(id="b_income", name="带动农户增收", weight=D(10), rule={"type": "manual"})]
    r = evaluate(mof, qingshi)
    f = _find(r, "indicator.weights", "indicators.benefit.weight")
    assert f.numbers == {"left": D(30), "right": D(40)}


def test_published_table_reproduced_and_its_errors_found(mof, published):
    r = evaluate(mof, published)
    groups = {g.id: g.score for g in r.scores.groups}
    assert groups == {"budget_exec": None, "output": D(50), "benefit": D(30), "satisfaction": None}
    assert r.scores.total == D(80) and not r.scores.complete
    assert r.scores.nodes["benefit_economic"].weight == D(0)   # the blank 经济效益指标 row
    # 年度资金总额 printed 0 / 0 / 0 while 本年财政拨款 holds 90 / 89.974 / 89.974
    sums = {f.field: f.numbers for f in r.findings if f.code == "grid.sum"}
    assert sums == {"grids.funds.total.initial": {"left": D(0), "right": D(90)},
                    "grids.funds.total.budget": {"left": D(0), "right": D("89.974")},
                    "grids.funds.total.actual": {"left": D(0), "right": D("89.974")}}
    assert all(f.severity == "error" for f in r.findings if f.code == "grid.sum")
    assert _find(r, "template.budget_zero_spent").severity == "error"
    # 实际完成情况: 30 + 30 + 29.99 = 89.99, stated 89.97; 预期目标 30 × 3 = 90 holds
    bd = [f for f in r.findings if f.code == "text.breakdown"]
    assert [(f.field, f.numbers) for f in bd] == [("fields.goal_actual", {"left": D("89.99"), "right": D("89.97")})]


def test_published_table_with_the_total_row_left_to_the_program(mof, published):
    del published.grids["funds"]["total"]
    r = evaluate(mof, published)
    assert "grid.sum" not in _codes(r)
    assert r.values.numbers["funds.total.budget"] == D("89.974")
    assert r.scores.nodes["budget_exec"].score == D("10.00")   # 89.974 ÷ 89.974 = 100%


def test_year_over_year_carries_targets_and_clears_actuals(mof, qingshi):
    nxt = carry_forward(qingshi, mof)
    assert nxt.fields["year"] == "2024"
    assert nxt.fields["project_name"] == qingshi.fields["project_name"]
    assert "goal_actual" not in nxt.fields and "fill_date" not in nxt.fields
    assert nxt.grids == {}
    targets = {n.id: n.target for rows in nxt.extra_indicators.values() for n in rows}
    assert targets["q_sites"] == "≥40处" and targets["s_users"] == "≥90%" and len(targets) == 9
    assert all(not e.actual and not e.score and not e.band for e in nxt.indicators.values())
    r = evaluate(mof, nxt)
    assert r.scores.total == D(0) and not r.scores.complete


# -- 审核 of “其中” breakdowns in prose ----------------------------------------------

def test_breakdown_reads_totals_and_parts():
    ok = "本项目年度预算135万元，其中：当年财政拨款120万元；上年结转资金15万元。计划维修40处。"
    assert mismatches(ok) == []
    wrong = "预算资金共计2,026,400元，其中：工资400000元；运转252000元；办公28000元；补助960000元；其他100000元。"
    (m,) = mismatches(wrong)
    assert (m.total, m.parts_sum, m.unit) == (D(2026400), D(1740000), "元")
    mixed = "共90万元。其中：30万元；300000元；29.99万元。"
    (m,) = mismatches(mixed)
    assert m.parts_sum == D("89.99") and m.total == D(90)


def test_breakdown_leaves_alone_what_it_cannot_read():
    assert mismatches("支出100万元，其中：基本支出80万元，包括：工资60万元，其他10万元。") == []  # nested
    assert mismatches("收入100万元，其中：财政拨款80万元。") == []       # one part: may be partial
    assert mismatches("其中：30万元；40万元。") == []                    # no stated total
    assert mismatches("共89.974万元。其中：30万元；29.974万元；30万元。") == []
    assert mismatches("第一段共10万元。\n其中：3万元；3万元。") == []      # total in another paragraph

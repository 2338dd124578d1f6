"""审核 against rows of more real published 自评表, found with the search tool (pages corpus,
December 2026). Each test names the table and its address and transcribes the row as printed;
the program must flag what a 财政局 reviewer would send back, and stay quiet on the rows
that are in order."""

from decimal import Decimal as D

import pytest

from core.evaluate import evaluate
from core.registry import scan
from core.targets import parse_target
from core.text import says_something
from tests.core.helpers import mof_draft, mof_row as _row


@pytest.fixture(scope="module")
def mof():
    return scan().newest("mof-project")


def _draft(mof, rows: dict, entries: dict, **fields):
    return mof_draft(mof, rows, entries, year="2020", **fields)


def _found(draft, mof, code):
    return {f.field: f.message for f in evaluate(mof, draft).findings if f.code == code}


# -- 满意度 with no survey -------------------------------------------------------------------

def test_satisfaction_of_100_percent_with_no_survey_asks_for_one(mof):
    """大英县 2020 双心及文明城市创建专项资金 (dyxrmt.cn/article-147197-19.html): 满意度指标 | 群众满意度 | 90% | 已完成100%, and no word of how it was measured."""
    d = _draft(mof, {"satisfaction_service": [_row("s", "群众满意度", 10, "90%", "ratio")]},
               {"s": {"actual": "已完成100%"}})
    assert _found(d, mof, "indicator.satisfaction_basis") == {"indicators.s.note": (
        "「群众满意度」完成值“已完成100%”，表中没有写明满意度是怎样得出的；请在偏差原因栏写明调查方式和样本"
        "（例如“发放问卷120份，满意118份”），没有做调查的不应填写满意度数值")}
    d.indicators["s"].note = "发放问卷120份，收回118份，均为满意"
    assert _found(d, mof, "indicator.satisfaction_basis") == {}
    d.indicators["s"].note = ""
    d.fields["goal_actual"] = "年末对项目涉及的群众开展满意度问卷调查，满意率100%。"
    assert _found(d, mof, "indicator.satisfaction_basis") == {}
    d.fields["goal_actual"] = "群众满意。项目开展了入户调查登记。"   # 满意 and 调查 in different sentences
    assert list(_found(d, mof, "indicator.satisfaction_basis")) == ["indicators.s.note"]


def test_the_published_tianchang_table_is_asked_for_its_survey():
    """天长市水利局 2022 水旱灾害防御经费 (samples/mof-project-published-tianchang-2022.json):
    服务对象满意度 | 90% | 100%, no 偏差原因 and nothing about a survey in the table."""
    from core.opening import open_draft
    from tests.conftest import ROOT
    opened = open_draft(str(ROOT / "samples" / "mof-project-published-tianchang-2022.json"))
    f = [x for x in evaluate(opened.template, opened.draft).findings if x.code == "indicator.satisfaction_basis"]
    assert [(x.field, x.severity) for x in f] == [("indicators.t_satisfaction.note", "warning")]
    assert f[0].message.startswith("「服务对象满意度」完成值“100%”，表中没有写明满意度是怎样得出的")


def test_a_measured_satisfaction_figure_is_left_alone_but_the_target_copied_is_not(mof):
    """四川 大英县 部门预算项目支出绩效自评表, 铁路沿线环境及安全整治 (dyrmt.com/article-133731-63.html):
    群众满意度 | ≥ | 95 | % | 96 — a figure that reads as measured, no finding. The same row with
    the target's own figure as the 完成值 is asked for its survey."""
    d = _draft(mof, {"satisfaction_service": [_row("s", "群众满意度", 10, "≥95%", "ratio")]}, {"s": {"actual": "96%"}})
    assert _found(d, mof, "indicator.satisfaction_basis") == {}
    d.indicators["s"].actual = "95%"
    assert "完成值“95%”与指标值“≥95%”相同，表中没有写明满意度是怎样得出的" in \
        _found(d, mof, "indicator.satisfaction_basis")["indicators.s.note"]
    d.extra_indicators["satisfaction_service"][0].target = "≥95"      # the unit in its own column, as Sichuan prints it
    d.indicators["s"].actual = "100"
    assert list(_found(d, mof, "indicator.satisfaction_basis")) == ["indicators.s.note"]
    d.indicators["s"].actual = "100分"                                 # a score, not a share of those asked
    assert _found(d, mof, "indicator.satisfaction_basis") == {}


def test_satisfaction_copied_with_its_sign_is_said_once(mof):
    """大英县 2020 铁路沿线环境治理经费 (dyrmt.com/article-150275-17.html): 满意度指标 | 项目业主满意度 |
    ≥90% | ≥90%. The copy is the finding; no second one about the survey."""
    d = _draft(mof, {"satisfaction_service": [_row("s", "项目业主满意度", 10, "≥90%", "ratio")]},
               {"s": {"actual": "≥90%"}})
    assert _found(d, mof, "indicator.actual_copied") == {
        "indicators.s.actual": "「项目业主满意度」完成值“≥90%”与指标值一字不差，请填写实际达到的数值"}
    assert _found(d, mof, "indicator.satisfaction_basis") == {}


# -- "已完成100%" as the 完成值 ---------------------------------------------------------------

def test_progress_instead_of_the_count_is_a_unit_mismatch(mof):
    """大英县 2020 双心及文明城市创建专项资金 (dyxrmt.cn/article-147197-19.html): 数量指标 | 宣传次数 | 至少全年完成2次宣传 | 已完成100%; 成本指标 | 成本 | 10万元 |
    已完成100%. A share of the plan in %, against targets in 次 and 万元."""
    d = _draft(mof, {"output_quantity": [_row("q", "宣传次数", 10, "至少全年完成2次宣传", "ratio")],
                     "output_cost": [_row("c", "成本", 10, "10万元", "ratio")]},
               {"q": {"actual": "已完成100%"}, "c": {"actual": "已完成100%"}})
    assert _found(d, mof, "indicator.unit_mismatch") == {
        "indicators.q.actual": "「宣传次数」完成值“已完成100%”只写了完成进度；指标值“至少全年完成2次宣传”以“次”计，"
                               "请填写实际完成的数值，例如“2次”；两者不能相比，本行暂不自动计分",
        "indicators.c.actual": "「成本」完成值“已完成100%”只写了完成进度；指标值“10万元”以“万元”计，"
                               "请填写实际完成的数值，例如“10万元”；两者不能相比，本行暂不自动计分"}
    # the table gave 宣传次数 full marks for it (100 ÷ 2, capped): the rule now waits for the count
    scores = evaluate(mof, d).scores.nodes
    assert (scores["q"].score, scores["q"].missing) == (None, "与指标值同一单位的完成值")
    assert scores["c"].score is None
    assert _found(d, mof, "indicator.over_target") == {}     # not "100 是指标值 2 的 5000%"
    d.indicators["q"].actual = "3次"
    d.indicators["c"].actual = "9.8万元"
    assert _found(d, mof, "indicator.unit_mismatch") == {}
    scores = evaluate(mof, d).scores.nodes
    assert (scores["q"].score, scores["c"].score) == (D(10), D("9.8"))   # 3 ÷ 2 capped; 9.8 ÷ 10 × 10


def test_progress_against_a_worded_target(mof):
    """大英县 2020 双心及文明城市创建专项资金 (dyxrmt.cn/article-147197-19.html): 质量指标 | 创建质量 | 按质按量完成 | 已完成100%; 时效指标 | 全年 | 1-12月 |
    已完成100%; 社会效益指标 | 提升全县消费者维权意识 | 不断提升 | 已完成100%."""
    rows = {"output_quality": [_row("ql", "创建质量", 10, "按质按量完成", "qualitative")],
            "output_timeliness": [_row("t", "全年", 10, "1-12月", "qualitative")],
            "benefit_social": [_row("b", "提升全县消费者维权意识", 10, "不断提升", "qualitative")]}
    d = _draft(mof, rows, {k: {"actual": "已完成100%"} for k in ("ql", "t", "b")})
    found = _found(d, mof, "indicator.actual_progress")
    assert set(found) == {"indicators.ql.actual", "indicators.t.actual", "indicators.b.actual"}
    assert found["indicators.t.actual"] == ("「全年」完成值“已完成100%”只写了完成进度；指标值“1-12月”没有可比的数值，"
                                            "请写明实际达到的情况（完成的时间、做到的程度、取得的效果）")
    d.indicators["t"].actual = "2020年12月前完成"
    assert "indicators.t.actual" not in _found(d, mof, "indicator.actual_progress")


def test_a_completion_rate_target_may_be_met_at_100_percent(mof):
    """A target that is itself a percentage ("≥95%") is reached by "已完成100%": no finding
    (金寨县 2023, ahjinzhai.gov.cn/public/6624963/37545031.html: 验收通过率 ≥95% | 100%)."""
    d = _draft(mof, {"output_quality": [_row("r", "美丽宜居自然村庄验收通过率", 5, "≥95%", "ratio")]},
               {"r": {"actual": "已完成100%"}})
    assert _found(d, mof, "indicator.unit_mismatch") == {} and _found(d, mof, "indicator.actual_progress") == {}


# -- how units are read --------------------------------------------------------------------

@pytest.mark.parametrize("text, value, unit", [
    ("至少全年完成2次宣传", D("2"), "次"),          # dyxrmt.cn/article-147197-19.html; was read as "次宣传"
    ("≥100百分比", D("100"), "%"),                  # 棠溪镇 2022 委托业务报告合格率 (samples/…tangxi-2022.json)
    ("0.5万元/人", D("0.5"), "万元/人"),
    ("2022年底前培训不少于30人次", D("30"), "人次"),
    ("≥266米", D("266"), "米"),
])
def test_units_are_read_from_the_known_ones(text, value, unit):
    t = parse_target(text)
    assert (t.value, t.unit) == (value, unit)


def test_a_month_range_is_a_date_not_the_number_one():
    """dyxrmt.cn/article-147197-19.html: 时效指标 | 全年 | 1-12月 was read as the target "= 1"."""
    assert parse_target("1-12月").qualitative
    assert parse_target("11月前完成").qualitative


def test_a_percentage_written_as_百分比_is_not_a_unit_mismatch(mof):
    """池州市贵池区棠溪镇 2022 委托业务项目 (anthempetcare.com/upload_cz/download?id=502364&siteId=2):
    委托业务报告合格率 | ≥100百分比 | 100. Typed as "100%", the units agree."""
    d = _draft(mof, {"output_quality": [_row("r", "委托业务报告合格率", 8, "≥100百分比", "ratio")]},
               {"r": {"actual": "100%"}})
    assert _found(d, mof, "indicator.unit_mismatch") == {}
    d.indicators["r"].actual = "100份"
    assert list(_found(d, mof, "indicator.unit_mismatch")) == ["indicators.r.actual"]


# -- reasons that say nothing ----------------------------------------------------------------

@pytest.mark.parametrize("text, says", [("暂无", False), ("暂无。", False), ("无。", False), ("0", False),
                                        ("/", False), ("没有", False), ("受汛期影响，工期顺延", True)])
def test_a_reason_that_is_no_reason(text, says):
    """四川 大英县 工资性支出 部门预算项目支出绩效自评表 (dyrmt.com/article-132779-22.html) answers
    存在问题 and 改进措施 with "暂无"; written as a 偏差原因 it explains no lost point either."""
    assert says_something(text) is says


def test_a_lost_point_explained_with_暂无_still_asks_for_a_reason(mof):
    d = _draft(mof, {"output_quality": [_row("r", "按时发放率", 10, "=100%", "manual")]},
               {"r": {"actual": "95%", "score": "9.5", "note": "暂无"}})
    assert _found(d, mof, "score.note") == {
        "indicators.r.note": "「按时发放率」得分 9.5 低于分值 10，偏差原因只写了“暂无”，请写明偏差原因"}


# -- a cost with no ceiling -----------------------------------------------------------------

def test_a_cost_target_without_a_ceiling(mof):
    """四川 大英县 铁路沿线环境及安全整治 (dyrmt.com/article-133731-63.html): 成本指标 | 安全隐患排查成本预算 |
    = | 6 | 万元 | 6 (also 警示标志设置 = 5 万元, 清理垃圾 = 4 万元); 大英县 2020 双心及文明城市创建
    (dyxrmt.cn/article-147197-19.html): 成本 | 10万元. Scored as written, saving money loses points."""
    d = _draft(mof, {"output_cost": [_row("c1", "安全隐患排查成本预算", 5, "=6万元", "ratio"),
                                     _row("c2", "成本", 5, "10万元", "ratio")]},
               {"c1": {"actual": "5.8万元"}, "c2": {"actual": "9.5万元"}})
    r = evaluate(mof, d)
    assert r.scores.nodes["c1"].score == D("4.83")          # 5.8 ÷ 6 × 5: under budget, points lost
    signs = {f.field: f.message for f in r.findings if f.code == "indicator.sign"}
    assert signs == {
        "indicators.c1.target": "「安全隐患排查成本预算」是成本指标，指标值“=6万元”没有用“≤”：照此计分，花得比它少反而扣分、"
                                "超支却得满分；请核对是否应为“≤6万元”",
        "indicators.c2.target": "「成本」是成本指标，指标值“10万元”没有用“≤”：照此计分，花得比它少反而扣分、"
                                "超支却得满分；请核对是否应为“≤10万元”"}
    d.extra_indicators["output_cost"][0].target = "≤6万元"
    r = evaluate(mof, d)
    assert r.scores.nodes["c1"].score == D("5")
    assert "indicators.c1.target" not in {f.field for f in r.findings if f.code == "indicator.sign"}


def test_a_standard_rate_under_cost_is_paid_in_full(mof):
    """A per-head or per-item standard is paid at the standard: "=" is right there, and a
    cost row in % ("成本节约率 ≥5%") is not an amount."""
    d = _draft(mof, {"output_cost": [_row("c1", "人均补助标准", 5, "=500元/人", "ratio"),
                                     _row("c2", "困难群众补助", 5, "=12万元", "ratio"),
                                     _row("c3", "成本节约率", 5, "≥5%", "ratio")]},
               {"c1": {"actual": "500元/人"}, "c2": {"actual": "12万元"}, "c3": {"actual": "6%"}})
    assert _found(d, mof, "indicator.sign") == {}

from decimal import Decimal as D

import pytest

from core.evaluate import evaluate
from tests.core.helpers import draft, leaf, template


def test_sample_reproduces_the_guangdong_report(gd_template, sample_draft):
    r = evaluate(gd_template, sample_draft)
    s = r.scores
    assert s.total == D("95.9") and s.grade == "优" and s.complete
    assert [(g.name, g.score) for g in s.groups] == [("管理效能", D("41.9")), ("履职效能", D("49.0")), ("加分项", D("5.0"))]
    # the report's own subtotals: 15, 26.9, 8, 25.5, 15.5, 5
    second = [n.score for n in s.nodes.values() if n.depth == 2]
    assert second == [D("15.0"), D("26.9"), D("8.0"), D("25.5"), D("15.5"), D("5.0")]
    assert s.nodes["budget_diff"].score == D("2.2") and s.nodes["asset_use"].score == D("4.7")
    assert r.errors == []


def test_printed_total_is_the_sum_of_printed_items():
    # three items of 1/3 each: unrounded they sum to 1.0, printed (0.3 each) they sum to 0.9
    t = template([leaf(x, 1, "ratio", "≥3") for x in "abc"], score_decimals=1)
    r = evaluate(t, draft(t, {x: {"actual": "1", "note": "未完成"} for x in "abc"}))
    assert [r.scores.nodes[x].score for x in "abc"] == [D("0.3")] * 3
    assert r.scores.total == D("0.9")


@pytest.mark.parametrize("total, grade", [("90", "优"), ("89.9", "良"), ("80", "良"), ("79.9", "中"),
                                          ("60", "中"), ("59.9", "差"), ("0", "差"), ("100", "优")])
def test_grade_bands_lower_bound_inclusive(total, grade):
    t = template([leaf("a", 100, "manual")])
    assert evaluate(t, draft(t, {"a": {"score": total, "note": "x"}})).scores.grade == grade


def test_unscored_items_leave_the_group_incomplete_but_sum_what_is_scored():
    t = template([{"id": "g", "name": "组", "weight": 10, "children": [leaf("a", 5), leaf("b", 5)]}])
    s = evaluate(t, draft(t, {"a": {"score": "4", "note": "x"}})).scores
    assert s.nodes["g"].score == D("4") and not s.nodes["g"].complete and not s.complete
    assert s.nodes["b"].score is None


def test_derived_group_weight_and_empty_group_weighs_nothing():
    t = template([{"id": "out", "name": "产出指标", "weight": 20, "children": [
        {"id": "qty", "name": "数量指标", "extensible": True},
        {"id": "eco", "name": "经济效益指标", "extensible": True}]}])
    from core.draft import Draft
    from core.template import IndicatorDef
    d = draft(t, {"r1": {"score": "12", "note": "x"}, "r2": {"score": "8"}})
    d.extra_indicators = {"qty": [IndicatorDef(id="r1", name="培训人次", weight=D(12)),
                                  IndicatorDef(id="r2", name="场次", weight=D(8))]}
    r = evaluate(t, d)
    assert r.scores.nodes["qty"].weight == D(20) and r.scores.nodes["eco"].weight == D(0)
    assert r.scores.total == D(20) - D(0) and r.scores.nodes["eco"].score is None
    assert not [f for f in r.findings if f.code.startswith("indicator.")]
    d.extra_indicators["qty"][1] = IndicatorDef(id="r2", name="场次", weight=D(6))
    assert "indicator.weights" in [f.code for f in evaluate(t, d).findings]  # 12 + 6 ≠ 20


def test_nothing_scored_yet_has_no_grade():
    t = template([leaf("a", 50), leaf("b", 50)])
    s = evaluate(t, draft(t)).scores
    assert s.total == D(0) and s.grade == ""
    assert evaluate(t, draft(t, {"a": {"score": "0", "note": "x"}})).scores.grade == "差"

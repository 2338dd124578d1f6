from decimal import Decimal as D

import pytest

from tests.core.helpers import draft, leaf, score_of, template

# score_decimals 2 so the rule arithmetic shows before the template's rounding
T = dict(score_decimals=2)


@pytest.mark.parametrize("target, actual, expected", [
    ("≥2000件", "2000", D("10.00")), ("≥2000件", "2500件", D("10.00")),   # capped at full marks
    ("≥2000件", "1500", D("7.50")), ("不低于95%", "90%", D("9.47")),       # 90/95*10 = 9.473…
    ("100%", "99.4%", D("9.94")), ("≥0", "5", D("10.00")),
])
def test_ratio_is_capped_at_full_marks(target, actual, expected):
    t = template([leaf("a", 10, "ratio", target)], **T)
    assert score_of(t, draft(t, {"a": {"actual": actual}}), "a") == expected


@pytest.mark.parametrize("rule, target", [("ratio", "-5%"), ("inverse_ratio", "≤-5%")])
def test_a_negative_target_is_not_scored(rule, target):
    """Review 2026-11-30: “-5%” with 完成值 1 scored −0.2; the row now waits for a target a ratio can use."""
    from core.evaluate import evaluate
    t = template([leaf("a", 10, rule, target)], **T)
    ns = evaluate(t, draft(t, {"a": {"actual": "1%"}})).scores.nodes["a"]
    assert (ns.score, ns.missing) == (None, "不为负数的指标值")


@pytest.mark.parametrize("rule, target, actual, expected", [
    ("ratio", "≥5%", "-1%", D("0.00")),            # growth of −1 % against ≥ 5 %: no marks, never below zero
    ("inverse_ratio", "≤5%", "-3%", D("10.00")),   # a 偏差率 of −3 % is within ≤ 5 %
])
def test_a_negative_actual_scores_within_zero_and_full_marks(rule, target, actual, expected):
    t = template([leaf("a", 10, rule, target)], **T)
    assert score_of(t, draft(t, {"a": {"actual": actual}}), "a") == expected


@pytest.mark.parametrize("target, actual, expected", [
    ("≤5%", "4%", D("8.00")), ("≤5%", "5%", D("8.00")), ("≤5%", "10%", D("4.00")),
    ("低于20%", "25%", D("6.40")), ("≤5%", "0", D("8.00")),
])
def test_lower_is_better_targets_score_inversely(target, actual, expected):
    for rule in ("ratio", "inverse_ratio"):
        t = template([leaf("a", 8, rule, target)], **T)
        assert score_of(t, draft(t, {"a": {"actual": actual}}), "a") == expected


def test_deduct_per_point_above_and_below_with_floor():
    above = {"type": "deduct_per_point", "threshold": 5, "per_point": 0.5, "direction": "above"}
    below = {"type": "deduct_per_point", "threshold": 100, "per_point": 0.5, "direction": "below"}
    t = template([leaf("a", 5, above), leaf("b", 5, below)], **T)
    assert score_of(t, draft(t, {"a": {"actual": "10.6%"}}), "a") == D("2.20")   # 5.6 points × 0.5
    assert score_of(t, draft(t, {"a": {"actual": "5%"}}), "a") == D("5.00")
    assert score_of(t, draft(t, {"a": {"actual": "40%"}}), "a") == D("0.00")     # never below 0
    assert score_of(t, draft(t, {"b": {"actual": "99.4%"}}), "b") == D("4.70")   # 0.6 below × 0.5


def test_deduct_per_point_takes_threshold_from_target_when_not_given():
    t = template([leaf("a", 8, {"type": "deduct_per_point", "per_point": 0.8}, "≤0")], **T)
    assert score_of(t, draft(t, {"a": {"actual": "3"}}), "a") == D("5.60")


def test_checklist_deducts_each_unmet_item():
    rule = {"type": "checklist", "items": [{"id": "x", "label": "甲", "points": 1},
                                           {"id": "y", "label": "乙", "points": 1.5},
                                           {"id": "z", "label": "丙", "points": 2}]}
    t = template([leaf("a", 3, rule)], **T)
    assert score_of(t, draft(t), "a") is None  # nothing answered yet: not scored
    assert score_of(t, draft(t, {"a": {"checked": {"x": True, "y": True, "z": True}}}), "a") == D("3.00")
    assert score_of(t, draft(t, {"a": {"checked": {"x": True, "y": False}}}), "a") == D("0.00")  # 3.5 > 3
    assert score_of(t, draft(t, {"a": {"checked": {"x": False, "y": True, "z": True}}}), "a") == D("2.00")


def test_execution_rate_caps_and_refuses_zero_budget():
    grid = {"id": "m", "title": "资金", "columns": [{"id": "b", "label": "全年预算数"}, {"id": "a", "label": "全年执行数"}],
            "rows": [{"id": "total", "label": "年度资金总额"}]}
    rule = {"type": "execution_rate", "budget": "m.total.b", "actual": "m.total.a"}
    t = template([leaf("r", 10, rule)], grids=[grid], **T)
    d = draft(t, grids={"m": {"total": {"b": "89.974", "a": "89.974"}}})
    assert score_of(t, d, "r") == D("10.00")
    d.grids["m"]["total"]["a"] = "67.48"
    assert score_of(t, d, "r") == D("7.50")   # 67.48 / 89.974 × 10 = 7.4999… → 7.50
    d.grids["m"]["total"]["a"] = "120"
    assert score_of(t, d, "r") == D("10.00")
    d.grids["m"]["total"]["b"] = "0"
    assert score_of(t, d, "r") is None


def test_bonus_is_capped_and_penalty_is_negative_and_total_never_below_zero():
    bonus = {"type": "bonus", "items": [{"id": "n", "label": "国家级", "points": 3},
                                        {"id": "p", "label": "省级", "points": 2},
                                        {"id": "c", "label": "市级", "points": 1}]}
    penalty = {"type": "penalty", "items": [{"id": "audit", "label": "审计问题", "points": 20}]}
    t = template([leaf("base", 10, "manual"),
                  {"id": "b", "name": "加分", "weight": 5, "kind": "bonus", "children": [leaf("hb", 5, bonus)]},
                  {"id": "p", "name": "扣分", "weight": 10, "kind": "penalty", "children": [leaf("hp", 10, penalty)]}],
                 full_marks=15, **T)
    d = draft(t, {"base": {"score": "4"}, "hb": {"checked": {"n": True, "p": True, "c": True}},
                  "hp": {"checked": {"audit": True}}})
    r = __import__("core.evaluate", fromlist=["evaluate"]).evaluate(t, d)
    assert r.scores.nodes["hb"].score == D("5.00")      # 3 + 2 + 1 = 6, capped at 5
    assert r.scores.nodes["hp"].score == D("-10.00")    # 20 capped at the weight 10
    assert r.scores.total == D("0")                     # 4 + 5 − 10 < 0 → 0


def test_qualitative_band_range_is_checked():
    t = template([leaf("q", 5, "qualitative", "定性")], **T)
    from core.evaluate import evaluate
    ok = evaluate(t, draft(t, {"q": {"band": "达成", "score": "4", "actual": "好"}}))
    assert ok.scores.nodes["q"].score == D("4.00") and "score.band" not in [f.code for f in ok.findings]
    bad = evaluate(t, draft(t, {"q": {"band": "部分达成", "score": "4.5", "actual": "一般", "note": "x"}}))
    assert "score.band" in [f.code for f in bad.findings]  # 部分达成 is [3, 4)
    edge = evaluate(t, draft(t, {"q": {"band": "部分达成", "score": "4", "actual": "一般", "note": "x"}}))
    assert "score.band" in [f.code for f in edge.findings]  # 4 belongs to 达成


def test_override_replaces_the_automatic_score_and_needs_a_reason():
    from core.evaluate import evaluate
    t = template([leaf("a", 10, "ratio", "≥100")], **T)
    d = draft(t, {"a": {"actual": "80", "override": {"score": "9", "reason": ""}, "note": "未完成"}})
    r = evaluate(t, d)
    node = r.scores.nodes["a"]
    assert node.score == D("9.00") and node.computed_score == D("8.00") and node.overridden
    assert "score.override_reason" in [f.code for f in r.findings]
    d.indicators["a"].override.reason = "经复核完成率按 90% 计"
    assert "score.override_reason" not in [f.code for f in evaluate(t, d).findings]


def test_targets_with_thousands_dates_and_zero_are_read_as_a_clerk_means():
    from core.evaluate import evaluate
    t = template([leaf("a", 10, "ratio", "不少于1,000件"), leaf("b", 10, "ratio", "安全事故0起"),
                  leaf("c", 10, "ratio", "2022年底前培训不少于30人次")], **T)
    r = evaluate(t, draft(t, {"a": {"actual": "800件", "note": "x"}, "b": {"actual": "3起", "note": "x"},
                              "c": {"actual": "30人次"}}))
    assert [r.scores.nodes[k].score for k in "abc"] == [D("8.00"), D("0.00"), D("10.00")]
    assert "indicator.over_target" not in [f.code for f in r.findings]
    r0 = evaluate(t, draft(t, {"b": {"actual": "0起"}}))
    assert r0.scores.nodes["b"].score == D("10.00")


def test_penalty_explanation_keeps_item_labels_intact():
    from core.evaluate import evaluate
    rule = {"type": "penalty", "items": [{"id": "x", "label": "发生公共安全事件", "points": 2}]}
    t = template([leaf("base", 10, "manual"),
                  {"id": "p", "name": "扣分", "weight": 5, "kind": "penalty", "children": [leaf("hp", 5, rule)]}],
                 full_marks=10, **T)
    node = evaluate(t, draft(t, {"hp": {"checked": {"x": True}}})).scores.nodes["hp"]
    assert node.score == D("-2.00") and "发生公共安全事件" in node.explain and "扣 2 分" in node.explain


def test_band_is_checked_on_the_typed_score_not_the_rounded_one():
    from core.evaluate import evaluate
    t = template([leaf("q", 5, "qualitative", "定性")])  # score_decimals 1: 3.95 prints as 4.0
    r = evaluate(t, draft(t, {"q": {"band": "部分达成", "score": "3.95", "actual": "一般", "note": "x"}}))
    assert "score.band" not in [f.code for f in r.findings]


def test_one_rule_table_says_who_computes_each_row(gd_template, sample_draft):
    """The GD honours bonus lists items: the program computes it, so it is automatic (the
    window's tooltip said 手工打分 on a row that could not be typed in); a bonus without
    items is typed by hand; every rule has a Chinese label and a function."""
    from core.evaluate import evaluate
    from core.rules import RULES, computes, rule_of_name
    from core.template import IndicatorDef, RuleSpec
    honours = evaluate(gd_template, sample_draft).scores.nodes["honors"]
    assert honours.auto and rule_of_name(honours.rule).label == "加分项"
    typed_bonus = IndicatorDef(id="b", name="其他加分", weight=2, kind="bonus", rule=RuleSpec(type="bonus"))
    assert not computes(typed_bonus)
    assert computes(IndicatorDef(id="r", name="x", weight=1, rule=RuleSpec(type="ratio")))
    assert not computes(IndicatorDef(id="m", name="x", weight=1))
    assert all(r.label and callable(r.fn) for r in RULES.values())
    assert rule_of_name("no-such-rule").name == "manual"

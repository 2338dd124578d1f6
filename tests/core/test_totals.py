"""Totals a clerk can submit: no row, group or total above what it can count, and the
sum of weights ≠ full marks said with both numbers (issue: 12 typed into a 10-point row
printed 98.4 / 优; a national table whose 产出 rows weighed 70 printed 总分 110)."""

from decimal import Decimal as D

from core.evaluate import evaluate
from core.registry import scan
from core.store import read_draft
from tests.conftest import ROOT
from tests.core.helpers import codes, draft, leaf, template


def test_a_row_above_its_weight_counts_as_its_weight_everywhere(gd_template, sample_draft):
    sample_draft.indicators["t2_cases"].score = "12"          # a 10-point row, 9.5 before
    r = evaluate(gd_template, sample_draft)
    row = r.scores.nodes["t2_cases"]
    assert row.score == D("12") and row.counted == D("10")    # shown as typed, counted as 10
    duty = next(g for g in r.scores.groups if g.id == "duty")
    assert duty.score == D("49.5") and duty.score <= duty.weight
    assert r.scores.total == D("96.4")
    assert [f for f in r.errors if f.code == "score.range"][0].message == \
        "「分类录入办理信访案件数」得分 12 超出范围，应在 0 至 10 分之间；小计和总分只按 10 分计"
    assert r.audit_status == "审核未通过：1 个错误"


def test_a_group_counts_at_most_its_weight_and_the_total_at_most_full_marks():
    t = template([{"id": "out", "name": "产出指标", "weight": 50, "children": [
                      {"id": "q", "name": "数量指标", "extensible": True}]},
                  {"id": "eff", "name": "效益指标", "weight": 50, "children": [leaf("e1", 50)]}])
    from core.template import IndicatorDef
    rows = [IndicatorDef(id=f"u{i}", name=f"自设{i}", weight=D(35)) for i in range(2)]  # 70 under a 50 group
    d = draft(t, {"u0": {"score": "35"}, "u1": {"score": "35"}, "e1": {"score": "50"}},
              extra_indicators={"q": rows})
    r = evaluate(t, d)
    out = r.scores.nodes["out"]
    assert out.score == D("50") and r.scores.total == D("100") and r.scores.grade == "优"
    marks = [f for f in r.findings if f.code == "marks.sum"]
    assert len(marks) == 1 and marks[0].severity == "error"
    assert "合计 120 分，满分为 100 分" in marks[0].message
    assert "indicator.weights" in codes(r)


def test_the_national_table_with_70_points_of_output_rows_totals_at_most_100():
    """The qingshi sample with its 产出 rows weighed up to 70 (as a published table did)."""
    mof = scan().newest("mof-project")
    d = read_draft(ROOT / "samples" / "mof-project-qingshi-water-2023.json")
    rows = d.extra_indicators["output_quantity"]
    extra = D(70) - sum((n.weight for k in ("output_quantity", "output_quality", "output_timeliness", "output_cost")
                         for n in d.extra_indicators.get(k, [])), D(0))
    rows[0] = rows[0].model_copy(update={"weight": rows[0].weight + extra})
    d.indicators[rows[0].id].score = str(rows[0].weight)
    r = evaluate(mof, d)
    assert r.scores.total <= D(100)
    assert r.scores.nodes["output"].score <= D(50)
    marks = next(f for f in r.findings if f.code == "marks.sum")
    assert "满分为 100 分" in marks.message and "合计 120 分" in marks.message


def test_penalties_stay_within_their_weight_and_never_take_the_total_below_zero():
    t = template([leaf("a", 10), {"id": "pen", "name": "扣分", "weight": 5, "kind": "penalty",
                                  "children": [leaf("p", 5)]}])
    d = draft(t, {"a": {"score": "2"}, "p": {"score": "-8"}})
    r = evaluate(t, d)
    assert r.scores.nodes["p"].counted == D("-5") and r.scores.total == D("0")
    assert "score.range" in codes(r)


def test_progress_names_empty_groups_instead_of_saying_all_scored():
    mof = scan().newest("mof-project")
    from core.draft import new_draft
    d = new_draft(mof)
    d.grids = {"funds": {"total": {"budget": "100", "actual": "95"}}}
    r = evaluate(mof, d)
    assert r.progress == "「产出指标」、「效益指标」、「满意度指标」下还没有指标，总分为已评部分之和"
    assert not r.scores.complete

from decimal import Decimal as D

from core.evaluate import evaluate
from tests.core.helpers import codes, draft, leaf, template


def _finding(result, code):
    return next(f for f in result.findings if f.code == code)


def test_score_above_weight_is_an_error_naming_both_numbers(gd_template, sample_draft):
    sample_draft.indicators["t2_cases"].score = "12"
    r = evaluate(gd_template, sample_draft)
    f = _finding(r, "score.range")
    assert f.severity == "error" and f.field == "indicators.t2_cases.score"
    assert f.numbers == {"left": D("12.0"), "right": D("10")}
    assert "12" in f.message and "10" in f.message


def test_partial_score_without_deviation_note_is_an_error(gd_template, sample_draft):
    sample_draft.indicators["t3_supervise"].note = ""
    f = _finding(evaluate(gd_template, sample_draft), "score.note")
    assert f.field == "indicators.t3_supervise.note" and f.severity == "error"


def test_grid_entered_total_that_does_not_add_up():
    grid = {"id": "m", "title": "资金", "columns": [{"id": "a", "label": "全年执行数"}],
            "rows": [{"id": "total", "label": "年度资金总额", "check": "x + y"},
                     {"id": "x", "label": "财政拨款"}, {"id": "y", "label": "其他资金"}]}
    t = template([leaf("s", 10)], grids=[grid])
    d = draft(t, {"s": {"score": "10"}}, grids={"m": {"total": {"a": "0"}, "x": {"a": "89.974"}, "y": {"a": "0"}}})
    f = _finding(evaluate(t, d), "grid.sum")
    assert f.field == "grids.m.total.a" and f.numbers == {"left": D("0"), "right": D("89.974")}
    d.grids["m"]["total"]["a"] = "89.974"
    assert "grid.sum" not in codes(evaluate(t, d))


def test_computed_grid_rows_and_rate_column(gd_template, sample_draft):
    n = evaluate(gd_template, sample_draft).values.numbers
    assert n["spending.basic.actual"] == D("892.82")
    assert n["spending.expense_total.actual"] == D("1391.03")
    assert n["spending.expense_total.rate"] == D("100")
    assert n["spending.expense_total.initial"] is None  # the report gives no 年初预算数


def test_required_field_actual_missing_and_bad_number(gd_template, sample_draft):
    sample_draft.fields["unit_name"] = "  "
    sample_draft.indicators["t1_emergency"].actual = ""
    sample_draft.grids["spending"]["wages"]["actual"] = "785,96"
    r = evaluate(gd_template, sample_draft)
    assert {"field.required", "indicator.actual_missing", "grid.number"} <= set(codes(r))
    assert _finding(r, "grid.number").field == "grids.spending.wages.actual"
    assert r.values.numbers["spending.basic.actual"] is None  # refused, not guessed


def test_actual_far_above_target_is_a_warning():
    t = template([leaf("a", 10, "ratio", "每年不少于2000件")])
    r = evaluate(t, draft(t, {"a": {"actual": "2600件"}}))
    f = _finding(r, "indicator.over_target")
    assert f.severity == "warning" and f.numbers == {"left": D("2600"), "right": D("2000")}
    assert "indicator.over_target" not in codes(evaluate(t, draft(t, {"a": {"actual": "2400件"}})))


def test_template_declared_check_with_both_sides(gd_template, sample_draft):
    sample_draft.grids["spending"]["project"]["actual"] = "600"
    f = _finding(evaluate(gd_template, sample_draft), "template.income_vs_expense")
    assert f.severity == "warning" and f.numbers == {"left": D("1492.82"), "right": D("1391.03")}


def test_errors_come_before_warnings_and_control_chars_are_flagged(gd_template, sample_draft):
    sample_draft.sections["s_overview"] += "\x07"
    sample_draft.indicators["t2_cases"].score = "11"
    r = evaluate(gd_template, sample_draft)
    severities = [f.severity for f in r.findings]
    assert severities == sorted(severities, key=lambda s: s != "error")
    assert _finding(r, "text.control").field == "sections.s_overview"


def test_unscored_items_are_one_warning_listing_them():
    t = template([leaf("a", 5), leaf("b", 5)])
    r = evaluate(t, draft(t))
    f = _finding(r, "score.missing")
    assert f.severity == "warning" and "2" in f.message and r.errors == []


def test_report_text_that_still_states_an_old_total_is_flagged(gd_template, sample_draft):
    assert "text.stale_total" not in codes(evaluate(gd_template, sample_draft))  # the report says 95.9
    sample_draft.indicators["t2_cases"].score = "10"   # total becomes 96.4
    f = _finding(evaluate(gd_template, sample_draft), "text.stale_total")
    assert f.field == "sections.s_conclusion" and f.numbers == {"left": "95.9", "right": "96.4"}


def test_full_marks_in_the_text_is_not_a_stale_total(gd_template, sample_draft):
    sample_draft.sections["s_conclusion"] = "评价指标体系总分100分，整体绩效自评得分95.9分，等级为“优”。"
    assert "text.stale_total" not in codes(evaluate(gd_template, sample_draft))
    sample_draft.sections["s_conclusion"] = "评价指标体系总分100分，整体绩效自评得分95分。"
    assert "text.stale_total" in codes(evaluate(gd_template, sample_draft))

from decimal import Decimal as D

from core.carry import carry_forward
from core.evaluate import evaluate
from core.session import Session
from core.store import read_draft, recoverable
from core.template import IndicatorDef


def test_an_edit_recomputes_and_names_what_moved(gd_template, sample_draft):
    s = Session(gd_template, sample_draft)
    change = s.set("indicators.t2_cases.score", "10")
    assert change.total_before == D("95.9") and change.total_after == D("96.4")
    assert set(change.changed_scores) == {"t2_cases", "task_reform", "duty"}
    assert s.dirty and s.result.scores.total == D("96.4")
    same = s.set("indicators.t2_cases.score", "10")
    assert same.changed_scores == [] and same.total_before == same.total_after


def test_grid_edit_feeds_computed_rows(gd_template, sample_draft):
    s = Session(gd_template, sample_draft)
    s.set("grids.spending.wages.actual", "800")
    assert s.result.values.numbers["spending.basic.actual"] == D("906.86")
    assert s.get("grids.spending.wages.actual") == "800"


def test_checklist_override_and_rows(gd_template, sample_draft):
    s = Session(gd_template, sample_draft)
    s.set("indicators.disclosure.checked.final_public", False)
    assert s.result.scores.nodes["disclosure"].score == D("2.5")
    s.set("indicators.asset_use.override.score", "5")
    assert s.result.scores.nodes["asset_use"].score == D("5.0")
    assert "score.override_reason" in [f.code for f in s.result.findings]
    s.set("indicators.asset_use.override.reason", "资产盘点后确认全部在用")
    assert "score.override_reason" not in [f.code for f in s.result.findings]
    duty = list(s.draft.extra_indicators["duty"])
    quality = duty[2]
    grown = quality.model_copy(update={"children": [*quality.children,
                                                    IndicatorDef(id="t3_new", name="新增指标", weight=D(2))]})
    change = s.replace_extra("duty", [*duty[:2], grown])
    assert change.structure and "indicator.weights" in [f.code for f in s.result.findings]
    s.set("indicators.t3_new.score", "2")
    entry = s.draft.indicators["t3_new"]
    s.replace_extra("duty", duty, drop=["t3_new"])          # the row goes, and its values with it
    assert "t3_new" not in s.draft.indicators
    assert "indicator.weights" not in [f.code for f in s.result.findings]
    s.replace_extra("duty", [*duty[:2], grown], restore={"t3_new": entry})   # undo brings both back
    assert s.result.scores.nodes["t3_new"].score == D("2.0")


def test_save_clears_the_journal_and_autosave_fills_it(gd_template, sample_draft, tmp_path):
    path = tmp_path / "d.json"
    s = Session(gd_template, sample_draft)
    s.save(str(path))
    s.set("fields.unit_name", "改名")
    s.autosave()
    assert [e.draft.fields["unit_name"] for e in recoverable()] == ["改名"]
    s.save()
    assert recoverable() == [] and not s.dirty
    assert read_draft(path).fields["unit_name"] == "改名"


def test_carry_forward_keeps_targets_clears_actuals_and_bumps_year(gd_template, sample_draft):
    nxt = carry_forward(sample_draft, gd_template)
    assert nxt.fields["year"] == "2022" and nxt.fields["unit_name"] == "广州市花都区信访局"
    assert nxt.extra_indicators == sample_draft.extra_indicators
    assert all(e.actual is None and e.score is None and not e.checked for e in nxt.indicators.values())
    assert nxt.grids == {} and set(nxt.sections) == {"s_overview"}
    r = evaluate(gd_template, nxt)
    assert r.scores.total == D("0") and not r.scores.complete

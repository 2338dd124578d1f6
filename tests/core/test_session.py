import os
import subprocess
import sys
from decimal import Decimal as D

from core.carry import carry_forward
from core.evaluate import evaluate
from core.opening import attach
from core.registry import scan
from core.session import Session
from core.store import read_draft, recoverable
from core.template import IndicatorDef
from tests.conftest import ROOT, SAMPLE


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



def _rows(result) -> dict:
    return {nid: (n.score, n.counted, n.complete) for nid, n in result.scores.nodes.items()}


def _said(findings) -> list:
    return [(f.code, f.severity, f.field, f.message) for f in findings]


def test_a_session_opens_with_every_score_and_runs_audit_when_its_findings_are_first_read():
    """The window's first frame shows the total before 审核 has run: the scores of an opened
    draft must be those of the full evaluation, and the findings, read later, all of them."""
    installed = scan()
    samples = sorted((ROOT / "samples").glob("*.json"))
    assert len(samples) >= 7
    for path in samples:
        opened = attach(read_draft(path), str(path), installed)
        full = evaluate(opened.template, read_draft(path))
        s = Session(opened.template, opened.draft)
        assert not s.result.checked, path.name
        assert s.result.scores.total == full.scores.total and _rows(s.result) == _rows(full), path.name
        assert s.result.values.numbers == full.values.numbers, path.name
        assert _said(s.result.findings) == _said(full.findings) and s.result.checked, path.name


def test_an_edit_before_the_deferred_audit_leaves_both_findings_right(gd_template, sample_draft):
    opened = evaluate(gd_template, read_draft(SAMPLE))
    s = Session(gd_template, sample_draft)
    first = s.result
    s.set("fields.unit_name", None)                          # before anything read the opening's findings
    assert _said(first.findings) == _said(opened.findings)   # 审核 of the draft as it was opened
    assert "field.required" not in [f.code for f in first.findings]
    assert [f.field for f in s.result.findings if f.code == "field.required"] == ["fields.unit_name"]
    assert s.result.audit_status == "审核未通过：1 个错误"


def test_opening_a_session_does_not_load_the_audit_modules():
    """core.checks, core.reviewer and core.textcheck (regexes, rule tables) load with the
    first 审核, after the window's first frame, not with the draft."""
    code = f"""
import sys
from core.opening import attach
from core.registry import scan
from core.session import Session
from core.store import read_draft
draft = read_draft({str(SAMPLE)!r})
s = Session(attach(draft, {str(SAMPLE)!r}, scan(only=draft.template.id)).template, draft)
audit = {{"core.checks", "core.reviewer", "core.textcheck"}}
print(sorted(audit & set(sys.modules)), s.result.scores.total)
s.result.findings
print(sorted(audit & set(sys.modules)))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.splitlines()
    assert out == ["[] 95.9", "['core.checks', 'core.reviewer', 'core.textcheck']"]


def test_renaming_a_clerks_group_rechecks_its_rows(gd_template, sample_draft):
    """Review 2026-11-30: a row's findings stayed cached when only its group was renamed,
    though a 成本 group's amounts are checked for a missing “≤” (大英县's “=6万元”)."""
    from core.draft import IndicatorEntry
    from core.template import IndicatorDef, RuleSpec
    row = IndicatorDef(id="cx", name="办公经费", weight=D(2), target="=6万元", rule=RuleSpec(type="ratio"))
    group = IndicatorDef(id="cg", name="其他任务", weight=D(2), children=[row])
    sample_draft.extra_indicators = dict(sample_draft.extra_indicators)
    sample_draft.extra_indicators["duty"] = list(sample_draft.extra_indicators.get("duty", [])) + [group]
    sample_draft.indicators["cx"] = IndicatorEntry(actual="5万元")
    s = Session(gd_template, sample_draft)
    assert not [f for f in s.result.findings if f.field.startswith("indicators.cx") and f.code == "indicator.sign"]
    renamed = [g.model_copy(update={"name": "成本控制"}) if g.id == "cg" else g
               for g in s.draft.extra_indicators["duty"]]
    s.replace_extra("duty", renamed)
    live = sorted((f.code, f.message) for f in s.result.findings if f.field.startswith("indicators.cx"))
    fresh = sorted((f.code, f.message) for f in evaluate(gd_template, s.draft).findings
                   if f.field.startswith("indicators.cx"))
    assert live == fresh and any(code == "indicator.sign" for code, _ in live)

"""sc-project: Sichuan's 部门预算项目支出绩效自评表 (报表编号 510000_0013zp). Its sample is
青神县发展和改革局's 2023 工资性支出 table (https://www.scqs.gov.cn/info/13206/211004.htm),
entered as published; the 90-point free split is checked with the 4 × 22.5 table of
https://dyrmt.com/article-132779-22.html (DOMAIN.md S6, S8)."""

import io
import shutil
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest

from core.evaluate import evaluate
from core.opening import open_draft
from core.registry import load_template
from core.template import IndicatorDef
from exporters.api import export_bytes

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "templates" / "sc-project"
SAMPLE = ROOT / "samples" / "sc-project-published-qingshen-2023.json"


@pytest.fixture(scope="module")
def opened():
    return open_draft(str(SAMPLE))


def _codes(r):
    return sorted(f.code for f in r.findings)


def test_validates_and_is_listed():
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "validate-template", str(FOLDER)], cwd=ROOT,
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert out.returncode == 0 and "无误" in out.stdout, out.stdout + out.stderr
    listed = subprocess.run([sys.executable, str(ROOT / "main.py"), "templates", "--json"], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=120).stdout
    assert "sc-project" in listed


def test_the_published_table_checks_as_printed(opened):
    """执行率 251.89 / 251.89 = 100 % → 10; both 绩效指标 rows have no 完成值 in the original: total 10."""
    r = evaluate(opened.template, opened.draft)
    assert r.values.numbers["funds.total.rate"] == D(100)
    assert [(g.name, g.weight, g.score) for g in r.scores.groups] == [
        ("预算执行率", D(10), D("10.00")), ("产出指标", D(60), None), ("效益指标", D(30), None),
        ("满意度指标", D(0), None)]
    assert r.scores.total == D("10.00") and r.scores.grade == "差"
    assert _codes(r) == ["field.recommended"] * 2 + ["indicator.actual_missing"] * 2 + ["score.missing"] \
        + ["text.instruction"] * 4
    assert "marks.sum" not in _codes(r)   # 10 + 60 + 30 = 100 as printed


def test_the_template_instruction_left_in_place_is_flagged(opened):
    r = evaluate(opened.template, opened.draft)
    flagged = {f.field for f in r.findings if f.code == "text.instruction"}
    assert flagged == {"fields.goal_actual", "fields.eval_conclusion", "fields.problems", "fields.measures"}
    d = opened.draft.model_copy(deep=True)
    d.fields["goal_actual"] = "按时足额发放工资、缴纳社保，全年执行251.89万元。"
    assert "fields.goal_actual" not in {f.field for f in evaluate(opened.template, d).findings
                                        if f.code == "text.instruction"}


def _four_rows(opened, weights=("22.5", "22.5", "22.5", "22.5")):
    """The dyrmt.com table: 足额保障率=100% 22.5, 科目调整次数≤10次 22.5, 按时发放率=100% 22.5,
    结余率≤5% 22.5, with the 青神 money block and every row met."""
    d = opened.draft.model_copy(deep=True)
    rows = [("output_quantity", "r1", "足额保障率", "=100%", "100%"),
            ("output_quantity", "r2", "科目调整次数", "≤10次", "4次"),
            ("output_timeliness", "r3", "按时发放率", "=100%", "100%"),
            ("benefit_economic", "r4", "结余率(计算方法为:结余数/预算数)", "≤5%", "2%")]
    d.extra_indicators = {}
    d.indicators = {}
    for (group, rid, name, target, actual), weight in zip(rows, weights):
        d.extra_indicators.setdefault(group, []).append(
            IndicatorDef(id=rid, name=name, weight=D(weight), target=target, rule={"type": "ratio"}))
    from core.draft import IndicatorEntry
    for _, rid, _, _, actual in rows:
        d.indicators[rid] = IndicatorEntry(actual=actual)
    return d


def test_ninety_points_split_as_the_clerk_sets_them(opened):
    r = evaluate(opened.template, _four_rows(opened))
    assert [(g.name, g.weight, g.score) for g in r.scores.groups] == [
        ("预算执行率", D(10), D("10.00")), ("产出指标", D(67.5), D("67.50")), ("效益指标", D("22.5"), D("22.50")),
        ("满意度指标", D(0), None)]
    assert (r.scores.total, r.scores.grade) == (D("100.00"), "优")
    assert not [f for f in r.findings if f.code in ("marks.sum", "indicator.weights")]


def test_weights_not_totalling_ninety_are_an_error(opened):
    r = evaluate(opened.template, _four_rows(opened, ("22.5", "22.5", "22.5", "20")))
    sums = [f for f in r.findings if f.code == "marks.sum"]
    assert [(f.severity, f.numbers["left"], f.numbers["right"]) for f in sums] == [("error", D("97.5"), D(100))]
    assert sums[0].message == "各项指标分值合计 97.5 分，满分为 100 分，两者应相等；总分最多按 100 分计"


@pytest.mark.parametrize("note, flagged", [("", True), ("/", True), ("0", True),
                                           ("年底项目结算未完成，尾款结转下年支付", False)])
def test_rate_below_ninety_needs_a_reason(opened, note, flagged):
    d = opened.draft.model_copy(deep=True)
    d.grids["funds"]["total"]["actual"] = "200"   # 200 / 251.89 = 79.40 %
    d.grids["funds"]["fiscal"]["actual"] = "200"
    if note:
        from core.draft import IndicatorEntry
        d.indicators["budget_exec"] = IndicatorEntry(note=note)
    r = evaluate(opened.template, d)
    hits = [f for f in r.findings if f.code == "template.rate_reason"]
    assert bool(hits) == flagged
    if flagged:
        assert hits[0].severity == "error" and hits[0].field == "indicators.budget_exec.note"
        assert hits[0].message == "预算执行率 79.4% 未达到 90%，请在“原因”中说明（100字以内）"


def test_rate_at_ninety_needs_no_reason_from_the_check(opened):
    d = opened.draft.model_copy(deep=True)
    d.grids["funds"]["total"]["actual"] = d.grids["funds"]["fiscal"]["actual"] = "226.701"   # 90.00 %
    assert "template.rate_reason" not in _codes(evaluate(opened.template, d))


def test_unless_filled_must_name_a_text_the_clerk_writes(tmp_path):
    from core.errors import TemplateError
    folder = tmp_path / "t"
    shutil.copytree(FOLDER, folder)
    (folder / "form.parsed.json").unlink()
    form = folder / "form.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace(
        "unless_filled: indicators.budget_exec.note", "unless_filled: indicators.budget_exe.note"), encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        load_template(folder)
    assert [p.code for p in exc.value.problems] == ["check.unless_filled"]


def test_exports_print_slashes_in_the_sub_rows_and_the_reason(opened):
    import openpyxl
    d = opened.draft.model_copy(deep=True)
    from core.draft import IndicatorEntry
    d.indicators["budget_exec"] = IndicatorEntry(note="年中追加人员经费12.96万元")
    r = evaluate(opened.template, d)
    ws = openpyxl.load_workbook(io.BytesIO(export_bytes("xlsx", opened.template, d, r))).active
    cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value not in (None, "")}
    total_row = next(row for (row, col), v in cells.items() if v == "总额")
    assert [str(cells.get((total_row + i, c))) for i in range(5) for c in (7, 8)] == \
        ["10", "10"] + ["/", "/"] * 4
    assert cells[(total_row, 9)] == "年中追加人员经费12.96万元"
    assert "报表编号：510000_0013zp" in cells.values()

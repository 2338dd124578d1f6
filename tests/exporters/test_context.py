from decimal import Decimal as D

from core.draft import new_draft
from core.evaluate import evaluate
from exporters.context import build, render_starter


def test_context_carries_the_engine_figures(gd_template, sample_draft):
    ctx = build(gd_template, sample_draft, evaluate(gd_template, sample_draft))
    assert ctx["total"] == D("95.9") and ctx["grade"] == "优" and ctx["full_marks"] == D("100")
    assert ctx["cell"]["spending"]["basic"]["actual"] == D("892.82")
    assert ctx["report_title"] == "2021年度广州市花都区信访局部门整体支出绩效自评报告"
    assert [s["heading"] for s in ctx["sections"]][:3] == ["一、基本情况", "（一）部门概况", "（二）年度总体工作和重点工作任务"]
    rows = ctx["indicator_rows"]
    assert sum(r["score"] for r in rows) == ctx["total"]  # the table adds up to the printed total
    first = rows[0]
    assert first["l1_first"] and first["l1_span"] == 9 and first["l2_span"] == 3
    assert ctx["indicator_table"] == "appendix" and ctx["cover"] is False


def test_empty_draft_prints_no_none(gd_template):
    d = new_draft(gd_template)
    ctx = build(gd_template, d, evaluate(gd_template, d))
    assert "None" not in ctx["report_title"] and ctx["report_title"].startswith("年度")


def test_starter_text_reproduces_the_report_sentence(gd_template, sample_draft):
    text = render_starter(gd_template, sample_draft, evaluate(gd_template, sample_draft), "s_finance")
    assert text.startswith("本年度收入1391.03万元，其中：一般公共预算财政拨款收入1391.03万元。")   # no spaces around figures
    assert "完成预算100%" in text and "基本支出892.82万元" in text and "项目支出498.21万元" in text


def test_control_characters_are_cleaned_once_at_the_context(gd_template, sample_draft):
    sample_draft.sections["s_overview"] = "第一段\x0b第二段\x07"
    ctx = build(gd_template, sample_draft, evaluate(gd_template, sample_draft))
    sec = next(s for s in ctx["sections"] if s["id"] == "s_overview")
    assert sec["paragraphs"] == ["第一段", "第二段"]


def test_control_characters_in_a_clerks_own_row_name_are_warned_and_never_printed(gd_template, sample_draft):
    """A name pasted from WPS with a control character was printed as a box with no word;
    every other text was cleaned and warned."""
    from core.evaluate import evaluate
    from core.template import IndicatorDef
    from exporters.context import build
    key = next(iter(sample_draft.extra_indicators), None) or "t2"
    own = IndicatorDef(id="uown1", name="自设\x07指标", weight=0)
    sample_draft.extra_indicators = {**sample_draft.extra_indicators,
                                     key: list(sample_draft.extra_indicators.get(key, [])) + [own]}
    r = evaluate(gd_template, sample_draft)
    warned = [f for f in r.findings if f.code == "text.control" and f.field == "indicators.uown1.name"]
    assert len(warned) == 1 and warned[0].message.startswith("「自设指标」的指标名称中有 1 个不可见的控制字符")
    ctx = build(gd_template, sample_draft, r)
    names = [row["name"] for row in ctx["indicator_rows"]]
    assert "自设指标" in names and not any("\x07" in n for n in names)


def test_the_three_target_cells_follow_the_templates_columns():
    """Yunnan's variant of the national table (DOMAIN.md §9.3) prints 指标性质 as 正向/反向/定性
    and 度量单位 apart; the same draft under the shipped national template prints one 指标值.
    The rows are 棠溪镇's published table (samples/mof-project-published-tangxi-2022.json)."""
    from pathlib import Path

    from core.registry import scan
    from core.store import read_draft
    from core.template import IndicatorColumns
    draft = read_draft(Path(__file__).resolve().parents[2] / "samples" / "mof-project-published-tangxi-2022.json")
    national = scan().newest("mof-project")
    yunnan = national.model_copy(update={"indicator_columns": IndicatorColumns(nature="words", unit=True)})
    plain_rows = build(national, draft, evaluate(national, draft))["indicator_rows"]
    rows = build(yunnan, draft, evaluate(yunnan, draft))["indicator_rows"]
    assert [r["target"] for r in rows] == [r["target"] for r in plain_rows]     # the draft's text is one
    assert all(r["target_value"] == r["target"] and not r["nature"] and not r["unit"] for r in plain_rows)
    split = [(r["nature"], r["target_value"], r["unit"]) for r in rows if r["unit"]]
    assert split and all(n in ("正向", "反向", "定性") for n, _, _ in split)
    for r in rows:
        if r["unit"]:
            assert r["target"].endswith(r["unit"]) and r["target_value"] in r["target"]

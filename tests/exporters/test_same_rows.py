"""Every output carries what the clerk entered, once, written the same way.

For every sample: each text the clerk typed (header fields, 指标值, 完成值, 偏差原因,
report sections) and each score appears in Word, Excel and the PDF — unless that
layout declares in form.yaml (leave_out) that it does not print it. The national
sample's 预算执行率 偏差原因 was in the Excel file only, and Excel listed 预算执行率
twice; scores were 8 in Word, 8.00 in Excel and the PDF."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from core.evaluate import evaluate  # noqa: E402
from core.format import score  # noqa: E402
from core.opening import open_draft  # noqa: E402
from core.text import clean_text  # noqa: E402
from exporters import excel, pdf, word  # noqa: E402
from exporters.context import build  # noqa: E402
from tests.exporters.outputs_text import docx_text, pdf_text, squeeze, xlsx_cells  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.json"))
LAYOUTS = ("report.docx", "table.xlsx", "print.html.j2")


def _entered(t, d, r) -> list[tuple[str, str]]:
    """(address, the text as every output must show it) for all the clerk entered."""
    out = []
    for f in t.all_fields():
        v = d.fields.get(f.id)
        if v and f.type in ("text", "longtext", "choice", "date"):
            out.append((f"fields.{f.id}", clean_text(v)))
    shown = {nid for nid, ns in r.scores.nodes.items() if ns.leaf}
    for k, e in d.indicators.items():
        if k in shown:
            out += [(f"indicators.{k}.{part}", clean_text(getattr(e, part)))
                    for part in ("target", "actual", "note") if getattr(e, part)]
    out += [(f"sections.{k}", clean_text(v)) for k, v in d.sections.items() if v]
    out += [(f"indicators.{nid}.score", score(ns.score)) for nid, ns in r.scores.nodes.items()
            if ns.leaf and ns.score is not None]
    return [(where, squeeze(text)) for where, text in out if squeeze(text)]


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.stem)
def rendered(request, tmp_path_factory):
    opened = open_draft(str(request.param))
    t, d = opened.template, opened.draft
    r = evaluate(t, d)
    ctx = build(t, d, r)
    xtext, xnumbers = xlsx_cells(excel.render(t, ctx))
    return {"t": t, "d": d, "r": r, "ctx": ctx,
            "report.docx": docx_text(word.render(t, ctx)),
            "table.xlsx": (xtext, xnumbers),
            "print.html.j2": pdf_text(pdf.render(t, ctx), tmp_path_factory.mktemp("pdf"))}


def _in(layout: str, out, where: str, text: str) -> bool:
    if layout != "table.xlsx":
        return text in out
    xtext, xnumbers = out
    if where.endswith(".score"):   # a number cell, written as General: the same digits
        return Decimal(text).normalize() in xnumbers
    return text in xtext


def test_every_entered_value_appears_in_every_layout_that_prints_it(rendered):
    t = rendered["t"]
    missing = []
    for where, text in _entered(t, rendered["d"], rendered["r"]):
        for layout in LAYOUTS:
            if any(where == p or where.startswith(p + ".") for p in t.leave_out.get(layout, [])):
                continue
            if not _in(layout, rendered[layout], where, text):
                missing.append((layout, where, text[:30]))
    assert missing == []


def test_the_layouts_declare_only_what_they_really_leave_out(rendered):
    """A leave_out entry that the layout prints after all is stale: it would hide a loss."""
    t = rendered["t"]
    for layout, prefixes in t.leave_out.items():
        for prefix in prefixes:
            hits = [(w, x) for w, x in _entered(t, rendered["d"], rendered["r"])
                    if w == prefix or w.startswith(prefix + ".")]
            printed = [w for w, x in hits if len(x) > 8 and _in(layout, rendered[layout], w, x)]
            assert printed == [], (layout, prefix)


def test_the_budget_row_and_its_reason_are_in_each_output_once():
    """samples/mof-project-qingshi-water-2023.json: the 预算执行率 偏差原因 ("…年底前未完成竣工结算…")
    was in Excel only, and Excel listed 预算执行率 twice."""
    opened = open_draft(str(ROOT / "samples" / "mof-project-qingshi-water-2023.json"))
    t, d = opened.template, opened.draft
    ctx = build(t, d, evaluate(t, d))
    reason = squeeze(d.indicators["budget_exec"].note)
    assert "年底前未完成竣工结算" in reason
    import tempfile
    texts = {"docx": docx_text(word.render(t, ctx)), "xlsx": xlsx_cells(excel.render(t, ctx))[0],
             "pdf": pdf_text(pdf.render(t, ctx), Path(tempfile.mkdtemp()))}
    for name, text in texts.items():
        assert text.count(reason) == 1, name
        assert text.count("预算执行率") == 0, name   # its row is the money block's 年度资金总额 line
        assert text.count("执行率偏差原因") == 1, name
    assert "9.52" in texts["docx"] and "9.52" in texts["pdf"] and "9.520" not in texts["pdf"]


def test_an_error_is_said_next_to_the_total_in_every_output(tmp_path):
    opened = open_draft(str(ROOT / "samples" / "gd-huadu-xinfang-2021.json"))
    t, d = opened.template, opened.draft
    d.indicators["t2_cases"].score = "12"
    r = evaluate(t, d)
    ctx = build(t, d, r)
    assert ctx["audit_status"] == "审核未通过：1 个错误" and ctx["total"] == Decimal("96.4")
    for text in (docx_text(word.render(t, ctx)), xlsx_cells(excel.render(t, ctx))[0],
                 pdf_text(pdf.render(t, ctx), tmp_path)):
        assert "审核未通过：1个错误" in text

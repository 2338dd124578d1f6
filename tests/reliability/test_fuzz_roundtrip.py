"""What the clerk types comes back exactly: through save → open and the
autosave journal unchanged, and into the render context (hence every export)
cleaned only of control characters. Scores typed with full-width digits or
stray spaces are read; an ambiguous comma is refused, never guessed."""

from __future__ import annotations

import io
import json
import os
import zipfile
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from core.draft import IndicatorEntry
from core.evaluate import evaluate
from core.numbers import parse_number
from core.session import Session
from core.store import read_draft, recoverable
from core.text import clean_text
from exporters.context import build
from tests.core.helpers import leaf, template
from tests.reliability.hostile import HOSTILE_TEXTS, LONG_PARAGRAPH, hostile_text

FUZZ = settings(max_examples=int(os.environ.get("JXZP_FUZZ_EXAMPLES", "300")) // 2, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# where the text goes: a text field, a long-text field, a report section, an indicator's 偏差原因
ADDRESSES = ("fields.unit_name", "fields.overall_goal", "sections.s_problems", "indicators.procurement.note")


def _fill(session: Session, text: str) -> None:
    for address in ADDRESSES:
        session.set(address, text)


def _assert_context(session: Session, text: str) -> None:
    ctx = build(session.template, session.draft, session.result)
    expected = clean_text(text)
    assert ctx["f"]["unit_name"] == expected
    assert ctx["f"]["overall_goal"] == expected
    section = next(s for s in ctx["sections"] if s["id"] == "s_problems")
    assert section["text"] == expected
    row = next(r for r in ctx["indicator_rows"] if r["id"] == "procurement")
    assert row["note"] == expected


def _round_trip(session: Session, path) -> None:
    session.save(str(path))
    back = read_draft(path)
    for address in ADDRESSES:
        kind, _, rest = address.partition(".")
        typed = session.get(address)
        if kind == "fields":
            assert back.fields[rest] == typed
        elif kind == "sections":
            assert back.sections[rest] == typed
        else:
            assert back.indicators[rest.split(".")[0]].note == typed
    assert back == session.draft


@pytest.mark.parametrize("index", range(len(HOSTILE_TEXTS)),
                         ids=[repr(t[:12]) + (f"…{len(t)}" if len(t) > 12 else "") for t in HOSTILE_TEXTS])
def test_hostile_text_round_trips(index, gd_template, sample_draft, tmp_path):
    text = HOSTILE_TEXTS[index]
    session = Session(gd_template, sample_draft, None)
    _fill(session, text)
    session.autosave()
    _round_trip(session, tmp_path / "草稿.json")
    _assert_context(session, text)
    # the journal holds it exactly too (a crash before the save)
    other = Session(gd_template, session.draft.model_copy(deep=True), None)
    other.autosave()
    entry = next(e for e in recoverable() if e.draft_path is None)
    assert entry.draft.fields["unit_name"] == text
    assert entry.draft.sections["s_problems"] == text


def test_long_paragraph_is_kept_whole(gd_template, sample_draft, tmp_path):
    session = Session(gd_template, sample_draft, None)
    session.set("sections.s_results", LONG_PARAGRAPH)
    session.save(str(tmp_path / "草稿.json"))
    assert read_draft(tmp_path / "草稿.json").sections["s_results"] == LONG_PARAGRAPH
    ctx = build(gd_template, session.draft, session.result)
    section = next(s for s in ctx["sections"] if s["id"] == "s_results")
    assert section["text"] == LONG_PARAGRAPH and section["paragraphs"] == [LONG_PARAGRAPH]


@pytest.mark.slow
@FUZZ
@given(hostile_text)
def test_any_text_round_trips(gd_template, sample_draft, tmp_path_factory, text):
    session = Session(gd_template, sample_draft.model_copy(deep=True), None)
    _fill(session, text)
    _round_trip(session, tmp_path_factory.mktemp("rt") / "草稿.json")
    _assert_context(session, text)


# -- into the exported files --------------------------------------------------------

EXPORT_TEXTS = ["=SUM(A1:A9)", "@unit", "-1", "+86 20", "{{ 7*7 }}{% if 1 %}x{% endif %}",
                "< & > \" ' ＆", "𠀀𪚥 扩展B", "😀👍🏽 表情", "行一\x0b行二", "控制\x00\x1f\x7f字符"]


def _docx_text(data: bytes) -> str:
    import docx
    doc = docx.Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def _xlsx_values(data: bytes) -> list[str]:
    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


@pytest.mark.slow
@pytest.mark.parametrize("text", EXPORT_TEXTS)
def test_text_comes_out_of_word_and_excel_as_typed(text, gd_template, sample_draft):
    """Word: the section text appears exactly (line breaks as typed after
    cleaning). Excel: the 偏差原因 cell holds it as text, never as a formula."""
    from exporters.api import export_bytes

    session = Session(gd_template, sample_draft, None)
    _fill(session, text)
    expected = clean_text(text)
    docx_bytes = export_bytes("docx", gd_template, session.draft, session.result)
    assert all(line in _docx_text(docx_bytes) for line in expected.split("\n")), expected
    xlsx_bytes = export_bytes("xlsx", gd_template, session.draft, session.result)
    assert expected in _xlsx_values(xlsx_bytes)
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes)) as z:
        sheets = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in sheets.replace("<f/>", "") or not expected.startswith("="), "text became a formula"


# -- scores as typed ---------------------------------------------------------------

@pytest.fixture
def hundred():
    """One manual indicator worth 100, so a typed 95.9 is a legal score."""
    t = template([leaf("only", 100, "manual")], grades=[{"name": "优", "min": 90}, {"name": "差", "min": 0}])
    return t


@pytest.mark.parametrize("typed", ["９５．９", " 95.9 ", "95.9", "\u300095.9\u3000", "95.90", "+95.9", "95.9分"])
def test_score_typed_in_other_forms_reads_as_95_9(hundred, typed):
    session = Session(hundred)
    change = session.set("indicators.only.score", typed)
    assert session.draft.indicators["only"].score == typed, "the draft keeps what was typed"
    assert session.result.scores.nodes["only"].score == Decimal("95.9")
    assert session.result.scores.total == Decimal("95.9") and change.total_after == Decimal("95.9")
    assert not [f for f in session.result.findings if f.code == "score.number"]
    assert parse_number(typed).value == Decimal("95.9")


@pytest.mark.parametrize("typed", ["95,9", "９５，９", "95,90", "1,2,3", "95.9.1", "九十五", "95 9", "0x5F", "1e2", "NaN"])
def test_ambiguous_or_unreadable_score_is_refused_clearly(hundred, typed):
    session = Session(hundred)
    session.set("indicators.only.score", typed)
    node = session.result.scores.nodes["only"]
    assert node.score is None, f"{typed!r} was read as {node.score}"
    assert session.result.scores.total in (None, Decimal(0)), session.result.scores.total
    findings = [f for f in session.result.findings if f.code == "score.number"]
    assert len(findings) == 1 and findings[0].severity == "error"
    assert findings[0].field == "indicators.only.score"
    assert "「指标only」" in findings[0].message
    if "," in typed or "，" in typed:
        assert "逗号" in findings[0].message


def test_grouped_thousands_are_read_not_refused():
    assert parse_number("1,391.03").value == Decimal("1391.03")
    assert parse_number("１，３９１．０３").value == Decimal("1391.03")


def test_full_width_money_in_the_real_template(gd_template, sample_draft):
    """The same reading for a money cell: the 全年执行数 of 工资福利支出 typed full width."""
    session = Session(gd_template, sample_draft, None)
    before = session.result.scores.total
    session.set("grids.spending.wages.actual", "７８５．９６")
    assert session.result.values.numbers["spending.wages.actual"] == Decimal("785.96")
    assert session.result.scores.total == before == Decimal("95.9")
    session.set("grids.spending.wages.actual", "785,96")
    assert any(f.code == "grid.number" and "逗号" in f.message for f in session.result.findings)

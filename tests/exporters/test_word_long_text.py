"""Long text in the Word report (issue 15): a 200,000-character field is all
there and LibreOffice opens the file quickly."""

from __future__ import annotations

import io
import re
import time

import pytest

docx = pytest.importorskip("docx")

from exporters.cell_limits import WORD_CELL_LIMIT, WORD_PARAGRAPH_LIMIT, long_text_note  # noqa: E402
from core.format import cn_number as numeral  # noqa: E402  (附文 numbers are the outline numerals)
from exporters.docx_long_text import pieces  # noqa: E402

OPEN_LIMIT_S = 10


def long_goal(chars: int) -> str:
    """Numbered sentences, a line break now and then, `chars` characters or a little more."""
    out, i = [], 0
    while sum(map(len, out)) < chars:
        i += 1
        out.append(f"第{i}句：按期完成年度绩效目标，群众满意度较高。" + ("\n" if i % 400 == 0 else ""))
    return "".join(out).strip()


def sentence_numbers(text: str) -> set[int]:
    """The numbered sentences in `text`; the report's page footers (—12—), which
    pdftotext puts where a page ends, may fall inside one."""
    return {int(n) for n in re.findall(r"第(\d+)句", re.sub(r"—\d+—", "", re.sub(r"\s+", "", text)))}


@pytest.fixture(scope="module")
def long_report():
    from core.evaluate import evaluate
    from core.registry import load_template
    from core.store import read_draft
    from exporters.api import export_bytes
    from tests.conftest import GD_TEMPLATE, SAMPLE
    template, draft = load_template(GD_TEMPLATE), read_draft(SAMPLE)
    text = long_goal(200_000)
    draft.fields["overall_goal"] = text
    return export_bytes("docx", template, draft, evaluate(template, draft)), text


def test_the_cell_keeps_the_beginning_and_the_whole_text_follows_the_table(long_report):
    data, text = long_report
    document = docx.Document(io.BytesIO(data))
    cell = next(c for row in document.tables[0].rows for c in row.cells if c.text.startswith("第1句"))
    assert cell.text.replace("\n", "") == (text[:WORD_CELL_LIMIT] + "……（全文见本表后附文一）").replace("\n", "")
    body = [p.text for p in document.paragraphs]
    start = body.index("附文一（接上表）")
    moved = "".join(body[start + 1:])
    assert moved.startswith(re.sub(r"\n", "", text)[:200])
    assert sentence_numbers(moved) == sentence_numbers(text)                # every sentence, in the body
    assert all(len(p) <= WORD_PARAGRAPH_LIMIT for p in body)
    assert "".join(body[start + 1:start + 1 + len(moved)]).find(text.replace("\n", "")) == 0


def test_a_short_text_stays_in_its_cell(gd_template, sample_draft):
    from exporters.api import export_bytes
    document = docx.Document(io.BytesIO(export_bytes("docx", gd_template, sample_draft)))
    assert not any(p.text.startswith("附文") for p in document.paragraphs)


def test_pieces_end_at_sentence_ends_and_keep_every_character():
    text = "甲" * 700 + "。" + "乙" * 900 + "！”" + "丙" * 2500
    parts = pieces(text, 1000)
    assert "".join(parts) == text
    assert parts[0].endswith("。") and parts[1].endswith("！”")
    assert all(len(p) <= 1000 for p in parts)


def test_numerals_and_the_windows_note():
    assert [numeral(n) for n in (1, 10, 11, 20, 25)] == ["一", "十", "十一", "二十", "二十五"]
    assert long_text_note(WORD_CELL_LIMIT) is None
    note = long_text_note(40_000)
    assert "前 500 字" in note and "全文接在该表之后" in note and "Excel" in note
    assert "Excel" not in long_text_note(5_000)


def _cpu_seconds(convert) -> float:
    """CPU seconds (user + system) of the LibreOffice run `convert` waits for: on a
    shared machine its wall time also counts the other processes."""
    import resource
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    convert()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


@pytest.mark.slow
def test_libreoffice_opens_it_quickly_with_all_the_text(long_report, gd_template, sample_draft, lo_convert, pdftext):
    """LibreOffice converts it within 10 s of its own CPU time, start-up included
    (a 200,000-character cell did not open within 600 s before; 20,000 took 3.5 s)."""
    from exporters.api import export_bytes
    sample = _cpu_seconds(lambda: lo_convert(export_bytes("docx", gd_template, sample_draft), name="sample.docx"))
    data, text = long_report
    pdf = []
    seconds = _cpu_seconds(lambda: pdf.append(lo_convert(data, name="long.docx")))
    assert seconds <= OPEN_LIMIT_S, f"LibreOffice used {seconds:.1f} s of CPU (the sample report: {sample:.1f} s)"
    assert sentence_numbers(pdftext(pdf[0])) == sentence_numbers(text)

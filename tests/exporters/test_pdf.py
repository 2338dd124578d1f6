"""The printed 自评表 and its PDF, read back through pdftotext as a person would search it."""

from __future__ import annotations

import os
import re

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from core.text import clean_text  # noqa: E402
from exporters import pdf, print_pages, printing  # noqa: E402
from tests.exporters.test_excel import HOSTILE, LONG, hostile_context  # noqa: E402

RADICALS = re.compile("[\u2e80-\u2fdf]")     # ⻔ ⽀ ⾃ …: what Noto CJK leaves in Qt's text layer


def squeeze(text: str) -> str:
    """pdftotext puts line breaks where lines wrap and drops some spaces."""
    return re.sub(r"\s+", "", text)


def pdf_file(tmp_path, data: bytes, name: str = "print.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture
def sample_pdf(gd_template, sample_ctx, tmp_path):
    return pdf_file(tmp_path, pdf.render(gd_template, sample_ctx))


def test_pdf_text_layer_is_real_chinese(sample_pdf, pdftext):
    assert sample_pdf.read_bytes().startswith(b"%PDF")
    text = pdftext(sample_pdf)
    for expected in ("广州市花都区信访局", "95.9", "优", "部门整体支出绩效自评表", "1391.03", "892.82",
                     "41.9", "管理效能小计", "（单位盖章）", "单位负责人"):
        assert expected in text, expected
    assert "部门" in text and not RADICALS.search(text)


def test_our_page_numbers_on_every_page(sample_pdf, pdftext):
    pages = pdftext(sample_pdf).split("\f")[:-1]
    assert len(pages) == 2
    for n, page in enumerate(pages, start=1):
        assert f"第{n}页共{len(pages)}页" in squeeze(page)


def test_font_is_one_whose_pdf_text_is_right():
    printing.ensure_app()
    family = printing.font_family()
    assert family in printing.FONT_PREFERENCE
    assert "Noto" not in family and "Source Han" not in family


def test_clerk_text_is_escaped_in_the_html_and_never_run_as_a_template(gd_template, sample_draft):
    ctx, _ = hostile_context(gd_template, sample_draft)
    html = printing.html(gd_template, ctx)
    assert "广州市花都区信访局 &amp; &lt;测试&gt; {{ 7*7 }}" in html
    assert "<测试>" not in html
    assert html.count("{{ 7*7 }}") == 2                   # unit name and a note, both literal


def test_full_width_spaces_and_line_breaks_survive_layout(gd_template, sample_draft):
    ctx, _ = hostile_context(gd_template, sample_draft)
    text = printing.document(gd_template, ctx).toPlainText()
    assert "\u3000全角空格\u3000" in text                  # QTextDocument.print_ would collapse these
    assert "第一行\n第二行" in text or "第一行\u2029第二行" in text


def test_pages_cover_everything_once_and_never_cut_a_line(gd_template, sample_draft):
    ctx, _ = hostile_context(gd_template, sample_draft)
    doc = printing.document(gd_template, ctx)
    height = printing.body_height()
    pages = print_pages.paginate(doc, height)
    assert pages[0].top == 0 and pages[-1].bottom == doc.size().height()
    lines = []
    block = doc.begin()
    while block.isValid():
        rect = doc.documentLayout().blockBoundingRect(block)
        for i in range(block.layout().lineCount()):
            line = block.layout().lineAt(i)
            lines.append((rect.top() + line.y(), rect.top() + line.y() + line.height()))
        block = block.next()
    for before, after in zip(pages, pages[1:]):
        assert before.bottom == after.top
        assert not any(top < before.bottom < bottom for top, bottom in lines), before.bottom
    for page in pages:
        header = page.header[1] - page.header[0] if page.header else 0
        assert page.bottom - page.top + header <= height + 0.01


def test_indicator_header_repeats_on_the_next_page(gd_template, sample_ctx):
    doc = printing.document(gd_template, sample_ctx)
    first, second = print_pages.paginate(doc, printing.body_height())
    assert first.header is None and first.bottom_box              # page 1 closes the cut table
    assert second.header is not None and second.top_box


def _drawable(text: str) -> bool:
    """True when some installed font has every character (else Qt can only draw a box)."""
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
    metrics = [QFontMetrics(QFont(f)) for f in QFontDatabase.families()]
    return all(ch.isspace() or any(m.inFontUcs4(ord(ch)) for m in metrics) for ch in text)


@pytest.fixture(scope="module")
def hostile_pdf_text(tmp_path_factory):
    from core.registry import load_template
    from core.store import read_draft
    from tests.conftest import GD_TEMPLATE, SAMPLE
    from tests.exporters.conftest import pdf_text
    template = load_template(GD_TEMPLATE)
    ctx, typed = hostile_context(template, read_draft(SAMPLE))
    path = pdf_file(tmp_path_factory.mktemp("hostile"), pdf.render(template, ctx))
    return pdf_text(path), typed


def test_hundred_thousand_character_paragraph_is_all_there_once(hostile_pdf_text):
    text, _ = hostile_pdf_text
    assert text.count("段") == len(LONG)          # nothing lost at page cuts, nothing printed twice


@pytest.mark.parametrize("index", range(len(HOSTILE)))
def test_hostile_text_comes_out_as_typed(hostile_pdf_text, index):
    text, typed = hostile_pdf_text
    value = clean_text(list(typed.values())[index])
    if not _drawable(value):
        pytest.skip(f"no installed font can draw {value!r}: Qt prints empty boxes (Windows has SimSun-ExtB "
                    f"and Segoe UI Emoji)")
    assert squeeze(value) in squeeze(text)


def test_printer_gets_the_same_pages_as_the_pdf(gd_template, sample_ctx, sample_pdf, tmp_path, pdftext):
    from PySide6.QtPrintSupport import QPrinter
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    assert printing.print_document(gd_template, sample_ctx, printer) == 2
    del printer
    assert squeeze(pdftext(tmp_path / "printer.pdf")) == squeeze(pdftext(sample_pdf))


def test_a_missing_print_layout_is_named(gd_template, sample_ctx, tmp_path):
    from core.errors import TemplateError
    template = gd_template.model_copy(update={"folder": str(tmp_path)})
    with pytest.raises(TemplateError) as err:
        pdf.render(template, sample_ctx)
    assert err.value.problems[0].code == "file.missing"


def many_rows(template, draft, n: int):
    """The sample with one 二级 task of `n` rows under 履职效能: one merge over many pages."""
    from decimal import Decimal

    from core.draft import IndicatorEntry
    from core.evaluate import evaluate
    from core.template import IndicatorDef, RuleSpec
    from exporters.context import build
    d = draft.model_copy(deep=True)
    kids = [IndicatorDef(id=f"r{i}", name=f"第{i}项指标", weight=Decimal("0.5"), rule=RuleSpec(type="manual"))
            for i in range(n)]
    d.extra_indicators = {"duty": [IndicatorDef(id="big", name="长任务", weight=Decimal(n) / 2, children=kids)]}
    d.indicators.update({f"r{i}": IndicatorEntry(score="0.5", actual="完成") for i in range(n)})
    return build(template, d, evaluate(template, d))


def test_merged_labels_are_repeated_on_every_page_they_continue_on(gd_template, sample_draft, tmp_path, pdftext):
    pages = pdftext(pdf_file(tmp_path, pdf.render(gd_template, many_rows(gd_template, sample_draft, 150)))).split("\f")
    continued = [p for p in pages[1:] if "项指标" in p]
    assert len(continued) >= 2
    for page in continued:
        assert "履职效能" in page and "长任务" in page
        assert "一级指标" in page                                   # and the header above them

"""Every export finishes or refuses within a stated limit (issue 16): a PDF of a
draft beyond PDF_MAX_ROWS table rows or PDF_MAX_TEXT characters is refused up
front with a Chinese message naming both limits; Word and Excel still export."""

from __future__ import annotations

import time

import pytest

from core.template import IndicatorDef
from exporters.api import PDF_MAX_ROWS, PDF_MAX_TEXT, TooLarge, export_bytes


@pytest.fixture
def mof():
    from core.registry import load_template
    from core.store import read_draft
    from tests.conftest import ROOT
    return load_template(ROOT / "templates" / "mof-project"), read_draft(ROOT / "samples" / "mof-project-qingshi-water-2023.json")


def test_many_rows_are_refused_for_pdf_quickly_and_plainly(mof):
    template, draft = mof
    draft.extra_indicators["output_quantity"] = [IndicatorDef(id=f"r{i}", name=f"指标{i}", weight=0)
                                                 for i in range(PDF_MAX_ROWS + 1)]
    start = time.monotonic()
    with pytest.raises(TooLarge) as exc:
        export_bytes("pdf", template, draft)
    assert time.monotonic() - start < 10    # refused before the pages are laid out
    assert str(PDF_MAX_ROWS) in str(exc.value) and "Word" in str(exc.value)
    assert export_bytes("xlsx", template, draft)[:2] == b"PK"


def test_a_long_text_is_refused_for_pdf(mof):
    template, draft = mof
    draft.fields["goal_actual"] = "完成情况" * (PDF_MAX_TEXT // 4 + 1)   # a pasted 20 MB note, in small
    with pytest.raises(TooLarge) as exc:
        export_bytes("pdf", template, draft)
    assert str(PDF_MAX_TEXT) in str(exc.value)


def test_the_samples_are_far_inside_the_limits(mof):
    import re

    from exporters.lint import context_for
    from exporters.printing import html
    template, draft = mof
    page = html(template, context_for(template, draft))
    assert len(re.findall(r"<tr[\s>]", page)) * 10 < PDF_MAX_ROWS
    assert len(re.sub(r"<[^>]*>", "", page)) * 50 < PDF_MAX_TEXT


def test_the_command_exports_the_rest_and_says_why_not_the_pdf(mof, tmp_path):
    import contextlib
    import io

    from cli.commands import run
    from cli.guard import guarded
    from core.store import save_draft
    template, draft = mof
    draft.fields["goal_actual"] = "完成情况" * (PDF_MAX_TEXT // 4 + 1)
    path = tmp_path / "草稿.json"
    save_draft(draft, path)
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = guarded(run, ["export", str(path), "--out", str(tmp_path / "导出")])
    assert code == 2 and "PDF 打印稿未生成" in err.getvalue() and "程序内部错误" not in err.getvalue()
    assert sorted(p.suffix for p in (tmp_path / "导出").iterdir()) == [".docx", ".xlsx"]

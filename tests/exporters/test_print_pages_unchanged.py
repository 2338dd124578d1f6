"""The printed pages of every sample (and of a long merged 二级 group, and of
hostile text) keep their count and their text page by page. The expected pages
were recorded from the PDF export before the pagination was rewritten to be
linear (issue 15) and are kept in data/print_pages.json:

    .venv/bin/python -m tests.exporters.test_print_pages_unchanged --record

records the cases missing from it (a new sample) and leaves the others as they are.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = Path(__file__).with_name("data") / "print_pages.json"
SAMPLES = sorted((ROOT / "samples").glob("*.json"))
TODAY = date(2026, 1, 5)


def _context(case: str):
    from core.evaluate import evaluate
    from core.opening import open_draft
    from exporters.context import build
    if case == "synthetic_300":            # 30 二级 groups of 10 under one 一级 over many pages
        sys.path.insert(0, str(ROOT / "bench"))
        from scoring_bench import synthetic
        template, draft = synthetic(290, fit=False)
        return template, build(template, draft, evaluate(template, draft), TODAY)
    if case in ("many_rows", "hostile"):
        from core.registry import load_template
        from core.store import read_draft
        from tests.conftest import GD_TEMPLATE, SAMPLE
        template, draft = load_template(GD_TEMPLATE), read_draft(SAMPLE)
        if case == "hostile":
            from tests.exporters.test_excel import hostile_context
            return template, hostile_context(template, draft)[0]
        from tests.exporters.test_pdf import many_rows
        return template, many_rows(template, draft, 150)
    opened = open_draft(str(ROOT / "samples" / case))
    return opened.template, build(opened.template, opened.draft, evaluate(opened.template, opened.draft), TODAY)


CASES = [p.name for p in SAMPLES] + ["many_rows", "synthetic_300", "hostile"]
HASHED = {"hostile"}        # pages of a 100,000-character paragraph: kept as their SHA-1


def pages_of(case: str, folder: Path) -> list[str]:
    """The PDF's text, page by page, spaces and line breaks left out (pdftotext
    places them by position; the words and their page are what a reader sees)."""
    from exporters import pdf
    from tests.exporters.conftest import pdf_text
    template, ctx = _context(case)
    path = folder / f"{case}.pdf"
    path.write_bytes(pdf.render(template, ctx))
    pages = [re.sub(r"\s+", "", page) for page in pdf_text(path).split("\f")[:-1]]
    return [hashlib.sha1(p.encode()).hexdigest() for p in pages] if case in HASHED else pages


@pytest.mark.parametrize("case", CASES)
def test_pages_and_their_text_are_as_recorded(case, tmp_path):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))[case]
    got = pages_of(case, tmp_path)
    assert len(got) == len(expected)
    for n, (page, want) in enumerate(zip(got, expected), start=1):
        assert page == want, f"page {n} of {case}"


if __name__ == "__main__" and "--record" in sys.argv:
    import tempfile
    sys.path.insert(0, str(ROOT))
    # Only the cases not yet recorded (a new sample): the recorded pages are what the others are held to.
    data = json.loads(EXPECTED.read_text(encoding="utf-8")) if EXPECTED.exists() else {}
    missing = [case for case in CASES if case not in data]
    with tempfile.TemporaryDirectory() as folder:
        data.update({case: pages_of(case, Path(folder)) for case in missing})
    EXPECTED.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print({case: len(data[case]) for case in missing})

"""exporters/print_pages.py: merged cells ended at page starts in the layout's HTML."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from exporters import print_pages, printing  # noqa: E402

HTML = ('<p>标题</p><table border="1"><tr><td>甲</td><td>乙</td><td>丙</td></tr>'
        '<tr><td rowspan="4" class="c">一级</td><td rowspan=2>二级</td><td>1</td></tr>'
        '<tr><td>2</td></tr><tr><td>二级B</td><td>3<table><tr><td>内</td></tr></table></td></tr>'
        '<tr><td>4</td><td>5</td></tr></table>')


def _doc(source: str):
    from PySide6.QtGui import QTextDocument
    printing.ensure_app()
    doc = QTextDocument()
    doc.setHtml(source)
    return doc


def test_a_merge_is_ended_at_the_cut_and_repeated_with_its_attributes():
    doc = _doc(HTML)
    out = print_pages.split_spans(HTML, doc, {0: {2: {(1, 0), (1, 1)}, 4: {(1, 0)}}})
    assert out == ('<p>标题</p><table border="1"><tr><td>甲</td><td>乙</td><td>丙</td></tr>'
                   '<tr><td class="c" rowspan="1">一级</td><td rowspan="1">二级</td><td>1</td></tr>'
                   '<tr><td class="c" rowspan="2">一级</td><td rowspan="1">二级</td><td>2</td></tr>'
                   '<tr><td>二级B</td><td>3<table><tr><td>内</td></tr></table></td></tr>'
                   '<tr><td class="c" rowspan="1">一级</td><td>4</td><td>5</td></tr></table>')
    split = _doc(out)
    table = split.rootFrame().childFrames()[0]
    assert [table.cellAt(r, 0).rowSpan() for r in (1, 2, 4)] == [1, 2, 1]


def test_tables_that_do_not_match_the_document_are_left_to_break_spans():
    doc = _doc(HTML)
    assert print_pages.split_spans(HTML + "<table><tr><td>x</td></tr></table>", doc, {0: {2: {(1, 0)}}}) is None

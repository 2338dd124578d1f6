"""Generate templates/gd-dept-overall/report.docx: the Word layout of the
自评报告, GB/T 9704 page and type (A4, 仿宋_GB2312 三号 body, 22 lines of 28 characters a page), with docxtpl
tags typed whole inside single runs.

    python tools/build_docx_layout.py [OUT.docx]

The output is byte-for-byte reproducible (fixed zip dates and document
properties), so tests can check the committed file was built by this script.
A template author may instead edit the .docx in Word/WPS; then run
`python main.py validate-template templates/gd-dept-overall`.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm  # noqa: E402

from exporters.docx_ooxml import (add_font_alternates, el, fix_table, page_field_runs,  # noqa: E402
                                  para_props, replace_child, run_props, set_style, strip_theme_fonts)

OUT = ROOT / "templates" / "gd-dept-overall" / "report.docx"
FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"
LINE = 579          # exact line spacing in twips: 28.95 pt, 22 lines in the 225 mm text block
CHAR = 320          # one 3号 character in twips (first-line indent fallback for old readers)
KEEP = {"Normal", "Header", "Footer", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Title",
        "Default Paragraph Font", "Normal Table", "No List", "Table Grid"}
# the year may still be empty in a draft: no "None年度"
TABLE_TITLE = "{% if year %}{{ year|num }}年度{% endif %}部门整体支出绩效自评表"
FIXED_TIME = dt.datetime(2021, 1, 1, 0, 0, 0)
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def styles(doc) -> None:
    st = doc.styles
    for style in list(st):  # python-docx ships ~160 styles; keep the few an author needs
        if style.name not in KEEP:
            style.element.getparent().remove(style.element)
    root = st.element
    strip_theme_fonts(root)
    defaults = root.find(qn("w:docDefaults"))
    replace_child(defaults.find(qn("w:rPrDefault")), run_props(FANGSONG, 16))
    replace_child(defaults.find(qn("w:pPrDefault")), para_props(line_twips=LINE))

    body = dict(first_chars=2, first_twips=2 * CHAR, line_twips=LINE)
    set_style(st["Normal"], para_props(**body), run_props(FANGSONG, 16))
    set_style(st["Title"], para_props(align="center", line_twips=LINE * 3 // 2, after=LINE, keep_next=True,
                                      snap=False), run_props(XIAOBIAOSONG, 22))
    for level, font, bold in ((1, HEITI, False), (2, KAITI, False), (3, FANGSONG, True), (4, FANGSONG, False)):
        set_style(st[f"Heading {level}"], para_props(**body, keep_next=True, keep_lines=True, outline=level - 1),
                  run_props(font, 16, bold=bold))
    for name in ("Header", "Footer"):
        set_style(st[name], para_props(align="center", snap=False), run_props(SONGTI, 9))
    for name in ("Normal Table", "Table Grid"):
        set_style(st[name], None, run_props(FANGSONG, 10.5))

    def add(name, style_id, ppr, rpr):
        style = st.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), style_id)
        style.base_style = st["Normal"]
        style.quick_style = True
        set_style(style, ppr, rpr)

    small = dict(line_twips=None, snap=False)
    add("附件标注", "AttachmentLabel", para_props(align="left", page_break=True, line_twips=LINE, keep_next=True),
        run_props(HEITI, 16))
    add("表格标题", "TableCaption", para_props(align="center", before=120, after=60, keep_next=True, **small),
        run_props(FANGSONG, 12, bold=True))
    add("表格单位", "TableUnit", para_props(align="right", after=60, keep_next=True, **small), run_props(FANGSONG, 12))
    add("表格正文", "TableText", para_props(align="center", **small), run_props(FANGSONG, 10.5))
    add("表格正文左", "TableTextLeft", para_props(align="left", **small), run_props(FANGSONG, 10.5))
    add("签章", "Signature", para_props(align="left", first_chars=2, first_twips=2 * CHAR, line_twips=LINE,
                                       keep_next=True, keep_lines=True), run_props(FANGSONG, 16))
    add("盖章", "Stamp", para_props(align="right", right_twips=4 * CHAR, line_twips=LINE, before=LINE),
        run_props(FANGSONG, 16))
    # page numbers: 4号 half-width 宋体 digits, one character in from the outer edge
    add("页码（奇数页）", "PageNumberOdd", para_props(align="right", right_twips=280, snap=False),
        run_props(SONGTI, 14, latin=SONGTI))
    add("页码（偶数页）", "PageNumberEven", para_props(align="left", left_twips=280, snap=False),
        run_props(SONGTI, 14, latin=SONGTI))


def page(doc) -> None:
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    sec.header_distance = Mm(15)
    sec.footer_distance = Mm(23)  # the “— 1 —” line starts about 7 mm below the text block
    # No character grid: LibreOffice lays a linesAndChars grid out at half the
    # characters per line. Exact spacing alone gives the 22 lines of GB/T 9704.
    replace_child(sec._sectPr, el("w:docGrid", linePitch=LINE))
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, style in ((sec.footer, "页码（奇数页）"), (sec.even_page_footer, "页码（偶数页）")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.style = doc.styles[style]
        p.add_run("— ")
        for run in page_field_runs(lambda: el("w:rPr")):
            p._p.append(run)
        p.add_run(" —")
    lang = doc.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:  # ja-JP here makes LibreOffice pick Japanese glyph shapes
        lang.set(qn("w:eastAsia"), "zh-CN")


def text(doc, value: str, style: str = "Normal"):
    return doc.add_paragraph(value, style=style)  # one run per paragraph: tags never split


def table(doc, widths, rows, header_rows: int = 0):
    """rows: lists of text or (text, style); None merges a cell into the one on its left."""
    t = doc.add_table(rows=len(rows), cols=len(widths))
    t.style = doc.styles["Table Grid"]
    t.autofit = False
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            if value is None:
                continue
            span = 1
            while c + span < len(cells) and cells[c + span] is None:
                span += 1
            target = t.cell(r, c).merge(t.cell(r, c + span - 1)) if span > 1 else t.cell(r, c)
            label, style = value if isinstance(value, tuple) else (value, "表格正文")
            p = target.paragraphs[0]
            p.style = doc.styles[style]
            if label:
                p.add_run(label)
    fix_table(t, widths, header_rows)
    return t


def body(doc) -> None:
    text(doc, "{{ report_title }}", "Title")
    text(doc, "{%p for s in sections %}")
    for level, tag in ((1, "{%p if s.depth == 1 %}"), (2, "{%p elif s.depth == 2 %}"),
                       (3, "{%p elif s.depth == 3 %}"), (4, "{%p else %}")):
        text(doc, tag)
        text(doc, "{{ s.heading }}", f"Heading {level}")
    text(doc, "{%p endif %}")
    text(doc, "{%p for para in s.paragraphs %}")
    text(doc, "{{ para }}")
    text(doc, "{%p endfor %}")
    text(doc, "{%p endfor %}")
    p = text(doc, f"附件：{TABLE_TITLE}")
    p.paragraph_format.space_before = Mm(10)


def appendix(doc) -> None:
    L = "表格正文左"
    text(doc, "附件", "附件标注")
    text(doc, TABLE_TITLE, "Title")
    text(doc, "单位基本情况", "表格标题")
    table(doc, [36, 120], [["单位名称", ("{{ unit_name }}", L)],
                           ["年度整体绩效目标", ("{{ overall_goal }}", L)],
                           ["整体绩效目标完成情况", ("{{ goal_completion }}", L)],
                           ["未能完成原因", ("{{ unfinished_reason }}", L)]])
    text(doc, "{{ grid.spending.title }}", "表格标题")
    text(doc, "单位：{{ grid.spending.unit }}", "表格单位")
    cols = [f"{{{{ grid.spending.columns[{i}].label }}}}" for i in range(4)]
    table(doc, [48, 27, 27, 27, 27], [["项目"] + cols,
                           ["{%tr for r in grid.spending.rows %}", None, None, None, None],
                           [("{{ '\u3000' * r.indent }}{{ r.label }}", L), "{{ r.cells[0].value|money }}",
                            "{{ r.cells[1].value|money }}", "{{ r.cells[2].value|money }}",
                            "{{ r.cells[3].value|pct }}"],
                           ["{%tr endfor %}", None, None, None, None]], header_rows=1)

    text(doc, "绩效指标完成情况", "表格标题")
    widths = [12, 23, 24, 11, 17, 27, 11, 31]
    table(doc, widths, [
        ["一级指标", "二级指标", "三级指标", "分值", "指标值", "完成值", "得分", "偏差原因"],
        ["{%tr for r in indicator_rows %}"] + [None] * 7,
        ["{% vm r.l1_first %}{{ r.l1 }}", "{% vm r.l2_first %}{{ r.l2 }}", ("{{ r.l3 }}", L),
         "{{ r.weight|score }}", "{{ r.target }}", "{{ r.actual }}", "{{ r.score|score }}", ("{{ r.note }}", L)],
        ["{%tr endfor %}"] + [None] * 7,
        ["合计", None, None, "{{ full_marks|score }}", "", "", "{{ total|score }}", ""],
        ["自评等级", None, None, "{{ grade }}{% if audit_status %}（{{ audit_status }}）{% endif %}", None, None, None, None],
    ], header_rows=1)

    text(doc, "", "签章")
    text(doc, "{%p for it in signature['items'] %}", "签章")
    p = text(doc, "{{ it.label }}：", "签章")
    p.add_run("{{ it.value or '\u3000' * 8 }}").underline = True
    text(doc, "{%p endfor %}", "签章")
    text(doc, "{{ signature.stamp_label }}", "盖章")


def build(parts=None, title: str = "部门整体支出绩效自评报告（版式）") -> bytes:
    """The layout as bytes; `parts` (functions of the document) replace this
    template's body and appendix, so another template's shape reuses the page,
    styles and helpers here (tools/build_layouts_hn_mof.py)."""
    doc = Document()
    for rels, kind in ((doc.part.package.rels, RT.THUMBNAIL), (doc.part.rels, STYLES_WITH_EFFECTS)):
        for rel_id, rel in list(rels.items()):
            if rel.reltype == kind:  # a Letter-page preview; Word 2010's stale copy of the styles
                del rels[rel_id]
    styles(doc)
    page(doc)
    for part in parts or (body, appendix):
        part(doc)
    add_font_alternates(doc)
    props = doc.core_properties
    props.title, props.subject, props.author = title, "绩效自评填报 Word 版式", "绩效自评填报"
    props.comments, props.keywords, props.last_modified_by = "由 tools/build_docx_layout.py 生成", "", ""
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    return _stable_zip(raw.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """Same bytes on every run: fixed entry dates, same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    target.write_bytes(build())
    print(target)

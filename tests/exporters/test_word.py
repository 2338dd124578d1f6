"""The Word report: read back with python-docx, and opened in LibreOffice."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from exporters.cell_limits import WORD_PARAGRAPH_LIMIT
from exporters.lint import HOSTILE, hostile_expected
from exporters.word import LayoutError, render

OUTLINE = ["一、基本情况", "（一）部门概况", "（二）年度总体工作和重点工作任务", "（三）部门整体收支情况",
           "（四）部门整体绩效管理情况", "二、综合评价分析", "（一）自评结论综述",
           "（二）各项工作任务绩效目标完成情况分析", "（三）各重点任务项目支出完成情况分析",
           "（四）主要工作成效", "三、存在的主要问题", "四、下一步改进措施"]


@pytest.fixture
def sample_docx(gd_template, sample_ctx) -> bytes:
    return render(gd_template, sample_ctx)


@pytest.fixture
def doc(sample_docx):
    return Document(io.BytesIO(sample_docx))


def texts(document) -> list[str]:
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        out += [p.text for row in table.rows for c in row.cells for p in c.paragraphs]
    return out


def table_starting(document, first_cell: str):
    return next(t for t in document.tables if t.rows[0].cells[0].text == first_cell)


def east_asia(rpr) -> str | None:
    return rpr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_east_asian_fonts_set_in_defaults_and_every_style(doc):
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert east_asia(defaults) == "仿宋_GB2312"
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    expected = {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading 1": "黑体",
                "Heading 2": "楷体_GB2312", "Heading 3": "仿宋_GB2312", "页码（奇数页）": "宋体"}
    for name, font in expected.items():
        assert east_asia(doc.styles[name].element.rPr) == font, name
    for style in doc.styles:
        if style.type in (1, 3):  # paragraph and table styles
            assert east_asia(style.element.find(qn("w:rPr"))), style.name
    xml = styles.xml
    assert "eastAsiaTheme" not in xml and "asciiTheme" not in xml and "ＭＳ 明朝" not in xml
    assert doc.styles["Heading 3"].font.bold is True and not doc.styles["Heading 1"].font.bold
    assert doc.styles["Normal"].font.size.pt == 16 and doc.styles["Title"].font.size.pt == 22


def test_body_paragraph_format(doc):
    ppr = doc.styles["Normal"].element.pPr
    assert ppr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    spacing = ppr.find(qn("w:spacing"))
    assert spacing.get(qn("w:lineRule")) == "exact" and spacing.get(qn("w:line")) == "579"  # 28.95 pt
    assert doc.styles["Normal"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert doc.styles["Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_a4_with_gb_margins(doc):
    sec = doc.sections[0]
    for value, mm in ((sec.page_width, 210), (sec.page_height, 297), (sec.top_margin, 37),
                      (sec.bottom_margin, 35), (sec.left_margin, 28), (sec.right_margin, 26)):
        assert abs(value.mm - mm) <= 0.5, (value.mm, mm)


def test_page_numbers_are_page_fields_outside_on_odd_and_even_pages(doc, sample_docx, office_part):
    assert "w:evenAndOddHeaders" in office_part(sample_docx, "word/settings.xml")
    sec = doc.sections[0]
    for footer, align in ((sec.footer, WD_ALIGN_PARAGRAPH.RIGHT), (sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        xml = p._p.xml
        assert 'w:fldCharType="begin"' in xml and "PAGE" in xml and 'w:fldCharType="end"' in xml
        assert p.text == "— 1 —"  # the dashes around the field's cached value
        assert p.style.paragraph_format.alignment == align
        assert p.style.font.size.pt == 14


def test_title_and_outline_in_order(doc):
    assert doc.paragraphs[0].text == "2021年度广州市花都区信访局部门整体支出绩效自评报告"
    assert doc.paragraphs[0].style.name == "Title"
    headings = [(p.text, p.style.name) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h, _ in headings] == OUTLINE
    assert all(style == ("Heading 1" if "、" in text[:3] else "Heading 2") for text, style in headings)


def test_section_paragraphs_are_body_paragraphs_in_order(doc, sample_ctx):
    body = [p.text for p in doc.paragraphs if p.style.name == "Normal"]
    expected = [para for s in sample_ctx["sections"] for para in s["paragraphs"]]
    assert body[:len(expected)] == expected
    assert body[len(expected)] == "附件：2021年度部门整体支出绩效自评表"


def test_indicator_table_totals_and_grade(doc):
    table = table_starting(doc, "一级指标")
    assert [c.text for c in table.rows[0].cells] == ["一级指标", "二级指标", "三级指标", "分值", "指标值",
                                                    "完成值", "得分", "偏差原因"]
    total, grade = table.rows[-2], table.rows[-1]
    assert [total.cells[i].text for i in (0, 3, 6)] == ["合计", "100", "95.9"]
    assert grade.cells[0].text == "自评等级" and grade.cells[3].text == "优"
    assert "2.2" in [r.cells[6].text for r in table.rows]  # 财政拨款收入预决算差异率


def test_first_and_second_level_cells_merge_down_their_rows(doc, sample_ctx):
    table = table_starting(doc, "一级指标")
    rows = table._tbl.tr_lst[1:1 + len(sample_ctx["indicator_rows"])]
    for tr, ind in zip(rows, sample_ctx["indicator_rows"]):
        for col, key in ((0, "l1"), (1, "l2")):
            tc = tr.tc_lst[col]
            assert tc.tcPr.find(qn("w:vMerge")).get(qn("w:val")) == ("restart" if ind[f"{key}_first"] else "continue")
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            assert text == (ind[key] if ind[f"{key}_first"] else "")
    assert table.cell(1, 0).text == "管理效能" and table.cell(9, 0).text == "管理效能"  # one merged cell


def test_tables_have_fixed_widths_on_grid_and_cells(doc):
    for table in doc.tables:
        tbl = table._tbl
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        grid = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(grid) - 8844) <= len(grid)  # 156 mm text width, in twips
        for tr in tbl.tr_lst:
            assert all(tc.tcPr.find(qn("w:tcW")) is not None for tc in tr.tc_lst)


def test_money_grid_and_basic_information(doc):
    grid = table_starting(doc, "项目")
    rows = {r.cells[0].text.strip("\u3000"): [c.text for c in r.cells[1:]] for r in grid.rows[1:]}
    assert rows["支出合计"] == ["—", "1391.03", "1391.03", "100.00%"]
    assert rows["其他收入"] == ["—", "0.00", "0.00", "—"]
    assert grid.rows[8].cells[0].text == "\u3000\u3000对个人和家庭的补助"  # indent 2
    basic = table_starting(doc, "单位名称")
    assert basic.cell(0, 1).text == "广州市花都区信访局"
    assert basic.cell(1, 1).text.count("\n") == 2  # three goals, line breaks kept


def test_appendix_on_a_new_page_and_signature_block_last(doc):
    label = next(p for p in doc.paragraphs if p.text == "附件")
    assert label.style.paragraph_format.page_break_before and label.style.font.size.pt == 16
    tail = doc.paragraphs[-6:]
    assert [p.text.split("：")[0] for p in tail[:5]] == ["单位负责人", "财务负责人", "填表人", "联系电话", "填报日期"]
    assert all(p.style.paragraph_format.keep_with_next for p in tail[:5])
    assert tail[5].text == "（单位盖章）" and tail[5].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_signature_values_filled_when_typed(gd_template, sample_draft):
    from exporters.lint import context_for
    sample_draft.fields.update(unit_head="张三", contact_phone="020-86888888")
    doc = Document(io.BytesIO(render(gd_template, context_for(gd_template, sample_draft))))
    assert "单位负责人：张三" in texts(doc) and "联系电话：020-86888888" in texts(doc)


def test_hostile_text_comes_out_as_typed(gd_template, sample_draft):
    from exporters.lint import context_for
    long = "长" * 100_000
    sample_draft.sections["s_overview"] = f"{HOSTILE}\n{long}\n尾 & < >"
    sample_draft.indicators["budget_diff"].note = HOSTILE
    doc = Document(io.BytesIO(render(gd_template, context_for(gd_template, sample_draft))))
    body = [p.text for p in doc.paragraphs]
    i = body.index("（一）部门概况")
    first, second = hostile_expected().split("\n")  # the body splits paragraphs at line breaks
    assert body[i + 1:i + 3] == [first, second]
    # a paragraph past WORD_PARAGRAPH_LIMIT is cut into several (docx_long_text), every character kept
    pieces = len(long) // WORD_PARAGRAPH_LIMIT
    assert body[i + 3:i + 3 + pieces] == ["长" * WORD_PARAGRAPH_LIMIT] * pieces
    assert body[i + 3 + pieces] == "尾 & < >"
    assert hostile_expected() == "=1+1 A&B<C>D\"E'F {{ 7*7 }} {% if 1 %}x{% endif %} 😀𠀀 甲\n乙"
    notes = [r.cells[7].text for r in table_starting(doc, "一级指标").rows]
    assert hostile_expected() in notes


def _raises_layout_error(template, ctx) -> str:
    with pytest.raises(LayoutError) as info:
        render(template, ctx)
    return str(info.value)


def test_unknown_name_gives_a_chinese_error_naming_file_and_place(template_with_docx, sample_ctx):
    message = _raises_layout_error(template_with_docx("前文", "{{ unit_nmae }}"), sample_ctx)
    assert "report.docx" in message and "unit_nmae" in message and "渲染数据中没有" in message
    assert "前文" in message  # docxtpl's docx_context: the text around the tag


def test_sandbox_escape_is_refused_and_runs_nothing(template_with_docx, sample_ctx, tmp_path):
    marker = tmp_path / "pwned"
    for payload in (f"{{{{ range.__globals__['os'].system('touch {marker}') }}}}",
                    f"{{{{ report_title.__class__.__mro__[1].__subclasses__() }}}}",
                    f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"):
        message = _raises_layout_error(template_with_docx(payload), sample_ctx)
        assert "report.docx" in message and ("安全沙箱" in message or "没有的名称" in message)
    assert not marker.exists()


def test_missing_layout_is_a_chinese_error(template_with_docx, sample_ctx):
    from pathlib import Path
    template = template_with_docx("x")
    (Path(template.folder) / "report.docx").unlink()
    assert "找不到 Word 版式文件" in _raises_layout_error(template, sample_ctx)


def test_committed_layout_is_what_the_build_script_makes():
    from tools.build_docx_layout import OUT, build
    assert build() == OUT.read_bytes(), "run: python tools/build_docx_layout.py"


@pytest.mark.slow
def test_libreoffice_opens_the_report(sample_docx, lo_convert, pdftext):
    pdf = lo_convert(sample_docx, "report.docx")
    text = pdftext(pdf, layout=True)
    assert "广州市花都区信访局" in text and "95.9" in text
    assert any("自评等级" in line and "优" in line for line in text.splitlines())
    assert re.search(r"—\s*1\s*—", text) and re.search(r"—\s*2\s*—", text)
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "Page size:      595.2 x 841.9 pts (A4)" in pages or "(A4)" in pages


@pytest.mark.slow
def test_libreoffice_shows_hostile_text(gd_template, sample_draft, lo_convert, pdftext):
    from exporters.lint import context_for
    sample_draft.sections["s_overview"] = HOSTILE
    data = render(gd_template, context_for(gd_template, sample_draft))
    text = pdftext(lo_convert(data, "hostile.docx"))
    text = " ".join(text.split())  # LibreOffice wraps lines; compare the words
    assert "=1+1 A&B<C>D\"E'F {{ 7*7 }} {% if 1 %}x{% endif %}" in text


def test_an_empty_draft_renders(gd_template):
    from core.draft import new_draft
    from exporters.lint import context_for
    doc = Document(io.BytesIO(render(gd_template, context_for(gd_template, new_draft(gd_template)))))
    body = [p.text for p in doc.paragraphs]
    assert "附件：部门整体支出绩效自评表" in body and "部门整体支出绩效自评表" in body  # no "None年度"
    grade_row = table_starting(doc, "一级指标").rows[-1]
    assert grade_row.cells[0].text == "自评等级"


@pytest.mark.parametrize("props", ["", "<w:tcPr/>", '<w:tcPr><w:tcW w:w="10"/><w:vAlign w:val="center"/></w:tcPr>'])
def test_conditional_merge_tag_in_any_cell(props):
    from exporters.word import conditional_vmerge
    cell = f"<w:tc>{props}<w:p><w:r><w:t>{{% vm r.first %}}{{{{ r.name }}}}</w:t></w:r></w:p></w:tc>"
    out = conditional_vmerge(f"<w:tr>{cell}<w:tc><w:p/></w:tc></w:tr>")
    assert out.count('<w:vMerge w:val="{% if r.first %}restart{% else %}continue{% endif %}"/>') == 1
    assert "<w:t>{% if r.first %}{{ r.name }}{% endif %}</w:t>" in out and "vm" not in out.replace("vMerge", "")
    if "vAlign" in props:  # ECMA-376 order: tcW, vMerge, vAlign
        assert out.index("w:tcW") < out.index("w:vMerge") < out.index("w:vAlign")

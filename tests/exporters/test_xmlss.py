"""一体化系统导入格式 (Excel 2003 XML Spreadsheet, DOMAIN.md §9.4): every row and cell
written out, rows counted from 1, money on rows 11–14, goals on 16, indicators from 18."""

import subprocess
import xml.etree.ElementTree as ET
from decimal import Decimal as D
from pathlib import Path

import pytest

from core.errors import TemplateError
from core.opening import open_draft
from exporters.api import LABELS, export_bytes

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "mof-project-qingshi-water-2023.json"
NS = "urn:schemas-microsoft-com:office:spreadsheet"
Q = "{%s}" % NS


def rows_of(data: bytes) -> list[list[tuple[str, str]]]:
    root = ET.fromstring(data)
    assert root.tag == Q + "Workbook"
    table = root.find(f"{Q}Worksheet/{Q}Table")
    return [[(c.find(Q + "Data").get(Q + "Type"), c.find(Q + "Data").text or "") for c in row.findall(Q + "Cell")]
            for row in table.findall(Q + "Row")]


@pytest.fixture(scope="module")
def opened():
    return open_draft(str(SAMPLE))


@pytest.fixture(scope="module")
def data(opened):
    return export_bytes("xmlss", opened.template, opened.draft)


def test_label_in_the_window():
    assert LABELS["xmlss"] == "一体化系统导入格式"


def test_every_row_and_cell_is_written_without_index_skips(data):
    assert b"ss:Index" not in data and b":Index=" not in data
    root = ET.fromstring(data)
    for el in root.iter():
        assert Q + "Index" not in el.attrib
    rows = rows_of(data)
    assert len(rows) == 26 and {len(r) for r in rows} == {8}      # 17 fixed rows + 9 indicators, 8 cells each
    assert root.find(f"{Q}Worksheet/{Q}Table").get(Q + "ExpandedRowCount") == "26"


def test_money_block_on_rows_11_to_14(data):
    rows = rows_of(data)
    row = lambda n: [text for _, text in rows[n - 1]]   # rows counted from 1
    assert row(11)[:7] == ["年度资金总额", "135", "135", "128.52", "10", "95.2", "9.52"]
    assert [t for t, _ in rows[10][1:7]] == ["Number"] * 6
    assert row(12)[:7] == ["当年财政拨款", "120", "120", "113.52", "", "94.6", ""]
    assert row(13)[0] == "上年结转资金" and row(14) == ["其他资金"] + [""] * 7


def test_goals_on_row_16_and_the_first_indicator_on_row_18(data, opened):
    rows = rows_of(data)
    row = lambda n: [text for _, text in rows[n - 1]]
    assert row(16)[:2] == [opened.draft.fields["goal_expected"], opened.draft.fields["goal_actual"]]
    assert row(18) == ["产出指标", "数量指标", "维修养护农村集中供水工程数量", "≥40处", "42处", "10", "10", ""]
    assert row(19)[2:8] == ["更换老旧供水管网长度", "≥25公里", "23.5公里", "10", "9.4",
                            "受冬季冻土影响，1.5公里管网改造顺延至下年汛前完成"]
    names = [r[2][1] for r in rows[17:]]
    assert "预算执行率" not in [r[0][1] for r in rows[17:]] and len(names) == 9
    assert sum(D(r[6][1]) for r in rows[17:]) + D(row(11)[6]) == D("96.42")


def test_text_that_looks_like_markup_stays_text(opened):
    draft = opened.draft.model_copy(deep=True)
    draft.fields["project_name"] = "A&B<C>\"引号\"\n第二行 {{ 7*7 }}"
    rows = rows_of(export_bytes("xmlss", opened.template, draft))
    assert rows[2][1][1] == "A&B<C>\"引号\"\n第二行 {{ 7*7 }}"


def test_a_template_without_a_row_map_says_so():
    opened = open_draft(str(ROOT / "samples" / "gd-huadu-xinfang-2021.json"))
    with pytest.raises(TemplateError) as exc:
        export_bytes("xmlss", opened.template, opened.draft)
    assert "没有一体化系统导入格式的行布局 xmlss.yaml" in str(exc.value)


def test_a_broken_row_map_is_found_by_validate_template(tmp_path):
    import shutil
    from core.registry import load_template
    from exporters.lint import lint_layouts
    folder = tmp_path / "mof"
    shutil.copytree(ROOT / "templates" / "mof-project", folder)
    (folder / "xmlss.yaml").write_text(
        "width: 8\nrows:\n  - {at: 3, cells: [\"{{f.no_such_field}}\"]}\n  - {at: 2, cells: [x]}\n", encoding="utf-8")
    problems = lint_layouts(load_template(folder))
    assert any("行号应为大于上一行（3）" in p for p in problems), problems
    (folder / "xmlss.yaml").write_text("width: 8\nrows:\n  - {at: 3, cells: [\"{{f.no_such_field}}\"]}\n",
                                       encoding="utf-8")
    problems = lint_layouts(load_template(folder))
    assert any("不认识的标记 {{f.no_such_field}}" in p for p in problems), problems


@pytest.mark.slow
def test_libreoffice_reads_it_as_a_spreadsheet(data, tmp_path):
    from tests.exporters.conftest import LO_HANG_LIMIT, _need
    path = tmp_path / "t.xml"
    path.write_bytes(data)
    subprocess.run([_need("soffice"), f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(path)],
                   capture_output=True, timeout=LO_HANG_LIMIT, check=True)
    lines = (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()
    assert lines[10].startswith("年度资金总额,135.00,135.00,128.52,10.00,95.20,9.52")   # shown with 0.00
    assert lines[17].startswith("产出指标,数量指标,维修养护农村集中供水工程数量")

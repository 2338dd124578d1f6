"""mof-dept-overall: the 部门整体支出绩效自评表 in the national project-table layout, as
Anhui counties publish it. Its sample is the 金寨县茶谷和美丽乡村建设服务中心 2023 table
(https://www.ahjinzhai.gov.cn/public/6624963/37545031.html; only the part up to 成本指标
was obtained), entered as printed."""

import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal as D
from pathlib import Path

import pytest

from core.template import IndicatorDef
from core.evaluate import evaluate
from core.opening import open_draft
from core.registry import load_template
from exporters.api import export_bytes

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "templates" / "mof-dept-overall"
SAMPLE = ROOT / "samples" / "mof-dept-overall-published-jinzhai-2023.json"


@pytest.fixture(scope="module")
def opened():
    return open_draft(str(SAMPLE))


def test_validates_and_is_listed():
    from exporters.lint import lint_layouts
    assert lint_layouts(load_template(FOLDER)) == []
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "templates", "--json"], cwd=ROOT,
                         capture_output=True, text=True, encoding="utf-8", timeout=120).stdout
    assert "mof-dept-overall" in out


def test_the_published_half_table_checks_as_printed(opened):
    r = evaluate(opened.template, opened.draft)
    assert [(g.name, g.weight, g.score) for g in r.scores.groups] == [
        ("预算执行率", D(10), D("10.00")), ("产出指标", D(60), D("60.00")), ("效益指标", D(0), None),
        ("满意度指标", D(0), None)]
    assert r.scores.total == D("70") and r.scores.grade == "中"
    assert r.values.numbers["funds.total.rate"].quantize(D("0.01")) == D("102.59")
    codes = sorted(f.code for f in r.findings)
    assert codes == ["field.recommended"] * 3 + ["indicator.over_target", "indicator.sign", "marks.sum",
                                                 "template.actual_over_budget"]
    assert [f.message for f in r.errors] == ["各项指标分值合计 70 分，满分为 100 分，两者应相等；总分最多按 100 分计"]


def test_first_level_weights_are_whatever_the_rows_add_up_to(opened):
    """产出 60 here, not the project table's fixed 50; a full table totalling 100 has no marks.sum error."""
    d = opened.draft.model_copy(deep=True)
    d.extra_indicators["benefit_social"] = [IndicatorDef(id="b1", name="受益群众", weight=D(20), rule={"type": "manual"})]
    d.indicators["b1"] = d.indicators["j_q1"].model_copy(update={"score": "20", "actual": "1万人"})
    d.extra_indicators["satisfaction_service"] = [IndicatorDef(id="s1", name="群众满意度", weight=D(10),
                                                               rule={"type": "manual"})]
    d.indicators["s1"] = d.indicators["j_q1"].model_copy(update={"score": "10", "actual": "95%"})
    r = evaluate(opened.template, d)
    assert "marks.sum" not in [f.code for f in r.findings]
    assert (r.scores.total, r.scores.grade) == (D("100"), "优")


def test_a_template_whose_fixed_weights_exceed_full_marks_is_refused(tmp_path):
    import shutil

    from core.errors import TemplateError
    folder = tmp_path / "t"
    shutil.copytree(FOLDER, folder)
    (folder / "form.parsed.json").unlink()
    text = (folder / "form.yaml").read_text(encoding="utf-8").replace("    weight: 10\n", "    weight: 110\n", 1)
    (folder / "form.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        load_template(folder)
    assert any(p.code == "marks.full" for p in exc.value.problems)


def test_every_output_names_the_unit_not_a_project(opened):
    import docx
    from openpyxl import load_workbook
    word = docx.Document(io.BytesIO(export_bytes("docx", opened.template, opened.draft)))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "部门（单位）名称" in cells and "项目名称" not in cells and "金寨县茶谷和美丽乡村建设服务中心" in cells
    ws = load_workbook(io.BytesIO(export_bytes("xlsx", opened.template, opened.draft))).worksheets[0]
    texts = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert ws["A1"].value == "部门整体支出绩效自评表" and "预算资金（万元）" in texts and "项目名称" not in texts


def test_the_import_format_puts_weight_before_target_from_row_8(opened):
    q = "{urn:schemas-microsoft-com:office:spreadsheet}"
    root = ET.fromstring(export_bytes("xmlss", opened.template, opened.draft))
    rows = [[(c.find(q + "Data").text or "") for c in r.findall(q + "Cell")] for r in root.iter(q + "Row")]
    assert rows[2][:7] == ["年度资金总额", "329.77", "329.77", "338.31", "10", rows[2][5], "10"]
    assert rows[7] == ["产出指标", "数量指标", "指标1:开展精品示范村建设数量", "10", "≤4", "4", "10", ""]
    assert len(rows) == 7 + 8 and b"Index" not in ET.tostring(root)

"""The Word, Excel and print layouts of hn-dept-overall and mof-project: built by
tools/build_layouts_hn_mof.py, accepted by validate-template's layout lint, and
carrying the numbers the core computed for each sample."""

import io
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest

from core.evaluate import evaluate
from core.registry import load_template
from core.store import read_draft
from exporters.api import export_bytes

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = {"hn-dept-overall": "hn-daxiang-2021.json",
           "mof-project": "mof-project-qingshi-water-2023.json",
           "mof-project-published": "mof-project-published-tangxi-2022.json"}


def _load(key):
    template = load_template(ROOT / "templates" / key.replace("-published", ""))
    return template, read_draft(ROOT / "samples" / SAMPLES[key])


@pytest.mark.parametrize("template_id", ["hn-dept-overall", "mof-project"])
def test_layouts_pass_the_lint(template_id):
    from exporters.lint import lint_layouts
    assert lint_layouts(load_template(ROOT / "templates" / template_id)) == []


@pytest.mark.parametrize("template_id", ["hn-dept-overall", "mof-project"])
def test_committed_word_layout_is_what_the_builder_makes(template_id):
    sys.path.insert(0, str(ROOT / "tools"))
    import build_layouts_hn_mof as b
    docx, _ = b.BUILDS[template_id]
    assert docx() == (ROOT / "templates" / template_id / "report.docx").read_bytes()


def _docx_text(data: bytes) -> str:
    import docx
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def test_hunan_word_report_has_cover_outline_and_narrative():
    template, draft = _load("hn-dept-overall")
    text = _docx_text(export_bytes("docx", template, draft))
    assert "部门(单位)名称：邵阳市大祥区信访局" in text and "评价方式：部门(单位)绩效自评" in text
    for heading in ("一、绩效管理工作开展情况", "二、部门整体支出绩效情况",
                    "（一）统筹谋划制度推动，绘制强基固本“路线图”", "三、部门整体支出绩效评价存在的问题",
                    "四、部门整体支出绩效评价提出的改进措施和建议"):
        assert heading in text
    assert draft.sections["s_part3"] in text          # the longest paragraph, whole
    assert "573余批（次）" in text                     # an indicator row of the 评分表


def test_project_word_table_is_one_page_with_the_money_block():
    template, draft = _load("mof-project")
    import docx
    document = docx.Document(io.BytesIO(export_bytes("docx", template, draft)))
    money = document.tables[0]
    total_row = [c.text for c in money.rows[3].cells]
    assert total_row[1:] == ["年度资金总额", "135.00", "135.00", "128.52", "10", "95.20%", "9.52"]
    assert [c.text for c in money.rows[4].cells][5:] == ["—", "94.60%", "—"]
    indicators = document.tables[1]
    first_rows = [r.cells[2].text for r in indicators.rows[1:3]]
    assert first_rows == ["维修养护农村集中供水工程数量", "更换老旧供水管网长度"]   # 预算执行率 sits above
    assert [c.text for c in indicators.rows[-1].cells][-3:] == ["100", "96.42", "等级：优"]


def test_published_table_prints_its_zero_total_as_entered():
    template, draft = _load("mof-project-published")
    import docx
    document = docx.Document(io.BytesIO(export_bytes("docx", template, draft)))
    total_row = [c.text for c in document.tables[0].rows[3].cells]
    assert total_row[2:5] == ["0.00", "0.00", "0.00"] and total_row[7] == "—"


@pytest.mark.parametrize("key", list(SAMPLES))
def test_excel_carries_the_computed_total(key):
    from openpyxl import load_workbook
    template, draft = _load(key)
    total = evaluate(template, draft).scores.total
    ws = load_workbook(io.BytesIO(export_bytes("xlsx", template, draft))).worksheets[0]
    values = [c.value for row in ws.iter_rows() for c in row]
    numbers = {D(str(v)) for v in values if isinstance(v, (int, float, D)) and not isinstance(v, bool)}
    assert total in numbers
    assert not any(isinstance(v, str) and "{{" in v for v in values)


@pytest.mark.parametrize("key", list(SAMPLES))
def test_print_layout_renders(key):
    from exporters.printing import html
    from exporters.context import build
    template, draft = _load(key)
    page = html(template, build(template, draft, evaluate(template, draft)))
    assert "{{" not in page and "</table>" in page
    if key == "mof-project":
        assert "96.42" in page and "95.20%" in page


@pytest.mark.parametrize("template_id", ["hn-dept-overall", "mof-project"])
def test_a_new_empty_draft_exports_without_none(template_id):
    from core.draft import new_draft
    template = load_template(ROOT / "templates" / template_id)
    text = _docx_text(export_bytes("docx", template, new_draft(template)))
    assert "None" not in text and "{{" not in text

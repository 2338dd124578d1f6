"""A year folder read file by file: drafts evaluated, nothing hidden, duplicates named."""

import json
import shutil
from decimal import Decimal as D
from pathlib import Path

from core.draft import NOT_A_DRAFT
from core.folder import BROKEN, DONE, DRAFT, FAILING, NOT_DRAFT, UNSCORED, draft_files, scan_folder
from core.summary import audit_state, grade_line, starter_text, summarize, table_rows

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def _folder(tmp_path) -> Path:
    folder = tmp_path / "2023年度"
    (folder / "下属单位甲").mkdir(parents=True)
    for sample in SAMPLES.glob("*.json"):
        shutil.copy(sample, folder / sample.name)
    shutil.copy(SAMPLES / "mof-project-qingshi-water-2023.json", folder / "下属单位甲" / "收到的.json")
    (folder / "说明.json").write_text('{"name": "不是草稿"}', encoding="utf-8")
    (folder / "坏的.json").write_text('{"format": "jxzp-draft", "format_version": 1, "templ', encoding="utf-8")
    (folder / "草稿.json.bak").write_text("{}", encoding="utf-8")
    (folder / "~$锁.json").write_text("", encoding="utf-8")
    return folder


def test_every_file_has_an_entry_saying_what_it_is(tmp_path):
    folder = _folder(tmp_path)
    assert "草稿.json.bak" not in {p.name for p in draft_files(folder)}
    assert "~$锁.json" not in {p.name for p in draft_files(folder)}
    entries = {e.path.name: e for e in scan_folder(folder)}
    assert len(entries) == len(list(SAMPLES.glob("*.json"))) + 3
    assert entries["说明.json"].kind == NOT_DRAFT and entries["说明.json"].reason.startswith(NOT_A_DRAFT)
    assert entries["坏的.json"].kind == BROKEN and "不完整" in entries["坏的.json"].reason
    water = entries["mof-project-qingshi-water-2023.json"]
    assert (water.kind, water.total, water.grade, water.complete) == (DRAFT, D("96.42"), "优", True)
    assert (water.budget, water.actual, water.rate) == (D("135"), D("128.52"), D("95.2"))
    assert water.unit == "青石县农村供水服务中心" and water.year == "2023"
    assert water.duplicates == [folder / "下属单位甲" / "收到的.json"]
    assert entries["收到的.json"].duplicates == [folder / "mof-project-qingshi-water-2023.json"]
    assert water.state == "重复" and water.states == {DONE}
    huadu = entries["gd-huadu-xinfang-2021.json"]
    assert (huadu.budget, huadu.actual, huadu.total) == (D("1391.03"), D("1391.03"), D("95.9"))
    assert huadu.duplicates == [] and huadu.state == DONE
    tangxi = entries["mof-project-published-tangxi-2022.json"]
    assert tangxi.states == {UNSCORED, FAILING} and tangxi.state == FAILING and len(tangxi.errors) == 4
    assert entries["hn-daxiang-2021.json"].states == {UNSCORED}


def test_progress_can_stop_the_walk(tmp_path):
    folder = _folder(tmp_path)
    seen = []
    entries = scan_folder(folder, progress=lambda done, total: seen.append((done, total)) or done < 2)
    assert len(entries) == 2 and seen[-1][0] == 2 and seen[0][1] == len(list(draft_files(folder)))


def test_summary_sums_money_and_takes_the_rate_of_the_sums(tmp_path):
    s = summarize(scan_folder(_folder(tmp_path)))
    assert [e.path.name for e in s.rows] == ["mof-project-published-tangxi-2022.json",
                                             "mof-project-published-tianchang-2022.json",
                                             "mof-project-qingshi-water-2023.json",
                                             "sc-project-published-qingshen-2023.json", "收到的.json"]
    # the Sichuan table's money is its 调整后预算数 and 预算执行数 (its summary: names them)
    assert (s.budget, s.actual) == (D("0") + D("880") + D("135") * 2 + D("251.89"),
                                    D("0") + D("880") + D("128.52") * 2 + D("251.89"))
    assert s.rate == D("1388.93") / D("1401.89") * 100
    # not the average of the rows' rates (100 and 95.2 twice; tangxi has none)
    assert s.rate != (D(100) + D("95.2") * 2) / 3
    assert s.grades == {"优": 3, "良": 0, "中": 0, "差": 0} and s.unscored == 2 and s.failing == 3
    assert {e.path.name for e in s.skipped} == {"说明.json", "坏的.json"}
    assert grade_line(s) == "优3个、良0个、中0个、差0个；另有2个尚未评分完"
    assert starter_text(s) == ("本年度共对5个项目开展绩效自评，涉及资金1401.89万元，全年执行1388.93万元，执行率99.1%。"
                               "自评结果：优3个。另有2个项目尚未评分完。"
                               "（注意：其中2份草稿与另一份为同一项目，以上数字重复计算，请先删去多余的草稿。）")
    rows = table_rows(s)
    assert rows[2]["rate"] == "95.20%" and rows[0]["rate"] == "—" and rows[0]["audit"] == "未通过（4个错误）；尚未评分完"
    assert rows[4]["audit"] == "通过；与mof-project-qingshi-water-2023.json为同一项目"


def test_empty_folder_says_so(tmp_path):
    s = summarize(scan_folder(tmp_path))
    assert (s.count, s.budget, s.rate) == (0, D(0), None)
    assert starter_text(s) == "本年度尚未对项目支出开展绩效自评。"


def test_same_unit_different_year_is_not_a_duplicate(tmp_path):
    data = json.loads((SAMPLES / "gd-huadu-xinfang-2021.json").read_text(encoding="utf-8"))
    (tmp_path / "a.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    data["fields"]["year"] = "2022"
    (tmp_path / "b.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert [e.duplicates for e in scan_folder(tmp_path)] == [[], []]


def test_audit_state_words():
    from core.folder import Entry
    e = Entry(Path("x.json"), DRAFT, complete=True)
    assert audit_state(e) == "通过"


def test_a_summary_cell_that_is_not_a_grid_cell_is_a_template_problem():
    import yaml
    import pytest
    from core.errors import TemplateError
    from core.template import load_template_data
    data = yaml.safe_load((ROOT / "templates" / "mof-project" / "form.yaml").read_text(encoding="utf-8"))
    assert load_template_data(data).summary.budget == "funds.total.budget"
    data["summary"] = {"budget": "funds.total.budgte", "actual": "funds.total.actual"}
    with pytest.raises(TemplateError) as caught:
        load_template_data(data)
    assert [(p.code, p.where) for p in caught.value.problems] == [("formula.name", "summary.budget")]
    assert "funds.total.budgte" in caught.value.problems[0].what


def test_every_shipped_template_says_where_its_money_is():
    """A new shipped template without `summary:` would list its drafts with no money."""
    from core.registry import load_template
    folders = sorted(p.parent for p in (ROOT / "templates").glob("*/form.yaml"))
    assert len(folders) >= 4
    for folder in folders:
        t = load_template(folder)
        assert t.summary is not None, folder.name
        for cell in (t.summary.budget, t.summary.actual):   # an entered money cell, not the rate
            grid, _, column = cell.split(".")
            assert next(c for c in t.grid(grid).columns if c.id == column).formula is None, folder.name

"""A folder on the command line: check FOLDER, export FOLDER, summary FOLDER (the done-when of #13)."""

import json
import shutil
from decimal import Decimal as D
from pathlib import Path

from openpyxl import load_workbook

from cli.commands import run

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def _run(capsys, *args):
    code = run([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _copies(tmp_path, names=None) -> Path:
    folder = tmp_path / "本年度草稿"
    (folder / "子文件夹").mkdir(parents=True)
    for i, sample in enumerate(sorted(SAMPLES.glob("*.json"))):
        if names is None or sample.name in names:
            shutil.copy(sample, (folder / "子文件夹" if i % 2 else folder) / f"副本-{sample.name}")
    return folder


def test_check_folder_exits_1_and_names_the_draft_with_an_error(tmp_path, capsys):
    folder = _copies(tmp_path, {"gd-huadu-xinfang-2021.json", "mof-project-published-tangxi-2022.json"})
    code, out, _ = _run(capsys, "check", folder)
    assert code == 1
    tail = out.splitlines()[-1]
    assert tail.startswith("  [错误] ") and "副本-mof-project-published-tangxi-2022.json" in tail
    assert "副本-gd-huadu-xinfang-2021.json" not in "\n".join(line for line in out.splitlines() if "[错误]" in line)


def test_check_folder_without_errors_exits_0_and_json_lists_each(tmp_path, capsys):
    folder = _copies(tmp_path, {"gd-huadu-xinfang-2021.json", "mof-project-qingshi-water-2023.json"})
    (folder / "笔记.json").write_text("[]", encoding="utf-8")
    code, out, _ = _run(capsys, "check", folder, "--json")
    assert code == 0
    rows = {Path(r["file"]).name: r for r in json.loads(out)}
    assert rows["笔记.json"]["state"] == "不是草稿"
    water = rows["副本-mof-project-qingshi-water-2023.json"]
    assert (water["total"], water["grade"], water["budget"], water["actual"]) == ("96.42", "优", "135", "128.52")


def test_check_missing_folder_exits_2(tmp_path, capsys):
    code, _, err = _run(capsys, "check", tmp_path / "没有这个", "--json")
    assert code == 2 and "不存在" in err


def test_summary_rows_equal_check_of_each_draft(tmp_path, capsys):
    folder = _copies(tmp_path)
    out_file = tmp_path / "汇总表.xlsx"
    code, printed, err = _run(capsys, "summary", folder, "--out", out_file)
    assert code == 0, err
    assert printed.strip() == str(out_file)
    ws = load_workbook(out_file).worksheets[0]
    table = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    rows = [r for r in table if isinstance(r[0], int)]
    expected = {}
    for path in sorted(folder.rglob("*.json")):
        _run(capsys, "check", path)  # noqa: the plain form must not fail either
        code, out, _ = _run(capsys, "check", path, "--json")
        report = json.loads(out)
        if report["template"] in ("mof-project", "sc-project"):   # the project tables; 部门整体 is left out
            expected[report["total"], report["grade"]] = expected.get((report["total"], report["grade"]), 0) + 1
    assert len(rows) == sum(expected.values()) == 4
    got = {}
    for r in rows:
        key = (str(D(str(r[6])).normalize()), r[7])
        got[key] = got.get(key, 0) + 1
    assert got == {(str(D(t).normalize()), g): n for (t, g), n in expected.items()}
    total = next(r for r in table if r[0] == "合计")
    budgets = [D(str(r[3])) for r in rows]
    actuals = [D(str(r[4])) for r in rows]
    assert D(str(total[3])) == sum(budgets) == D("1266.89") and D(str(total[4])) == sum(actuals) == D("1260.41")
    assert round(D(str(total[5])), 9) == round(sum(actuals) / sum(budgets) * 100, 9)
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    text = "\n".join(str(v) for r in table for v in r if v)
    assert "优2个、良0个、中0个、差0个；另有2个尚未评分完" in text and "单位负责人" in text
    assert "部门整体" in err and "不列入本表" in err


def test_summary_without_out_prints_the_table_and_the_report_sentence(tmp_path, capsys):
    folder = _copies(tmp_path, {"mof-project-qingshi-water-2023.json"})
    code, out, _ = _run(capsys, "summary", folder)
    assert code == 0
    assert "本年度共对1个项目开展绩效自评，涉及资金135.00万元，全年执行128.52万元，执行率95.2%。自评结果：优1个。" in out


def test_export_folder_writes_every_draft_once(tmp_path, capsys):
    folder = _copies(tmp_path, {"mof-project-qingshi-water-2023.json", "gd-huadu-xinfang-2021.json"})
    shutil.copy(SAMPLES / "mof-project-qingshi-water-2023.json", folder / "子文件夹" / "又一份.json")
    out = tmp_path / "导出"
    code, printed, err = _run(capsys, "export", folder, "--out", out, "--format", "xlsx")
    assert code == 0, err
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 3 and sum("(2)" in n for n in names) == 1   # same title: a second name, not overwritten
    assert printed.count(".xlsx") == 3


def test_summary_by_unit_sums_each_sub_folder_and_the_total(tmp_path, capsys):
    for unit, sample in (("甲中心", "mof-project-qingshi-water-2023.json"), ("乙局", "mof-project-published-tianchang-2022.json")):
        (tmp_path / unit).mkdir()
        shutil.copy(SAMPLES / sample, tmp_path / unit / sample)
    code, out, _ = _run(capsys, "summary", tmp_path, "--by-unit")
    assert code == 0
    lines = {line.split("\t")[0]: line.split("\t")[1:6] for line in out.splitlines()[1:]}
    assert lines["甲中心"] == ["1", "135.00", "128.52", "95.20%", "1"]
    assert lines["乙局"] == ["1", "880.00", "880.00", "100.00%", "1"]
    assert lines["合计"] == ["2", "1015.00", "1008.52", "99.36%", "2"]       # 1008.52 ÷ 1015, not (95.2 + 100) ÷ 2


def test_receive_never_overwrites_and_flags_the_same_project(tmp_path, capsys):
    folder = tmp_path / "甲中心"
    folder.mkdir()
    water = SAMPLES / "mof-project-qingshi-water-2023.json"
    shutil.copy(water, folder / water.name)
    before = (folder / water.name).read_bytes()
    (tmp_path / "说明.json").write_text("{}", encoding="utf-8")
    code, out, err = _run(capsys, "receive", water, SAMPLES / "mof-project-published-tangxi-2022.json",
                          tmp_path / "说明.json", "--into", folder)
    assert code == 2                                        # one file refused
    assert out.splitlines() == [str(folder / "mof-project-qingshi-water-2023(2).json"),
                                str(folder / "mof-project-published-tangxi-2022.json")]
    assert "为同一项目" in err and "mof-project-qingshi-water-2023.json" in err
    assert "未收取" in err and "说明.json" in err and "不是绩效自评草稿文件" in err
    assert (folder / water.name).read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["mof-project-published-tangxi-2022.json",
                                                        "mof-project-qingshi-water-2023(2).json",
                                                        "mof-project-qingshi-water-2023.json"]


def test_summary_of_the_dept_tables_a_department_collects(tmp_path, capsys):
    for unit, sample in (("甲局", "gd-huadu-xinfang-2021.json"), ("乙中心", "mof-dept-overall-published-jinzhai-2023.json"),
                         ("乙中心", "mof-project-qingshi-water-2023.json")):
        (tmp_path / unit).mkdir(exist_ok=True)
        shutil.copy(SAMPLES / sample, tmp_path / unit / sample)
    code, out, _ = _run(capsys, "summary", tmp_path, "--kind", "部门整体", "--by-unit")
    assert code == 0
    lines = {line.split("\t")[0]: line.split("\t")[1:5] for line in out.splitlines()[1:]}
    assert lines["甲局"] == ["1", "1391.03", "1391.03", "100.00%"]
    assert lines["合计"][0] == "2"                                       # the project draft is not a unit's table
    budget, actual = D(lines["合计"][1]), D(lines["合计"][2])
    assert budget == D("1391.03") + D(lines["乙中心"][1]) and actual == D("1391.03") + D(lines["乙中心"][2])
    out_file = tmp_path / "部门整体汇总.xlsx"
    code, _, err = _run(capsys, "summary", tmp_path, "--kind", "部门整体", "--out", out_file)
    assert code == 0 and "不列入本表" in err
    ws = load_workbook(out_file).worksheets[0]
    assert ws["A1"].value.endswith("部门整体支出绩效自评结果汇总表") and ws["C3"].value == "主管部门"
    units = [row[1].value for row in ws.iter_rows(min_row=4) if isinstance(row[0].value, int)]
    assert sorted(units) == ["广州市花都区信访局", "金寨县茶谷和美丽乡村建设服务中心"]

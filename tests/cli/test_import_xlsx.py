"""`main.py import-xlsx` and `new --from LAST_YEAR.xlsx` as a clerk runs them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "mof-project-qingshi-water-2023.json"


def run(*args):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("exp")
    p = run("export", SAMPLE, "--out", out, "--format", "xlsx")
    assert p.returncode == 0, p.stderr
    return Path(p.stdout.strip())


def test_import_writes_a_draft_that_checks_like_the_original(exported, tmp_path):
    draft = tmp_path / "d.json"
    p = run("import-xlsx", exported, "-o", draft)
    assert p.returncode == 0, p.stderr
    assert "没有未导入的单元格" in p.stdout and f"已保存草稿：{draft}" in p.stdout
    got = json.loads(run("check", draft, "--json").stdout)
    want = json.loads(run("check", SAMPLE, "--json").stdout)
    assert (got["total"], got["grade"]) == (want["total"], want["grade"]) == ("96.42", "优")


def test_without_output_only_the_report_is_shown(exported, tmp_path):
    p = run("import-xlsx", exported, "--json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert (out["template"], out["unplaced"]) == ("mof-project", [])
    assert list(tmp_path.iterdir()) == []


def test_an_existing_draft_is_not_overwritten(exported, tmp_path):
    draft = tmp_path / "d.json"
    draft.write_text("mine", encoding="utf-8")
    p = run("import-xlsx", exported, "-o", draft)
    assert p.returncode == 2 and "已存在" in p.stderr
    assert draft.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("name,content,words", [
    ("notes.txt", b"hello", "不是 Excel 文件"),
    ("broken.xlsx", b"PK\x03\x04 not a zip", "无法作为 Excel 工作簿读取"),
    ("broken.xls", b"\xd0\xcf\x11\xe0 nonsense", "无法作为 .xls 工作簿读取"),
])
def test_a_file_that_is_not_a_table_gets_one_chinese_line(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    p = run("import-xlsx", path, "-o", tmp_path / "d.json")
    assert p.returncode == 2 and words in p.stderr
    assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "d.json").exists()


def test_a_workbook_with_no_self_evaluation_table_is_refused(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    wb.active["A1"] = "工资表"
    wb.active["B2"] = 3500
    wb.save(tmp_path / "pay.xlsx")
    p = run("import-xlsx", tmp_path / "pay.xlsx", "-o", tmp_path / "d.json")
    assert p.returncode == 2 and "没有在工作簿中找到自评表的表头" in p.stderr


def test_new_from_last_years_excel_table(exported, tmp_path):
    out = tmp_path / "next.json"
    p = run("new", "mof-project", "-o", out, "--from", exported)
    assert p.returncode == 0, p.stderr
    d = json.loads(out.read_text(encoding="utf-8"))
    assert d["fields"]["year"] == "2024" and d["fields"]["project_name"].endswith("维修养护项目")
    rows = [n for rows in d["extra_indicators"].values() for n in rows]
    assert len(rows) == 9 and {n["name"] for n in rows} >= {"受益群众满意度", "项目总成本"}
    assert all("actual" not in e and "score" not in e for e in d["indicators"].values())
    assert d["grids"] == {}


@pytest.mark.slow
def test_the_old_xls_format_is_read(exported, tmp_path):
    """WPS and old Excel save .xls; LibreOffice makes one from our export."""
    from tests.exporters.conftest import convert_with_libreoffice
    xls = convert_with_libreoffice(exported, tmp_path, "xls")
    draft = tmp_path / "d.json"
    p = run("import-xlsx", xls, "-o", draft)
    assert p.returncode == 0, p.stderr
    got = json.loads(run("check", draft, "--json").stdout)
    assert (got["total"], got["grade"]) == ("96.42", "优")

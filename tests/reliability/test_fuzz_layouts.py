"""A template folder's Word/Excel layout files that are corrupt, or carry XML
entity bombs and external entities: `validate-template` (exporters.lint) and
the export name the file in Chinese; nothing hangs, nothing outside the
template is read. Each case runs in its own process, so a hang would show as
a timeout (a guard, not a performance assertion)."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GD = ROOT / "templates" / "gd-dept-overall"
CJK = re.compile("[\u4e00-\u9fff]")
HANG_GUARD = 180  # seconds; a bomb that is not defused takes minutes and gigabytes

LOLS = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
BOMB_DTD = f'<!DOCTYPE bomb [<!ENTITY lol0 "lol">{LOLS}]>'
XXE_DTD = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
QUADRATIC = '<!DOCTYPE q [<!ENTITY a "' + "a" * 50_000 + '">]>'


def test_defusedxml_is_in_effect_for_openpyxl():
    import defusedxml  # noqa: F401  - installed, pinned in requirements.txt
    import openpyxl
    assert openpyxl.DEFUSEDXML is True


def _rewrite(src: Path, dst: Path, part: str, change) -> None:
    """Copy the zip `src` to `dst` with `part` replaced by change(old_text)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)


def _with_dtd(dtd: str, entity: str, tag: str):
    """Put `dtd` after the XML declaration and `entity` into the first `tag` text."""
    def change(xml: str) -> str:
        decl_end = xml.index("?>") + 2 if xml.startswith("<?xml") else 0
        xml = xml[:decl_end] + dtd + xml[decl_end:]
        return re.sub(f"(<{tag}(?: [^>]*)?>)", lambda m: m.group(1) + entity, xml, count=1)
    return change


def _drop(src: Path, dst: Path, part: str) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            if item.filename != part:
                zout.writestr(item, zin.read(item.filename))


DOCX_MAIN, XLSX_SHEET = "word/document.xml", "xl/worksheets/sheet1.xml"


def _make(case: str, layout: str, folder: Path) -> None:
    src, dst = GD / layout, folder / layout
    dst.unlink(missing_ok=True)
    main, tag = (DOCX_MAIN, "w:t") if layout == "report.docx" else (XLSX_SHEET, "t")
    if case == "billion laughs":
        _rewrite(src, dst, main, _with_dtd(BOMB_DTD, "&lol9;", tag))
    elif case == "billion laughs in the workbook part":
        _rewrite(src, dst, "xl/workbook.xml", _with_dtd(BOMB_DTD, "", "workbook"))
    elif case == "external entity":
        _rewrite(src, dst, main, _with_dtd(XXE_DTD, "&xxe;", tag))
    elif case == "quadratic blowup":
        _rewrite(src, dst, main, _with_dtd(QUADRATIC, "&a;" * 2000, tag))
    elif case == "random bytes":
        dst.write_bytes(bytes(range(256)) * 40)
    elif case == "empty file":
        dst.write_bytes(b"")
    elif case == "truncated zip":
        dst.write_bytes(src.read_bytes()[: src.stat().st_size // 2])
    elif case == "main part missing":
        _drop(src, dst, main)
    elif case == "main part not xml":
        _rewrite(src, dst, main, lambda _: "这不是 XML <<<")
    elif case == "a folder":
        dst.mkdir()
    else:  # pragma: no cover
        raise ValueError(case)


CASES = ["billion laughs", "external entity", "quadratic blowup", "random bytes", "empty file",
         "truncated zip", "main part missing", "main part not xml", "a folder"]
PARAMS = [(c, "report.docx") for c in CASES] + [(c, "table.xlsx") for c in CASES + ["billion laughs in the workbook part"]]

PROBE = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from core.registry import load_template
from core.store import read_draft
from exporters.api import export_bytes
from exporters.lint import lint_layouts
from core.errors import TemplateError
t = load_template(sys.argv[2])
draft = read_draft(sys.argv[3])
out = {"lint": lint_layouts(t)}
fmt = sys.argv[4]
try:
    data = export_bytes(fmt, t, draft)
    out["export"] = ["ok", len(data), "root:x:0:0" in data.decode("latin-1")]
except TemplateError as exc:
    out["export"] = ["TemplateError", str(exc)]
except Exception as exc:
    out["export"] = ["other", f"{type(exc).__name__}: {exc}"[:500]]
print(json.dumps(out, ensure_ascii=False))
"""


@pytest.mark.slow
@pytest.mark.parametrize("case, layout", PARAMS, ids=[f"{l}-{c}" for c, l in PARAMS])
def test_hostile_layout_is_reported_not_run(case, layout, tmp_path):
    folder = tmp_path / "gd-dept-overall"
    shutil.copytree(GD, folder)
    _make(case, layout, folder)
    proc = subprocess.run([sys.executable, "-c", PROBE, str(ROOT), str(folder),
                           str(ROOT / "samples" / "gd-huadu-xinfang-2021.json"), layout.rsplit(".", 1)[1]],
                          capture_output=True, text=True, encoding="utf-8", timeout=HANG_GUARD,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    kind, *rest = result["export"]
    if case == "external entity" and kind == "ok":
        assert rest[1] is False, "the export carries /etc/passwd"
    elif case == "billion laughs in the workbook part" and kind == "ok":
        pass  # openpyxl reads workbook.xml with lxml, resolve_entities=False: declared, never expanded
    else:
        assert kind == "TemplateError", f"export of a broken {layout} raised {result['export']}"
        assert CJK.search(rest[0]) and layout in rest[0], rest[0]
    mine = [p for p in result["lint"] if p.startswith(layout)]
    assert mine, f"validate-template says nothing about the broken {layout}: {result['lint']}"
    assert all(CJK.search(p) for p in mine)


@pytest.mark.slow
def test_lint_of_a_bomb_names_the_file_in_the_command(tmp_path):
    """The clerk-facing command: exit 1, the file named, no traceback."""
    folder = tmp_path / "gd-dept-overall"
    shutil.copytree(GD, folder)
    _make("billion laughs", "report.docx", folder)
    _make("billion laughs", "table.xlsx", folder)
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "validate-template", str(folder)],
                          capture_output=True, text=True, encoding="utf-8", timeout=HANG_GUARD,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 1, proc
    assert "report.docx" in proc.stdout
    assert "table.xlsx" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr

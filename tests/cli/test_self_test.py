"""`jxzp --self-test` (cli/self_test.py): prints 通过 only when the sample checks
to the seed report's 95.9 / 优 and all three exports hold it; otherwise names
the step that failed, with exit 1, and leaves no file behind."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from cli import self_test

ROOT = Path(__file__).resolve().parents[2]


def _lines(capsys) -> list[str]:
    return capsys.readouterr().out.strip().splitlines()


def test_self_test_passes_on_the_shipped_sample(capsys):
    assert self_test.run([]) == 0
    lines = _lines(capsys)
    assert lines[-1] == "通过"
    assert [ln.split()[1] for ln in lines[:-1]] == ["打开示例草稿", "审核与计分", "导出", "导出", "导出"]
    assert all(ln.startswith("通过") for ln in lines)


def test_main_dispatches_self_test_before_the_subcommands():
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test"], capture_output=True, text=True,
                          encoding="utf-8", timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "通过"


def test_wrong_total_is_named(tmp_path, capsys):
    draft = json.loads(self_test.SAMPLE.read_text(encoding="utf-8"))
    changed = next(ind for ind in draft["indicators"].values() if ind.get("score") == "9.5")
    changed["score"] = "8.5"          # 95.9 → 94.9
    sample = tmp_path / "changed.json"
    sample.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    assert self_test.run([str(sample)]) == 1
    lines = _lines(capsys)
    assert "失败  审核与计分：总分 94.9、等级 优，应为 95.9、优" in lines
    assert lines[-1] == "未通过：审核与计分"


def test_failed_export_is_named_and_temp_folder_removed(monkeypatch, capsys):
    import exporters.api
    real = exporters.api.export_bytes

    def broken(fmt, *args, **kwargs):
        if fmt == "pdf":
            raise RuntimeError("没有可用的字体")
        return real(fmt, *args, **kwargs)

    monkeypatch.setattr(exporters.api, "export_bytes", broken)
    before = set(Path(tempfile.gettempdir()).glob("jxzp-self-test-*"))
    assert self_test.run([]) == 1
    lines = _lines(capsys)
    assert "失败  导出 PDF：RuntimeError: 没有可用的字体" in lines
    assert "通过  导出 Word" in lines and lines[-1] == "未通过：导出 PDF"
    assert set(Path(tempfile.gettempdir()).glob("jxzp-self-test-*")) == before


def test_export_content_is_looked_at():
    assert self_test._looks_right("pdf", b"%PDF-1.4 ... ", "95.9") == "不是完整的 PDF 文件"
    assert self_test._looks_right("docx", b"not a zip", "95.9") == "不是有效的 Office 文件"
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/worksheets/sheet1.xml", "<c><v>94.9</v></c>")
    assert self_test._looks_right("xlsx", buf.getvalue(), "95.9") == "文件中没有总分 95.9"
    assert self_test._looks_right("xlsx", buf.getvalue(), "94.9") is None


def test_missing_sample_says_the_folder_is_incomplete(tmp_path, capsys):
    assert self_test.run([str(tmp_path / "gone.json")]) == 1
    lines = _lines(capsys)
    assert "程序文件夹不完整" in lines[0] and lines[-1] == "未通过"

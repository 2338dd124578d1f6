"""`jxzp-cli --self-test`: does the program work on this PC?

For the IT person who has just copied the folder over (docs/deploy.md): it
opens the shipped sample, checks it (the total must be the seed report's),
exports Word, Excel and PDF into a temporary folder, looks inside each file,
removes the folder, and prints one line per step, then 通过 or 未通过 and what
failed. Exit 0 when everything passed, 1 otherwise. Touches nothing of the
clerk's: no draft, no settings, no export folder.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "gd-huadu-xinfang-2021.json"
# The seed report this sample reproduces (广州市花都区信访局 2021): 95.9, 优.
EXPECTED_TOTAL, EXPECTED_GRADE = "95.9", "优"
FORMAT_NAMES = {"docx": "Word", "xlsx": "Excel", "pdf": "PDF"}


def _looks_right(fmt: str, data: bytes, total: str) -> str | None:
    """None when the file holds what it should (the total just computed), else why not (in Chinese)."""
    if fmt == "pdf":
        if not (data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]):
            return "不是完整的 PDF 文件"
        return None
    part = "word/document.xml" if fmt == "docx" else "xl/worksheets/"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            text = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.startswith(part))
    except zipfile.BadZipFile:
        return "不是有效的 Office 文件"
    if not text:
        return f"文件中缺少 {part}"
    if total not in text:
        return f"文件中没有总分 {total}"
    return None


def steps(sample: Path, out: Path):
    """Yield (step name, None or what failed) for each step, in order."""
    from core.errors import DraftError
    from core.evaluate import evaluate
    from core.numbers import plain
    from core.opening import open_draft

    try:
        opened = open_draft(sample)
    except DraftError as exc:
        yield "打开示例草稿", str(exc)
        return
    yield "打开示例草稿", None
    result = evaluate(opened.template, opened.draft)
    total = None if result.scores.total is None else plain(result.scores.total)
    wrong = (total, result.scores.grade) != (EXPECTED_TOTAL, EXPECTED_GRADE)
    yield "审核与计分", (f"总分 {total}、等级 {result.scores.grade}，应为 {EXPECTED_TOTAL}、{EXPECTED_GRADE}"
                      if wrong else None)

    from exporters.api import export_bytes
    from exporters.context import build
    ctx = build(opened.template, opened.draft, result)
    for fmt, name in FORMAT_NAMES.items():
        try:
            data = export_bytes(fmt, opened.template, opened.draft, result, ctx)
            (out / f"自检.{fmt}").write_bytes(data)
            problem = _looks_right(fmt, (out / f"自检.{fmt}").read_bytes(), total or "")
        except Exception as exc:  # noqa: BLE001 - any failure is the finding, named for the IT person
            problem = f"{type(exc).__name__}: {exc}"[:300]
        yield f"导出 {name}", problem


def run(argv: list[str]) -> int:
    sample = Path(argv[0]) if argv else SAMPLE
    if not sample.is_file():
        print(f"失败  找不到示例草稿 {sample}：程序文件夹不完整，请重新复制", flush=True)
        print("未通过", flush=True)
        return 1
    out = Path(tempfile.mkdtemp(prefix="jxzp-self-test-"))
    failed = []
    try:
        for name, problem in steps(sample, out):
            print(f"{'失败' if problem else '通过'}  {name}" + (f"：{problem}" if problem else ""), flush=True)
            if problem:
                failed.append(name)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print("未通过：" + "、".join(failed) if failed else "通过", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))

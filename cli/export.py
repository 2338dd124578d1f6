"""`main.py export DRAFT --out DIR [--format docx,xlsx,pdf]` (a folder: cli/folder.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from core.errors import DraftError
from core.opening import open_draft


def run_export(args) -> int:
    from exporters.api import FORMATS

    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        print(f"不支持的格式：{'、'.join(unknown) or '（空）'}；可用：{','.join(FORMATS)}", file=sys.stderr)
        return 2
    if Path(args.draft).is_dir():
        from cli.folder import export_folder
        return export_folder(args, formats)
    try:
        opened = open_draft(args.draft)
    except DraftError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from core.store import os_reason
        print(f"无法创建输出文件夹“{out}”：{os_reason(exc)}", file=sys.stderr)
        return 2
    failed, has_errors = export_one(opened, formats, out)
    if failed:
        return 2
    return 1 if has_errors else 0


def export_one(opened, formats: list[str], out: Path, used: set[str] | None = None,
               quiet: bool = False) -> tuple[list[str], bool]:
    """Export one opened draft, saying what was written; returns (what failed and why,
    whether 审核 found errors). `used`: see exporters.batch. `quiet`: no per-finding lines."""
    from exporters.batch import export_draft

    for notice in opened.notices:
        print(f"提示：{notice}", file=sys.stderr)
    outcome = export_draft(opened.template, opened.draft, formats, out, used)
    if outcome.errors and not quiet:
        print(f"警告：审核发现 {len(outcome.errors)} 个错误，仍照常导出；请改正后重新导出：", file=sys.stderr)
        for message in outcome.errors:
            print(f"  [错误] {message}", file=sys.stderr)
    for fmt, reason in outcome.failed:
        print(reason, file=sys.stderr)
    for note in outcome.notes:
        print(f"提示：{note}", file=sys.stderr)
    for fmt, written, wanted in outcome.written:
        if wanted:
            print(f"提示：{wanted} 正被占用，已改存为 {written.name}", file=sys.stderr)
        print(str(written))
    return [f"{fmt}：{reason}" if fmt else reason for fmt, reason in outcome.failed], bool(outcome.errors)

"""`main.py export DRAFT --out DIR [--format docx,xlsx,pdf]` (a folder: cli/folder.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from core.errors import DraftError, SaveError, TemplateError
from core.evaluate import evaluate
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
        print(f"无法创建输出文件夹“{out}”：{exc.strerror or exc}", file=sys.stderr)
        return 2
    failed, has_errors = export_one(opened, formats, out)
    if failed:
        return 2
    return 1 if has_errors else 0


def export_one(opened, formats: list[str], out: Path, used: set[str] | None = None,
               quiet: bool = False) -> tuple[list[str], bool]:
    """Export one opened draft; returns (what failed and why, whether 审核 found errors).
    `used`: file stems already written in this run (a folder export), so two drafts
    with the same title do not overwrite each other. `quiet`: no per-finding lines."""
    from exporters.api import export_bytes, file_stem
    from exporters.context import build
    from core.outputs import write_export

    template, draft = opened.template, opened.draft
    result = evaluate(template, draft)
    for notice in opened.notices:
        print(f"提示：{notice}", file=sys.stderr)
    if result.errors and not quiet:
        print(f"警告：审核发现 {len(result.errors)} 个错误，仍照常导出；请改正后重新导出：", file=sys.stderr)
        for f in result.errors:
            print(f"  [错误] {f.message}", file=sys.stderr)
    try:
        ctx = build(template, draft, result)
        stem = file_stem(ctx)
    except TemplateError as exc:  # the report title in form.yaml cannot be rendered
        print(str(exc), file=sys.stderr)
        return [str(exc)], bool(result.errors)
    if used is not None:
        base, n = stem, 2
        while stem in used:
            stem, n = f"{base}({n})", n + 1
        used.add(stem)
    failed = []
    for fmt in formats:
        try:
            data = export_bytes(fmt, template, draft, result, ctx)
            written, renamed = write_export(out / f"{stem}.{fmt}", data)
        except (TemplateError, SaveError) as exc:  # a broken layout, a file that cannot be written: say which
            print(str(exc), file=sys.stderr)
            failed.append(f"{fmt}：{exc}")
            continue
        if fmt == "pdf":
            from exporters.printing import undrawable_note
            note = undrawable_note(template, ctx)
            if note:
                print(f"提示：{note}", file=sys.stderr)
        if renamed:
            print(f"提示：{out / f'{stem}.{fmt}'} 正被占用，已改存为 {written.name}", file=sys.stderr)
        print(str(written))
    return failed, bool(result.errors)

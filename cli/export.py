"""`main.py export DRAFT --out DIR [--format docx,xlsx,pdf]`."""

from __future__ import annotations

import sys
from pathlib import Path

from core.errors import DraftError, SaveError, TemplateError
from core.evaluate import evaluate
from core.opening import open_draft


def run_export(args) -> int:
    from exporters.api import FORMATS, export_bytes, file_stem
    from exporters.context import build
    from core.outputs import write_export

    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        print(f"不支持的格式：{'、'.join(unknown) or '（空）'}；可用：{','.join(FORMATS)}", file=sys.stderr)
        return 2
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
    template, draft = opened.template, opened.draft
    result = evaluate(template, draft)
    for notice in opened.notices:
        print(f"提示：{notice}", file=sys.stderr)
    if result.errors:
        print(f"警告：审核发现 {len(result.errors)} 个错误，仍照常导出；请改正后重新导出：", file=sys.stderr)
        for f in result.errors:
            print(f"  [错误] {f.message}", file=sys.stderr)
    try:
        ctx = build(template, draft, result)
        stem = file_stem(ctx)
    except TemplateError as exc:  # the report title in form.yaml cannot be rendered
        print(str(exc), file=sys.stderr)
        return 2
    status = 0
    for fmt in formats:
        try:
            data = export_bytes(fmt, template, draft, result, ctx)
        except TemplateError as exc:  # a broken or missing layout: say which, export the rest
            print(str(exc), file=sys.stderr)
            status = 2
            continue
        suffix = getattr(sys.modules.get(FORMATS[fmt]), "SUFFIX", fmt)   # xmlss is written as .xml
        try:
            written, renamed = write_export(out / f"{stem}.{suffix}", data)
        except SaveError as exc:
            print(str(exc), file=sys.stderr)
            status = 2
            continue
        if fmt == "pdf":
            from exporters.printing import undrawable_note
            note = undrawable_note(template, ctx)
            if note:
                print(f"提示：{note}", file=sys.stderr)
        if renamed:
            print(f"提示：{out / f'{stem}.{suffix}'} 正被占用，已改存为 {written.name}", file=sys.stderr)
        print(str(written))
    if status:
        return status
    return 1 if result.errors else 0

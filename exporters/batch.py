"""Many drafts into one folder: each draft's formats through exporters.api, named by
its report title, two drafts with the same title never overwriting each other.
Used by `main.py export FOLDER` and the folder window's 全部导出."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.errors import SaveError, TemplateError
from core.evaluate import evaluate


@dataclass
class Outcome:
    written: list[tuple[str, Path, Path | None]] = field(default_factory=list)  # (format, file, the name wanted if that was locked)
    failed: list[tuple[str, str]] = field(default_factory=list)           # (format or "", Chinese reason)
    errors: list[str] = field(default_factory=list)                       # 审核 error messages (exported anyway)
    notes: list[str] = field(default_factory=list)                        # e.g. characters no font can draw


def export_draft(template, draft, formats: list[str], out: Path, used: set[str] | None = None) -> Outcome:
    from core.outputs import write_export

    from .api import TooLarge, export, file_stem, suffix
    from .context import build
    result = evaluate(template, draft)
    outcome = Outcome(errors=[f.message for f in result.errors])
    try:
        ctx = build(template, draft, result)
        stem = file_stem(ctx)
    except TemplateError as exc:  # the report title in form.yaml cannot be rendered
        outcome.failed.append(("", str(exc)))
        return outcome
    if used is not None:
        base, n = stem, 2
        while stem in used:
            stem, n = f"{base}({n})", n + 1
        used.add(stem)
    for fmt in formats:
        try:
            removed: list[str] = []   # layout formulas/fields reaching outside the file, taken out
            output = export(fmt, template, ctx, notices=removed)
            outcome.notes.extend(removed)
            target = out / f"{stem}.{suffix(fmt)}"
            written, renamed = write_export(target, output.data)
        except (TemplateError, SaveError, TooLarge) as exc:  # a broken layout, a PDF too large, a file not written
            outcome.failed.append((fmt, str(exc)))
            continue
        outcome.written.append((fmt, written, target if renamed else None))
        if output.note:
            outcome.notes.append(output.note)
    return outcome

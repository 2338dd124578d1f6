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

    from .api import export_bytes, file_stem
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
            data = export_bytes(fmt, template, draft, result, ctx)
            written, renamed = write_export(out / f"{stem}.{fmt}", data)
        except (TemplateError, SaveError) as exc:  # a broken layout, a file that cannot be written
            outcome.failed.append((fmt, str(exc)))
            continue
        outcome.written.append((fmt, written, out / f"{stem}.{fmt}" if renamed else None))
        if fmt == "pdf":
            from .printing import undrawable_note
            note = undrawable_note(template, ctx)
            if note:
                outcome.notes.append(note)
    return outcome

"""A year folder: every draft in a folder and its sub-folders, read and evaluated.

Nothing is hidden: a .json that is not a draft, a draft that cannot be read and
two drafts of the same project each get an entry saying so. Reading is one
file at a time (`read_entry`) so the window can do it in a background thread
with progress; `scan_folder` is the whole walk for the command line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterator

from .draft import NOT_A_DRAFT
from .errors import DraftError, SaveError, TemplateError
from .evaluate import evaluate
from .opening import attach
from .registry import Installed, scan
from .store import read_draft

# what an entry is
DRAFT, NOT_DRAFT, BROKEN = "draft", "not_draft", "broken"
# a draft's state, for the list's filter (a draft may be both unscored and failing 审核)
UNSCORED, FAILING, DONE = "未评分", "审核未通过", "已完成"


@dataclass
class Entry:
    path: Path
    kind: str                          # DRAFT | NOT_DRAFT | BROKEN
    reason: str = ""                   # why it is not a usable draft (Chinese)
    template_id: str = ""
    template_name: str = ""
    template_kind: str = ""            # dept-overall | project
    unit: str = ""
    department: str = ""               # 主管部门
    project: str = ""
    year: str = ""
    budget: Decimal | None = None      # 全年预算数, 万元 (template's summary: cells)
    actual: Decimal | None = None      # 全年执行数
    total: Decimal | None = None
    full_marks: Decimal | None = None
    grade: str = ""
    complete: bool = False
    errors: list[str] = field(default_factory=list)     # messages of error findings
    warnings: int = 0
    saved: str = ""                      # when last saved (the file's time if the draft does not say)
    notices: list[str] = field(default_factory=list)
    duplicates: list[Path] = field(default_factory=list)  # other drafts of the same project
    stamp: int = 0                     # the file's modification time (ns) when read: changed since?

    @property
    def rate(self) -> Decimal | None:
        """执行率 in percent units; None when either figure is missing or the budget is 0."""
        if self.budget is None or self.actual is None or self.budget == 0:
            return None
        return self.actual / self.budget * 100

    @property
    def title(self) -> str:
        """The project's name, or for a 部门整体 draft the unit's."""
        return self.project or self.unit or self.path.stem

    @property
    def states(self) -> set[str]:
        if self.kind != DRAFT:
            return set()
        out = set()
        if not self.complete:
            out.add(UNSCORED)
        if self.errors:
            out.add(FAILING)
        if self.complete and not self.errors:
            out.add(DONE)
        return out

    @property
    def state(self) -> str:
        """One word for the list: what the clerk should do next."""
        if self.kind == NOT_DRAFT:
            return "不是草稿"
        if self.kind == BROKEN:
            return "无法读取"
        if self.duplicates:
            return "重复"
        return FAILING if self.errors else UNSCORED if not self.complete else DONE

    def project_key(self) -> tuple | None:
        """Two drafts with the same key are the same project (or 部门整体) of the same year."""
        who = (self.unit.replace(" ", ""), self.project.replace(" ", ""))
        if self.kind != DRAFT or not any(who):
            return None
        return (self.template_kind, self.year.strip(), *who)


def counts(entries: list[Entry]) -> dict[str, int]:
    """How many files, drafts, and drafts in each state (a draft may count in two states)."""
    drafts = [e for e in entries if e.kind == DRAFT]
    return {"files": len(entries), "drafts": len(drafts),
            DONE: sum(DONE in e.states for e in drafts), FAILING: sum(FAILING in e.states for e in drafts),
            UNSCORED: sum(UNSCORED in e.states for e in drafts), "duplicates": sum(bool(e.duplicates) for e in drafts),
            NOT_DRAFT: sum(e.kind == NOT_DRAFT for e in entries), BROKEN: sum(e.kind == BROKEN for e in entries)}


def counts_line(entries: list[Entry]) -> str:
    c = counts(entries)
    return (f"共 {c['files']} 个文件，草稿 {c['drafts']} 份：已完成 {c[DONE]}，审核未通过 {c[FAILING]}，"
            f"未评分 {c[UNSCORED]}，重复 {c['duplicates']}；不是草稿 {c[NOT_DRAFT]}，无法读取 {c[BROKEN]}")


def draft_files(folder: str | os.PathLike) -> Iterator[Path]:
    """Every *.json under `folder`, sub-folders included, in a stable order; .bak copies,
    Office lock files and hidden folders are not drafts a clerk keeps."""
    root = Path(folder)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if is_draft_name(name):
                yield Path(dirpath) / name


def is_draft_name(name: str) -> bool:
    return name.lower().endswith(".json") and not name.startswith(("~$", "."))


def read_entry(path: Path, installed: Installed) -> Entry:
    """One file read, opened against the installed templates and evaluated."""
    stamp = file_stamp(path)
    entry = _read_entry(path, installed)
    entry.stamp = stamp
    return entry


def file_stamp(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _read_entry(path: Path, installed: Installed) -> Entry:
    try:
        draft = read_draft(path)
    except DraftError as exc:
        return Entry(path, NOT_DRAFT if exc.reason.startswith(NOT_A_DRAFT) else BROKEN, exc.reason)
    try:
        opened = attach(draft, str(path), installed)
    except (DraftError, TemplateError) as exc:
        return Entry(path, BROKEN, getattr(exc, "reason", str(exc)))
    t, d = opened.template, opened.draft
    result = evaluate(t, d)
    numbers = result.values.numbers
    s = result.scores
    return Entry(
        path, DRAFT, template_id=t.id, template_name=t.name, template_kind=t.kind,
        unit=t.role_value(d.fields, "unit"), department=t.role_value(d.fields, "department"), project=t.role_value(d.fields, "project"),
        year=t.role_value(d.fields, "year"),
        budget=numbers.get(t.summary.budget) if t.summary else None,
        actual=numbers.get(t.summary.actual) if t.summary else None,
        total=s.total, full_marks=s.full_marks, grade=s.grade, complete=s.complete,
        errors=[f.message for f in result.errors], warnings=len(result.warnings),
        saved=d.saved or _modified(path), notices=opened.notices)


def _modified(path: Path) -> str:
    """A draft written by hand or by an older program has no `saved`: the file's own time."""
    from datetime import datetime
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="seconds")
    except OSError:
        return ""


def mark_duplicates(entries: list[Entry]) -> None:
    by_key: dict[tuple, list[Entry]] = {}
    for e in entries:
        key = e.project_key()
        if key is not None:
            by_key.setdefault(key, []).append(e)
    for group in by_key.values():
        for e in group:
            e.duplicates = [o.path for o in group if o is not e]


def scan_folder(folder: str | os.PathLike, installed: Installed | None = None,
                progress: Callable[[int, int], bool] | None = None) -> list[Entry]:
    """Every file's entry, duplicates marked. `progress(done, total)` returning False stops early."""
    root = Path(folder)
    if not root.is_dir():
        raise DraftError(str(root), "不是文件夹或不存在")
    installed = installed or scan()
    files = list(draft_files(root))
    entries = []
    for i, path in enumerate(files):
        entries.append(read_entry(path, installed))
        if progress is not None and progress(i + 1, len(files)) is False:
            break
    mark_duplicates(entries)
    return entries


@dataclass
class Received:
    source: Path
    target: Path | None               # where it was copied; None when it was refused
    reason: str = ""                  # why refused (not a draft, cannot be read or written)
    same_project: list[Path] = field(default_factory=list)   # drafts already there for the same project


def receive(sources: list[Path], folder: Path, installed: Installed | None = None) -> list[Received]:
    """Copy drafts sent by 下属单位 into `folder`: never over an existing file (a free
    name "(2)" is taken), and a draft of a project the folder already holds is
    reported with the existing files, both kept for the clerk to decide."""
    from .outputs import candidates
    from .store import write_atomic
    installed = installed or scan()
    existing = [e for e in scan_folder(folder, installed) if e.kind == DRAFT]
    out = []
    for source in map(Path, sources):
        entry = read_entry(source, installed)
        if entry.kind != DRAFT:
            out.append(Received(source, None, entry.reason))
            continue
        key = entry.project_key()
        same = [e.path for e in existing if key is not None and e.project_key() == key]
        target = next((c for c in candidates(folder / source.name) if not c.exists()), None)
        if target is None:
            out.append(Received(source, None, "同名文件过多，请先整理文件夹"))
            continue
        try:
            write_atomic(target, source.read_bytes(), keep_backup=False)
        except (OSError, SaveError) as exc:
            out.append(Received(source, None, getattr(exc, "reason", None) or str(exc)))
            continue
        entry.path = target
        existing.append(entry)
        out.append(Received(source, target, "", same))
    return out

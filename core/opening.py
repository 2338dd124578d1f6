"""Opening a draft against the installed templates.

A draft made with a template version that is no longer installed opens with
the newest version of that template; values whose field no longer exists are
moved to draft.orphans and listed, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .draft import Draft
from .errors import DraftError
from .registry import Installed, scan
from .store import read_draft
from .template import Template, walk_indicators


@dataclass
class Opened:
    """A draft opened against its template, with what the clerk must be told."""
    template: Template
    draft: Draft
    notices: list[str] = field(default_factory=list)   # Chinese sentences for the clerk


def open_draft(path: str, installed: Installed | None = None) -> Opened:
    draft = read_draft(path)
    if installed is None:  # only the template the draft names: others are not even parsed
        installed = scan(only=draft.template.id)
        if not installed.templates:
            installed = scan()  # not installed: the message lists what is
    return attach(draft, path, installed)


def attach(draft: Draft, path: str, installed: Installed) -> Opened:
    ref = draft.template
    template = installed.find(ref.id, ref.version)
    notices = []
    if template is None:
        template = installed.newest(ref.id)
        if template is None:
            names = "、".join(sorted(installed.templates)) or "无"
            raise DraftError(path, f"草稿使用的模板“{ref.id}”未安装（已安装：{names}）；请先把该模板文件夹复制到模板目录")
        notices.append(f"草稿使用的模板版本 {ref.version} 已不在本机，已用最新版本 {template.version} 打开；保存后将改用新版本")
        draft.template.version = template.version
    moved = move_orphans(template, draft)
    if moved:
        shown = "、".join(moved[:8]) + ("等" if len(moved) > 8 else "")
        notices.append(f"以下 {len(moved)} 项内容在当前模板中已没有对应栏目，已原样保留在草稿的“遗留内容”中：{shown}")
    return Opened(template, draft, notices)


def move_orphans(t: Template, draft: Draft) -> list[str]:
    moved: list[str] = []
    field_ids = {f.id for f in t.all_fields()}
    for key in [k for k in draft.fields if k not in field_ids]:
        draft.orphans[f"fields.{key}"] = draft.fields.pop(key)
        moved.append(f"fields.{key}")
    for gid in list(draft.grids):
        grid = t.grid(gid)
        if grid is None:
            draft.orphans[f"grids.{gid}"] = draft.grids.pop(gid)
            moved.append(f"grids.{gid}")
            continue
        rows, cols = {r.id for r in grid.rows}, {c.id for c in grid.columns}
        for rid in list(draft.grids[gid]):
            if rid not in rows:
                draft.orphans[f"grids.{gid}.{rid}"] = draft.grids[gid].pop(rid)
                moved.append(f"grids.{gid}.{rid}")
                continue
            for cid in [c for c in draft.grids[gid][rid] if c not in cols]:
                draft.orphans[f"grids.{gid}.{rid}.{cid}"] = draft.grids[gid][rid].pop(cid)
                moved.append(f"grids.{gid}.{rid}.{cid}")
    known = {n.id for _, n in walk_indicators(t.indicators)}
    extensible = {n.id for _, n in walk_indicators(t.indicators) if n.extensible}
    for parent in [p for p in draft.extra_indicators if p not in extensible]:
        rows = draft.extra_indicators.pop(parent)
        draft.orphans[f"extra_indicators.{parent}"] = [r.model_dump(mode="json") for r in rows]
        moved.append(f"extra_indicators.{parent}")
    for rows in draft.extra_indicators.values():
        known |= {n.id for _, n in walk_indicators(rows)}
    for key in [k for k in draft.indicators if k not in known]:
        draft.orphans[f"indicators.{key}"] = draft.indicators.pop(key).model_dump(mode="json")
        moved.append(f"indicators.{key}")
    section_ids = {s.id for _, s in t.report_sections()}
    for key in [k for k in draft.sections if k not in section_ids]:
        draft.orphans[f"sections.{key}"] = draft.sections.pop(key)
        moved.append(f"sections.{key}")
    return moved

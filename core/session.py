"""The one object the window edits a draft through.

Every edit goes through set(); it recomputes (values → scores → findings) and
returns a Change naming what moved, so the UI redraws only that and can
highlight it. Undo lives in the UI (Qt's undo stack) and calls set() again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .address import Address
from .draft import Draft, IndicatorDef, IndicatorEntry, Override, effective_indicators, new_draft
from .evaluate import Result, evaluate
from .store import clear_journal, save_draft, write_journal
from .template import Template, walk_indicators

INDICATOR_PARTS = {"target", "actual", "score", "band", "note"}


@dataclass
class Change:
    """What one edit moved: the value, the scores that changed and the total before and after."""
    address: str
    old: object
    new: object
    changed_scores: list[str] = field(default_factory=list)  # indicator / group ids whose score moved
    total_before: object = None
    total_after: object = None
    structure: bool = False  # rows were added or removed


class Session:
    def __init__(self, template: Template, draft: Draft | None = None, path: str | None = None):
        self.template = template
        self.draft = draft or new_draft(template)
        self.path = path
        self.dirty = False
        self.session_id = os.urandom(16).hex()  # uuid would import platform etc. (~3 ms of start-up)
        self._tree = effective_indicators(template, self.draft)
        self._cache: dict = {}  # per-row scores and findings kept between keystrokes
        # 审核 on first read of the findings: the window shows the total first (start-up time)
        self.result: Result = evaluate(template, self.draft, self._tree, self._cache, checks=False)

    # -- reading ---------------------------------------------------------------
    def get(self, address: str):
        a = Address.parse(address)
        d = self.draft
        if a.kind == "fields":
            return d.fields.get(a.id)
        if a.kind == "sections":
            return d.sections.get(a.id)
        if a.kind == "grids":
            if not a.row:
                raise KeyError(address)
            return d.grid_value(a.id, a.row, a.column)
        entry = d.indicators.get(a.id)
        if entry is None:
            return {} if a.part == "checked" else None
        if a.part == "checked":
            return entry.checked.get(a.sub) if a.sub else dict(entry.checked)
        if a.part == "override" and a.sub:
            return getattr(entry.override, a.sub) if entry.override else None
        return getattr(entry, a.part)

    @property
    def tree(self) -> list[IndicatorDef]:
        return self._tree

    def indicator(self, indicator_id: str) -> IndicatorDef | None:
        for _, node in walk_indicators(self._tree):
            if node.id == indicator_id:
                return node
        return None

    # -- editing ---------------------------------------------------------------
    def set(self, address: str, value) -> Change:
        old = self.get(address)
        if old == value or (not old and not value and not isinstance(value, bool)):
            return Change(address, old, value, total_before=self.result.scores.total,
                          total_after=self.result.scores.total)
        self._store(address, value)
        return self._recompute(address, old, value)

    def _store(self, address: str, value) -> None:
        self._settle()
        a = Address.parse(address)
        if a.kind == "indicators":
            self._cache.pop(a.id, None)  # this row is rescored and rechecked
        put(self.draft, address, value)

    def _settle(self) -> None:
        """The opening's deferred 审核 runs before the draft changes under it (it
        reads the draft when it runs); after the window's first frame it has."""
        if not self.result.checked:
            self.result.findings

    def _recompute(self, address, old, new, structure=False) -> Change:
        before = self.result
        if structure:
            self._tree = effective_indicators(self.template, self.draft)
        self.result = evaluate(self.template, self.draft, self._tree, self._cache)
        self.dirty = True
        old_nodes = before.scores.nodes
        moved = []
        for nid, ns in self.result.scores.nodes.items():
            was = old_nodes.get(nid)
            if was is not ns and (was is None or was.score != ns.score):  # cached rows are the same object
                moved.append(nid)
        return Change(address, old, new, moved, before.scores.total, self.result.scores.total, structure)

    def replace_extra(self, parent_id: str, rows: list[IndicatorDef], drop=(), restore: dict | None = None) -> Change:
        """The clerk's own rows under an extensible node, replaced as a whole.
        `drop`: ids whose values go with their rows; `restore`: values brought back
        (undo). The session owns both, so no row result is left stale."""
        self._settle()
        old = self.draft.extra_indicators.get(parent_id, [])
        # every row under the node is rechecked: a renamed group changes what 审核 says of
        # its rows (a 成本 group's amounts want a "≤") though the rows themselves did not change
        for node_id in list(drop) + list(restore or {}) + [n.id for _, n in walk_indicators(list(old) + list(rows))]:
            self._cache.pop(node_id, None)
        put_rows(self.draft, parent_id, rows, drop, restore)
        return self._recompute(f"extra_indicators.{parent_id}", old, rows, structure=True)

    # -- files -----------------------------------------------------------------
    def save(self, path: str | None = None) -> None:
        target = path or self.path
        if target is None:
            raise ValueError("no path")
        save_draft(self.draft, target)
        if self.path and self.path != target:
            clear_journal(self.path, self.session_id)
        clear_journal(None, self.session_id)
        self.path = target
        self.dirty = False
        clear_journal(self.path, self.session_id)

    def autosave(self):
        return write_journal(self.draft, self.path, self.session_id)

    def close(self) -> None:
        """A clean close: the journal entry is no longer needed."""
        clear_journal(self.path, self.session_id)


def put(draft: Draft, address: str, value) -> None:
    """One address of a draft set to one value (Session.set, and replaying the edit log)."""
    a = Address.parse(address)
    d = draft
    if a.kind == "fields":
        d.fields[a.id] = value
    elif a.kind == "sections":
        d.sections[a.id] = value or ""
    elif a.kind == "grids" and a.row:
        d.grids.setdefault(a.id, {}).setdefault(a.row, {})[a.column] = value
    elif a.kind == "indicators":
        entry = d.indicators.setdefault(a.id, IndicatorEntry())
        if a.part == "checked" and a.sub:
            entry.checked = {**entry.checked, a.sub: bool(value)}
        elif a.part == "checked":
            entry.checked = dict(value or {})
        elif a.part == "override" and not a.sub:
            entry.override = Override(**value) if value else None
        elif a.part == "override":
            current = entry.override.model_dump() if entry.override else {"score": "", "reason": ""}
            current[a.sub] = value or ""
            entry.override = Override(**current) if (current["score"] or current["reason"]) else None
        elif a.part in INDICATOR_PARTS and not a.sub:
            setattr(entry, a.part, value if a.part != "note" else (value or ""))
        else:
            raise KeyError(address)
    else:
        raise KeyError(address)


def put_rows(draft: Draft, parent_id: str, rows: list[IndicatorDef], drop=(), restore: dict | None = None) -> None:
    """The clerk's rows under one node replaced, the values of `drop` gone with them,
    those of `restore` back (Session.replace_extra, and replaying the edit log)."""
    for node_id in drop:
        draft.indicators.pop(node_id, None)
    for node_id, entry in (restore or {}).items():
        draft.indicators[node_id] = entry
    draft.extra_indicators[parent_id] = list(rows)

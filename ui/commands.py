"""Undo steps. A command only calls the controller; the controller calls the
session, so undo and redo take the same road as typing (Qt's undo framework)."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

SET_ID = 1

_INDICATOR_PARTS = {"score": "修改得分", "actual": "修改完成值", "target": "修改指标值", "note": "修改偏差原因",
                    "band": "修改评价档次", "checked": "勾选评分项"}


def edit_label(template, address: str, value=None) -> str:
    """The name of an undo step, as the clerk reads it after 撤销."""
    kind, _, rest = address.partition(".")
    if kind == "indicators":
        part = rest.split(".", 1)[1] if "." in rest else ""
        if part == "override":
            return "调整得分" if value else "恢复自动得分"
        return _INDICATOR_PARTS.get(part.split(".")[0], "修改指标")
    if kind == "fields":
        f = template.field(rest)
        return f"修改「{f.label}」" if f else "修改"
    if kind == "grids":
        g, r, c = rest.split(".")
        grid = template.grid(g)
        row = next((x.label.strip() for x in grid.rows if x.id == r), r) if grid else r
        col = next((x.label for x in grid.columns if x.id == c), c) if grid else c
        return f"修改「{row}·{col}」"
    if kind == "sections":
        title = next((s.title for _, s in template.report_sections() if s.id == rest), rest)
        return f"修改报告「{title}」"
    return "修改"


class SetValue(QUndoCommand):
    """One address set to one value; typing into the same cell again merges into it."""

    def __init__(self, controller, address: str, old, new, text: str, mergeable: bool = True):
        super().__init__(text)
        self.controller, self.address, self.old, self.new = controller, address, old, new
        self.mergeable = mergeable

    def redo(self):
        self.controller.apply(self.address, self.new)

    def undo(self):
        self.controller.apply(self.address, self.old)

    def id(self) -> int:
        return SET_ID if self.mergeable else -1

    def mergeWith(self, other) -> bool:
        if not isinstance(other, SetValue) or other.address != self.address or not other.mergeable:
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)  # typed back to where it started: no step at all
        return True


class SetRows(QUndoCommand):
    """The clerk's own indicator rows under one extensible node, replaced as a whole."""

    def __init__(self, controller, parent_id: str, old: list, new: list, entries: dict, text: str):
        super().__init__(text)
        self.controller, self.parent_id, self.old, self.new = controller, parent_id, old, new
        self.entries = entries  # values of the rows this step removes

    def redo(self):
        self.controller.apply_rows(self.parent_id, self.new, drop=list(self.entries))

    def undo(self):
        self.controller.apply_rows(self.parent_id, self.old, restore=self.entries)

"""Undo steps. A command only calls the controller; the controller calls the
session, so undo and redo take the same road as typing (Qt's undo framework)."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from core.address import Address

SET_ID = 1

_INDICATOR_PARTS = {"score": "修改得分", "actual": "修改完成值", "target": "修改指标值", "note": "修改偏差原因",
                    "band": "修改评价档次", "checked": "勾选评分项"}


def edit_label(template, address: str, value=None) -> str:
    """The name of an undo step, as the clerk reads it after 撤销."""
    try:
        a = Address.parse(address)
    except KeyError:
        return "修改"
    if a.kind == "indicators":
        if a.part == "override" and not a.sub:
            return "调整得分" if value else "恢复自动得分"
        return _INDICATOR_PARTS.get(a.part, "修改指标")
    if a.kind == "fields":
        f = template.field(a.id)
        return f"修改「{f.label}」" if f else "修改"
    if a.kind == "grids":
        grid = template.grid(a.id)
        row = next((x.label.strip() for x in grid.rows if x.id == a.row), a.row) if grid else a.row
        col = next((x.label for x in grid.columns if x.id == a.column), a.column) if grid else a.column
        return f"修改「{row}·{col}」"
    title = next((s.title for _, s in template.report_sections() if s.id == a.id), a.id)
    return f"修改报告「{title}」"


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

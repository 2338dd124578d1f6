"""Spreadsheet editing shared by the money grids and the indicator table.

Copy puts the selected block on the clipboard as tab-separated text; paste
takes such a block (Excel, WPS and LibreOffice put one there) onto the selected
cell, across rows and columns, as ONE undo step. Each pasted value is checked as
a typed one would be (the editor's bounds, EDITOR_ROLE); the refused ones are
listed to the clerk by the row and column they see. Delete clears the selection.
"""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import QEvent, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QPlainTextEdit

from core.numbers import parse_number
from core.targets import unit_problem

from . import fmt
from .delegate import EDITOR_ROLE

ID_ROLE = Qt.ItemDataRole.UserRole + 2   # the indicator model's row id (ui.indicator_cells.ID_ROLE)
MAX_LISTED = 12


def parse_block(text: str) -> list[list[str]]:
    """Tab-separated rows; a cell with a line break or a tab comes quoted (Excel's way)."""
    if not text:
        return []
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    return rows


def block_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, dialect="excel-tab", lineterminator="\n").writerows(rows)
    return buf.getvalue()


def checked_value(index, text: str) -> tuple[str | None, str | None]:
    """(value to store, None) or (None, why not), as the cell's editor would judge it.
    A score above its weight is kept (审核 marks it), as typing keeps it."""
    spec = index.data(EDITOR_ROLE) or ("text",)
    text = text.strip()
    if spec[0] == "number" and text:
        parsed = parse_number(text)
        if parsed.value is None:
            return None, parsed.error or "不是数字"
        if spec[1] is not None and parsed.value < spec[1]:
            return None, f"不能小于 {fmt.weight(spec[1])}"
    if spec[0] == "unit" and unit_problem(text):
        return None, unit_problem(text)
    if spec[0] == "band" and text:
        for value, label in spec[1]:
            if value and (text == value or text == label.strip() or text.split()[0] == value):
                return value, None
        what = spec[2] if len(spec) > 2 else "评价档次"
        return None, f"{what}只能是" + "、".join(v for v, _ in spec[1] if v)
    return text, None


class SpreadsheetKeys:
    """Mixin for an item view whose model has `controller` and `cell_label(index)`.
    The view says which row follows a row (`next_row`), so the indicator tree can
    step over its group headings."""

    def next_row(self, index):
        return index.siblingAtRow(index.row() + 1)

    # -- the selection as a block ---------------------------------------------------------
    def _ordered_rows(self, indexes) -> list[list]:
        by_row: dict = {}
        for index in indexes:
            key = (self.visualRect(index.siblingAtColumn(0)).top(), index.internalId(), index.row())
            by_row.setdefault(key, []).append(index)
        return [sorted(cells, key=lambda i: i.column()) for _, cells in sorted(by_row.items())]

    def copy_block(self) -> str:
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return ""
        first, last = min(i.column() for i in indexes), max(i.column() for i in indexes)
        rows = []
        for cells in self._ordered_rows(indexes):
            chosen = {i.column(): i for i in cells}
            row = []
            for c in self._shown_columns(first, last + 1):
                index = chosen.get(c)
                row.append(self._cell_text(index) if index is not None else "")
            rows.append(row)
        text = block_text(rows)
        QGuiApplication.clipboard().setText(text)
        return text

    def _shown_columns(self, first: int, stop: int) -> list[int]:
        return [c for c in range(first, stop) if not self.isColumnHidden(c)]

    def _cell_text(self, index) -> str:
        editable = bool(index.flags() & Qt.ItemFlag.ItemIsEditable)
        value = index.data(Qt.ItemDataRole.EditRole if editable else Qt.ItemDataRole.DisplayRole)
        return "" if value is None else str(value)

    # -- paste ----------------------------------------------------------------------------
    def paste_block(self, text: str | None = None) -> list[str]:
        """Paste `text` (the clipboard's by default); returns the refusals shown."""
        block = parse_block(QGuiApplication.clipboard().text() if text is None else text)
        if not block:
            return []
        selected = self.selectedIndexes()
        if len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
            targets = [(i, block[0][0]) for i in selected]   # one value over a selection: fill it
            outside = 0
        else:
            start = min(selected, key=lambda i: (self.visualRect(i).top(), i.column())) if selected \
                else self.currentIndex()
            if not start.isValid():
                return []
            targets, outside = self._block_targets(start, block)
        accepted, refused, locked = [], [], []
        for index, raw in targets:
            if not index.flags() & Qt.ItemFlag.ItemIsEditable:
                if raw.strip():
                    locked.append((self._key(index), raw))
                continue
            value, error = checked_value(index, raw)
            if error:
                refused.append(f"{self.model().cell_label(index)}：{error}")
            else:
                accepted.append((self._key(index), value or None))
        count = self._apply(accepted, "粘贴 {} 格")
        # a computed cell in the block (执行率, 合计) is fine when it agrees with the pasted rows
        refused += [f"{self.model().cell_label(self._index(k))}：不能填写（自动计算或固定内容）"
                    for k, raw in locked if not self._same(self._index(k), raw)]
        if outside:
            refused.append(f"另有 {outside} 格超出表格范围")
        if refused:
            self._tell("粘贴", f"已粘贴 {count} 格；以下 {len(refused)} 项未粘贴：", refused)
        return refused

    def _block_targets(self, start, block):
        targets, outside = [], 0
        row = start
        # a pasted block fills the columns the clerk sees: hidden ones (指标性质 where the
        # template has none) are stepped over
        columns = self._shown_columns(start.column(), self.model().columnCount(start.parent()))
        for values in block:
            if not row.isValid():
                outside += sum(1 for v in values if v.strip())
                continue
            for offset, raw in enumerate(values):
                if offset >= len(columns):
                    outside += bool(raw.strip())
                    continue
                targets.append((row.siblingAtColumn(columns[offset]), raw))
            row = self.next_row(row)
        return targets, outside

    def _same(self, index, raw: str) -> bool:
        shown = str(index.data() or "").strip()
        a, b = parse_number(raw.strip().rstrip("%")).value, parse_number(shown.rstrip("%")).value
        return raw.strip() == shown or (a is not None and a == b)

    # -- delete ---------------------------------------------------------------------------
    def clear_selection_values(self) -> int:
        cells = [i for i in (self.selectedIndexes() or [self.currentIndex()])
                 if i.isValid() and i.flags() & Qt.ItemFlag.ItemIsEditable and i.data(Qt.ItemDataRole.EditRole)]
        return self._apply([(self._key(i), None) for i in cells], "清除 {} 格")

    # -- applying: one undo step ----------------------------------------------------------
    def _key(self, index):
        """How to find the cell again: the indicator tree is rebuilt when a row of the
        clerk's own is renamed, so its cells are found by row id."""
        row_id = index.data(ID_ROLE)
        return (row_id, index.column()) if row_id else QPersistentModelIndex(index)

    def _index(self, key):
        if isinstance(key, tuple):
            return self.model().index_of(*key)
        return self.model().index(key.row(), key.column(), key.parent())

    def _apply(self, edits, label: str) -> int:
        """The edits that change something, as one undo step named `label` (with their count)."""
        model = self.model()
        changed = [(k, v) for k, v in edits if (self._index(k).data(Qt.ItemDataRole.EditRole) or None) != v]
        if changed:
            with model.controller.macro(label.format(len(changed))):
                for key, value in changed:
                    model.setData(self._index(key), value)
        return len(changed)

    def _tell(self, title: str, head: str, lines: list[str]) -> None:
        shown = lines[:MAX_LISTED] + ([f"……另有 {len(lines) - MAX_LISTED} 项"] if len(lines) > MAX_LISTED else [])
        QMessageBox.warning(self, title, head + "\n" + "\n".join(shown))

    # -- keys -----------------------------------------------------------------------------
    def spreadsheet_key(self, event) -> bool:
        """Copy, paste and Delete on the view itself (not while a cell is being edited)."""
        if self.state() == QAbstractItemView.State.EditingState:
            return False
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_block()
            return True
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_block()
            return True
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.clear_selection_values()
            return True
        return False


class BlockPasteInEditor(QObject):
    """Ctrl+V of a copied Excel block inside an open cell editor: the block goes to
    the table (from this cell on), not into the one box as text it cannot hold."""

    def __init__(self, view, editor):
        super().__init__(editor)
        self.view = view

    def eventFilter(self, obj, event):
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                and event.matches(QKeySequence.StandardKey.Paste):
            text = QGuiApplication.clipboard().text()
            # a line break is text in a multi-line box; in a one-line cell it ends a copied cell
            if "\t" in text or ("\n" in text and not isinstance(obj, QPlainTextEdit)):
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()
                    return True
                close_editor_then_paste(self.view, obj, text)
                return True
        return False


def close_editor_then_paste(view, editor, text: str) -> None:
    from PySide6.QtWidgets import QAbstractItemDelegate
    view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    view.paste_block(text)


def edit_command(window, what: str) -> None:
    """编辑 → 复制 / 粘贴 for whatever has the focus: a table takes blocks, a text box its own."""
    widget = window.focusWidget()
    block = {"copy": "copy_block", "paste": "paste_block"}[what]
    if hasattr(widget, block):
        getattr(widget, block)()
    elif hasattr(widget, what):
        getattr(widget, what)()

"""The indicator tree view with spreadsheet keys: Tab walks the editable cells
in reading order, Enter goes down the column, typing over a cell replaces it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTreeView

from .delegate import CellDelegate
from .indicator_cells import BAND, BANDS, NAME
from .table_edit import SpreadsheetKeys


class IndicatorView(SpreadsheetKeys, QTreeView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.delegate = CellDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        # No SelectedClicked: a click on the current cell would start Qt's double-click
        # timer (400 ms), during which a typed key opens no editor and is lost. As in a
        # spreadsheet, typing replaces, double-click or F2 edits in place.
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(False)
        # Long 指标, 指标值, 完成值, 偏差原因 wrap onto up to MAX_LINES lines (widening a column
        # unwraps them); beyond that the cell is cut and the whole text is in its tooltip.
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.header().sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())

    def wrap_width(self, index: QModelIndex) -> int:
        """The room a cell's text has: its column, less the indentation in the first."""
        width = self.columnWidth(index.column())
        if index.column() == 0:
            depth, parent = 1, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= depth * self.indentation()
        return max(width, 20)

    def next_row(self, index: QModelIndex) -> QModelIndex:
        """The next row a pasted block goes to: group headings and checklist items
        are the tree's structure, not rows of the clerk's spreadsheet."""
        model = self.model()
        below = self.indexBelow(index.siblingAtColumn(0))
        while below.isValid() and model.is_structure(below):
            below = self.indexBelow(below)
        return below.siblingAtColumn(index.column()) if below.isValid() else QModelIndex()

    # -- walking the editable cells ------------------------------------------------------
    def _visible_cells(self):
        """Every cell of every expanded row, in reading order."""
        model = self.model()
        index = model.index(0, 0)
        while index.isValid():
            for c in range(model.columnCount()):
                yield index.siblingAtColumn(c)
            index = self.indexBelow(index)

    def next_editable(self, current: QModelIndex, forward: bool = True, same_column: bool = False) -> QModelIndex:
        cells = list(self._visible_cells())
        if not forward:
            cells.reverse()
        key = (current.internalPointer(), current.column())
        start = next((i for i, c in enumerate(cells) if (c.internalPointer(), c.column()) == key), -1)
        for cell in cells[start + 1:]:
            if same_column and cell.column() != current.column():
                continue
            if cell.flags() & Qt.ItemFlag.ItemIsEditable:
                return cell
        return QModelIndex()

    def moveCursor(self, action, modifiers):
        current = self.currentIndex()
        if action in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious) \
                and current.isValid():
            target = self.next_editable(current, action == QAbstractItemView.CursorAction.MoveNext)
            return target if target.isValid() else current
        return super().moveCursor(action, modifiers)

    def closeEditor(self, editor, hint):
        H = QAbstractItemDelegate.EndEditHint
        current = self.currentIndex()
        super().closeEditor(editor, H.NoHint)
        target = QModelIndex()
        if hint in (H.EditNextItem, H.EditPreviousItem):
            target = self.next_editable(current, hint == H.EditNextItem)
        elif hint == H.SubmitModelCache:  # Enter: down the same column, like a spreadsheet
            target = self.next_editable(current, True, same_column=True)
        if target.isValid():
            self.setCurrentIndex(target)
            self.scrollTo(target)
        elif hint != H.NoHint:
            self.setCurrentIndex(current)

    def keyPressEvent(self, event):
        if self.spreadsheet_key(event):
            return
        index = self.currentIndex()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index.isValid() \
                and self.state() != QAbstractItemView.State.EditingState:
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
                return
        if index.isValid() and index.column() == BAND and index.flags() & Qt.ItemFlag.ItemIsEditable \
                and event.text() in ("1", "2", "3", "0") and self.state() != QAbstractItemView.State.EditingState:
            n = int(event.text())   # 1 达成, 2 部分达成, 3 未达成, 0 未评: one key, the score follows
            self.model().setData(index, BANDS[n - 1] if n else "")
            return
        if event.key() == Qt.Key.Key_Space and index.isValid() and index.column() == NAME \
                and index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            state = index.data(Qt.ItemDataRole.CheckStateRole)
            new = Qt.CheckState.Unchecked if state == Qt.CheckState.Checked else Qt.CheckState.Checked
            self.model().setData(index, new.value, Qt.ItemDataRole.CheckStateRole)
            return
        super().keyPressEvent(event)

"""A money grid page: the official table's rows and columns, in 万元."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QHeaderView, QLabel, QTableView,
                               QVBoxLayout, QWidget)

from ..grid_model import GridModel
from ..delegate import CellDelegate
from ..table_edit import SpreadsheetKeys
from . import select_cell


class GridView(SpreadsheetKeys, QTableView):
    """Enter goes down, Tab goes right, typing replaces, blocks copy and paste:
    as in a spreadsheet."""

    def closeEditor(self, editor, hint):
        H = QAbstractItemDelegate.EndEditHint
        current = self.currentIndex()
        super().closeEditor(editor, H.NoHint if hint == H.SubmitModelCache else hint)
        if hint == H.SubmitModelCache:
            below = current.siblingAtRow(current.row() + 1)
            while below.isValid() and not (below.flags() & Qt.ItemFlag.ItemIsEditable):
                below = below.siblingAtRow(below.row() + 1)
            if below.isValid():
                self.setCurrentIndex(below)

    def keyPressEvent(self, event):
        if self.spreadsheet_key(event):
            return
        index = self.currentIndex()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index.isValid() \
                and self.state() != QAbstractItemView.State.EditingState \
                and index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.edit(index)
            return
        super().keyPressEvent(event)


class GridPage(QWidget):
    def __init__(self, controller, grid, parent=None):
        super().__init__(parent)
        self.controller, self.grid = controller, grid
        self.title = grid.title
        self.model = GridModel(controller, grid, self)
        self.view = GridView(self)
        self.delegate = CellDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        note = QLabel(f"单位：{grid.unit}。白色格子填写；浅蓝色斜体为自动计算（合计、执行率），不能直接填写，"
                      "各行未填齐时合计显示已填之和并标“（未齐）”。可从 Excel、WPS 复制一块数据，选中起始格后 Ctrl+V 粘贴。")
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note)
        layout.addWidget(self.view)

    def refresh(self, change) -> None:
        self.model.refresh()
        self.delegate.sync_editors()

    def reload(self) -> None:
        self.model.beginResetModel()
        self.model.endResetModel()

    def focus(self, address: str) -> bool:
        return select_cell(self.view, self.model.locate(address))

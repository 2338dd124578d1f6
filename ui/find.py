"""查找 (Ctrl+F): a small window listing every place the text appears (core.find);
choosing one goes there, as a 审核 finding does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QVBoxLayout

from core.find import find


class FindDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.setWindowTitle("查找")
        self.setModal(False)
        layout = QVBoxLayout(self)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("查找单位信息、指标（名称、指标值、完成值、偏差原因）和报告中的文字")
        self.query.setClearButtonEnabled(True)
        layout.addWidget(self.query)
        self.count = QLabel(self)
        self.count.setObjectName("hint")
        layout.addWidget(self.count)
        self.results = QListWidget(self)
        self.results.setWordWrap(True)
        layout.addWidget(self.results, 1)
        self.query.textChanged.connect(self.search)
        self.query.returnPressed.connect(self._first)
        self.results.itemActivated.connect(self.go)
        self.results.itemClicked.connect(self.go)
        self.resize(520, 420)

    def search(self, *_):
        self.results.clear()
        session = self.window.controller.session
        text = self.query.text()
        if session is None or not text.strip():
            self.count.setText("")
            return []
        hits = find(session.template, session.draft, session.tree, text)
        for hit in hits:
            item = QListWidgetItem(f"{hit.where}\n{hit.text}")
            item.setData(Qt.ItemDataRole.UserRole, hit.address)
            self.results.addItem(item)
        self.count.setText(f"找到 {len(hits)} 处" if hits else "没有找到")
        return hits

    def _first(self):
        if self.results.count():
            self.results.setCurrentRow(0)
            self.go(self.results.item(0))

    def go(self, item) -> None:
        address = item.data(Qt.ItemDataRole.UserRole)
        if not self.window.focus_address(address):
            return
        editor = self.window.focusWidget()
        if isinstance(editor, QPlainTextEdit):   # report text: the words themselves selected
            editor.moveCursor(editor.textCursor().MoveOperation.Start)
            editor.find(self.query.text().strip())


def show_find(window) -> FindDialog:
    dialog = getattr(window, "_find_dialog", None)
    if dialog is None:
        dialog = window._find_dialog = FindDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.query.setFocus()
    dialog.query.selectAll()
    return dialog

"""After a crash: offer the drafts the journal kept, with the time they were saved."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QListWidget, QMessageBox, QPushButton, QVBoxLayout


def describe(entry) -> str:
    when = entry.saved_at.replace("T", " ")
    unit = _who(entry.draft) or "（未填单位名称）"
    where = os.path.basename(entry.draft_path) if entry.draft_path else "未保存过的新草稿"
    return f"{when}　{unit}　—　{where}"


def _who(draft) -> str:
    """The project or unit named in a kept draft, read through its template's field roles."""
    from core.registry import scan
    ref = draft.template
    t = scan(only=ref.id).find(ref.id, ref.version) or scan(only=ref.id).newest(ref.id)
    if t is None:
        return ""
    return t.role_value(draft.fields, "project") or t.role_value(draft.fields, "unit")


class RecoveryDialog(QDialog):
    """exec() → 1 with .choice = 'recover' (of .entry) | 'discard' | 'later'."""

    def __init__(self, entries, parent=None):
        super().__init__(parent)
        self.entries, self.choice, self.entry = entries, "later", None
        self.setWindowTitle("恢复未保存的草稿")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("程序上次没有正常关闭。以下草稿有自动保存的内容，比您保存的文件更新：", wordWrap=True))
        self.list = QListWidget(self)
        for entry in entries:
            self.list.addItem(describe(entry))
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _: self._done("recover"))
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        self.recover_button = QPushButton("恢复所选草稿")
        self.discard_button = QPushButton("全部丢弃")
        self.later_button = QPushButton("以后再说")
        self.recover_button.setDefault(True)
        for button, choice in ((self.recover_button, "recover"), (self.discard_button, "discard"),
                               (self.later_button, "later")):
            button.clicked.connect(lambda _=False, c=choice: self._done(c))
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.resize(640, 300)

    def _done(self, choice: str) -> None:
        if choice == "discard" and not self._discard_confirmed():
            return
        self.choice = choice
        row = self.list.currentRow()
        self.entry = self.entries[row] if 0 <= row < len(self.entries) else None
        self.accept()

    def _discard_confirmed(self) -> bool:
        n = len(self.entries)
        answer = QMessageBox.question(
            self, "全部丢弃", f"丢弃全部 {n} 份自动保存的内容？丢弃后无法恢复。\n（只想以后再处理，请选“以后再说”。）",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

"""A report section: the clerk's text, 插入标准表述, a character count, and a
warning when a figure in the text no longer agrees with the data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit, QPushButton, QVBoxLayout,
                               QWidget)

from ..undo_keys import route_undo_to_window


class SectionPage(QWidget):
    def __init__(self, controller, section, heading: str, parent=None):
        super().__init__(parent)
        self.controller, self.section = controller, section
        self.address = f"sections.{section.id}"
        self.title = heading
        top = QHBoxLayout()
        title = QLabel(heading)
        title.setObjectName("pageTitle")
        top.addWidget(title)
        top.addStretch(1)
        self.insert_button = QPushButton("插入标准表述")
        self.insert_button.setToolTip("按当前填报的数据生成本节的标准表述")
        self.insert_button.setVisible(bool(section.starter))
        self.insert_button.clicked.connect(self.insert_starter)
        top.addWidget(self.insert_button)
        self.editor = route_undo_to_window(QPlainTextEdit(self))
        self.editor.setObjectName(f"section_{section.id}")
        self.editor.setUndoRedoEnabled(False)  # one undo history: the window's
        self.editor.setPlaceholderText(section.hint or "在此填写本节内容")
        self.editor.textChanged.connect(self._typed)
        bottom = QHBoxLayout()
        self.warning = QLabel(self)
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.count = QLabel(self)
        self.count.setObjectName("hint")
        bottom.addWidget(self.warning, 1)
        bottom.addWidget(self.count, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        if section.hint:
            hint = QLabel(f"提示：{section.hint}")
            hint.setObjectName("hint")
            layout.addWidget(hint)
        layout.addWidget(self.editor, 1)
        layout.addLayout(bottom)
        self._loading = False
        self.reload()

    def _typed(self) -> None:
        if not self._loading:
            self.controller.edit(self.address, self.editor.toPlainText())
        self._update_notes()

    def reload(self) -> None:
        value = self.controller.value(self.address) or ""
        if self.editor.toPlainText() != value:
            self._loading = True
            try:
                self.editor.setPlainText(value)
            finally:
                self._loading = False
        self._update_notes()

    def refresh(self, change) -> None:
        self.reload()

    def _update_notes(self) -> None:
        text = self.editor.toPlainText()
        self.count.setText(f"{sum(1 for ch in text if not ch.isspace())} 字")
        self.show_findings()

    def show_findings(self) -> None:
        """The core's 审核 finding for this section, so the page and the 审核 panel agree;
        none until 审核 has run (just after the window's first frame)."""
        result = self.controller.result
        found = [f.message for f in result.findings
                 if f.code == "text.stale_total" and f.field == self.address] if result.checked else []
        self.warning.setText("⚠ " + "；".join(found) if found else "")

    def insert_starter(self) -> None:
        try:
            from exporters.context import render_starter
            s = self.controller.session
            text = render_starter(s.template, s.draft, s.result, self.section.id)
        except Exception as exc:  # noqa: BLE001 - a template's wording must not take the window down
            QMessageBox.warning(self, "插入标准表述", f"无法生成标准表述：{exc}")
            return
        if not text:
            return
        from core.starter import figure_gaps
        gaps = figure_gaps(text)
        if gaps:   # inserted, the gaps would read as finished text and the 尚未填写 reminder would go
            QMessageBox.warning(self, "插入标准表述",
                                f"本节标准表述要用到的数字还有 {len(gaps)} 处未填写（显示为“—”）：\n"
                                + "\n".join(gaps[:5]) + ("\n……" if len(gaps) > 5 else "")
                                + "\n\n请先在收支表、绩效指标中填好这些数字，再插入。")
            return
        current = self.editor.toPlainText()
        if current.strip() and current.strip() != text:
            box = QMessageBox(QMessageBox.Icon.Question, "插入标准表述", "本节已有文字。要替换它，还是把标准表述加在末尾？",
                              parent=self)
            replace = box.addButton("替换", QMessageBox.ButtonRole.DestructiveRole)
            append = box.addButton("加在末尾", QMessageBox.ButtonRole.AcceptRole)
            box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is append:
                text = current.rstrip("\n") + "\n" + text
            elif box.clickedButton() is not replace:
                return
        self.controller.edit(self.address, text, text="插入标准表述", mergeable=False)

    def focus(self, address: str) -> bool:
        if address != self.address:
            return False
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

"""A group of header fields (基本信息, 签章信息 …) as a form."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from core.address import Address
from core.template import NUMERIC_TYPES

from .. import fmt
from ..undo_keys import route_undo_to_window
from ..validators import number_edit


def set_error(widget, messages: list[str]) -> None:
    """Mark a widget red (style sheet: [error="true"]) with the findings as its tooltip."""
    flag = bool(messages)
    # never set counts as False: touching style() creates PySide's QStyle enums (~15 ms at start-up)
    if bool(widget.property("error")) != flag:
        widget.setProperty("error", flag)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    widget.setToolTip("\n".join(messages) or widget.property("help") or "")


class FieldsPage(QWidget):
    def __init__(self, controller, group, parent=None):
        super().__init__(parent)
        self.controller, self.group = controller, group
        self.title = group.title
        self.editors: dict[str, QWidget] = {}
        self.counters: dict[str, QLabel] = {}
        inner = QWidget()
        form = QFormLayout(inner)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setProperty("labelAlignment", "AlignRight|AlignTop")  # by name: no `Qt` before the first frame
        for f in group.fields:
            editor = self._editor(f)
            editor.setObjectName(f"field_{f.id}")
            editor.setProperty("help", f.help)
            editor.setToolTip(f.help)
            self.editors[f.id] = editor
            label = QLabel(f.label + ("<span style='color:#c0392b'> *</span>" if f.required else ""))
            label.setBuddy(editor)
            if f.help or f.max_length:
                box = QVBoxLayout()
                box.setSpacing(2)
                box.addWidget(editor)
                if f.max_length:   # the limit the form prints (“200字以内”), counted as the clerk types
                    counter = QLabel(self)
                    counter.setObjectName("hint")
                    self.counters[f.id] = counter
                    box.addWidget(counter)
                if f.help:
                    help_label = QLabel(f.help)
                    help_label.setObjectName("hint")
                    help_label.setWordWrap(True)
                    box.addWidget(help_label)
                form.addRow(label, box)
            else:
                form.addRow(label, editor)
        outer = QWidget()
        column = QVBoxLayout(outer)
        column.addWidget(inner)
        column.addStretch(1)  # spare height goes below the form, not between its rows
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(outer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.reload()

    def _editor(self, f) -> QWidget:
        address = f"fields.{f.id}"
        if f.formula:
            return QLabel(self)
        if f.type == "longtext":
            edit = route_undo_to_window(QPlainTextEdit(self))
            edit.setTabChangesFocus(True)
            edit.setUndoRedoEnabled(False)  # one undo history: the window's
            lines = edit.fontMetrics().lineSpacing()  # 4 to 9 lines: the form stays a form
            edit.setMinimumHeight(lines * 4 + 12)
            edit.setMaximumHeight(lines * 9 + 12)
            edit.textChanged.connect(lambda a=address, e=edit: self._typed(a, e.toPlainText()))
            return edit
        if f.type == "choice":
            # imported here: PySide builds a class when it is first named (~1.5 ms for this one),
            # and the start-up form (基本信息) has no choice
            from PySide6.QtWidgets import QComboBox
            combo = QComboBox(self)
            combo.addItem("（请选择）", None)
            for option in f.options:
                combo.addItem(option, option)
            combo.activated.connect(lambda _=None, a=address, c=combo: self._typed(a, c.currentData()))
            return combo
        if f.type in NUMERIC_TYPES:
            edit = route_undo_to_window(number_edit(self))
        else:
            edit = route_undo_to_window(QLineEdit(self))
            if f.max_length:
                edit.setMaxLength(max(f.max_length * 2, f.max_length))  # 审核 warns; never cut a paste short
        edit.setPlaceholderText(f.placeholder or ("如：2022年3月1日" if f.type == "date" else ""))
        edit.textEdited.connect(lambda text, a=address: self._typed(a, text))
        return edit

    def _typed(self, address: str, value) -> None:
        if not self._loading:
            self.controller.edit(address, value if value not in ("",) else None)

    _loading = False

    def reload(self) -> None:
        """Show the session's values (after open, undo, redo); a widget already
        showing the value is left alone, so the cursor does not jump."""
        self._loading = True
        try:
            numbers = self.controller.result.values.numbers
            for f in self.group.fields:
                editor = self.editors[f.id]
                value = self.controller.value(f"fields.{f.id}") or ""
                if isinstance(editor, QLabel):
                    editor.setText(fmt.money(numbers.get(f.id)) if f.type == "money" else fmt.score(numbers.get(f.id)))
                elif isinstance(editor, QPlainTextEdit):
                    if editor.toPlainText() != value:
                        editor.setPlainText(value)
                elif f.type == "choice":              # a QComboBox (_editor)
                    editor.setCurrentIndex(max(editor.findData(value or None), 0))
                elif editor.text() != value:
                    editor.setText(value)
                if f.id in self.counters:
                    self._count(self.counters[f.id], len(value), f.max_length)
            self.show_findings()
        finally:
            self._loading = False

    def show_findings(self) -> None:
        """The error marks; none until 审核 has run (just after the window's first frame)."""
        result = self.controller.result
        if result.checked:
            for f in self.group.fields:
                set_error(self.editors[f.id], [x.message for x in result.findings
                                                if x.field == f"fields.{f.id}" and x.severity == "error"])

    @staticmethod
    def _count(counter: QLabel, used: int, limit: int) -> None:
        over = used > limit
        text = f"已写 {used} 字，限 {limit} 字" + (f"，超出 {used - limit} 字" if over else "")
        if counter.text() != text:
            counter.setText(text)
            counter.setStyleSheet("color: #c0392b;" if over else "")

    def refresh(self, change) -> None:
        self.reload()

    def focus(self, address: str) -> bool:
        a = Address.parse(address)
        editor = self.editors.get(a.id) if a.kind == "fields" else None
        if editor is None:
            return False
        from PySide6.QtCore import Qt
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

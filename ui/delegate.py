"""Cell editors for the indicator tree and the money grids, bounded by what the
model says (EDITOR_ROLE): a number with limits, a band list, free text, or
long text (指标值, 完成值, 偏差原因) in a box larger than the cell that wraps its
words: Enter or Ctrl+Enter keeps it, Shift+Enter or Alt+Enter starts a new line.

Every keystroke is committed at once (textEdited → commitData), so the score
panel moves before Enter. Enter and Tab always leave the cell: text on its way
to a number ("1,") is stored as typed and 审核 marks it, rather than keeping the
clerk in the cell (Qt's own filter does that when a validator is not satisfied).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QRect, Qt
from PySide6.QtWidgets import (QAbstractItemDelegate, QComboBox, QLineEdit, QPlainTextEdit, QStyledItemDelegate,
                               QStyleOptionViewItem)

from .undo_keys import route_undo_to_window
from .validators import number_edit, unit_edit

EDITOR_ROLE = Qt.ItemDataRole.UserRole + 1   # ("number", low, high) | ("text",) | ("longtext",) | ("band", [...]) | ("unit",)
LONG_EDITOR_CHARS, LONG_EDITOR_LINES = 26, 5
MAX_LINES = 3   # a wrapped cell grows to at most this many lines


class CellDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.open_editors: dict[QLineEdit | QComboBox, QModelIndex] = {}

    def createEditor(self, parent, option, index):
        spec = index.data(EDITOR_ROLE) or ("text",)
        if spec[0] == "longtext":
            editor = route_undo_to_window(QPlainTextEdit(parent))
            editor.setUndoRedoEnabled(False)   # one undo history: the window's
            editor.setTabChangesFocus(True)
            editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            editor.textChanged.connect(lambda e=editor: self._typed_long(e))
            from .table_edit import BlockPasteInEditor  # (it imports this module)
            editor.installEventFilter(BlockPasteInEditor(self.parent(), editor))
        elif spec[0] == "band":
            editor = QComboBox(parent)
            for value, label in spec[1]:
                editor.addItem(label, value)
            editor.activated.connect(lambda _=None, e=editor: self.commitData.emit(e))
        else:
            score = spec[0] == "number" and spec[2] is not None
            editor = route_undo_to_window(number_edit(parent, spec[1], spec[2], score=score, warn_above=score)
                                          if spec[0] == "number" else unit_edit(parent) if spec[0] == "unit"
                                          else QLineEdit(parent))
            editor.textEdited.connect(lambda _=None, e=editor: self.commitData.emit(e))
            from .table_edit import BlockPasteInEditor  # (it imports this module)
            editor.installEventFilter(BlockPasteInEditor(self.parent(), editor))
        editor.setFrame(False) if isinstance(editor, QLineEdit) else None
        self.open_editors[editor] = index
        editor.destroyed.connect(lambda _=None, e=editor: self.open_editors.pop(e, None))
        return editor

    def sizeHint(self, option, index):
        view = self.parent()
        if hasattr(view, "wrap_width"):   # a tree asks without the column's width: no wrap otherwise
            option = QStyleOptionViewItem(option)
            option.rect = QRect(0, 0, view.wrap_width(index), option.fontMetrics.lineSpacing())
        hint = super().sizeHint(option, index)
        line = option.fontMetrics.lineSpacing()
        if hint.height() > line * MAX_LINES + 6:
            hint.setHeight(line * MAX_LINES + 6)
        return hint

    def _typed_long(self, editor) -> None:
        if not editor.property("loading"):
            self.commitData.emit(editor)

    def updateEditorGeometry(self, editor, option, index):
        if not isinstance(editor, QPlainTextEdit):
            return super().updateEditorGeometry(editor, option, index)
        room = editor.parentWidget().rect()
        em = option.fontMetrics.horizontalAdvance("中")
        rect = option.rect
        width = min(max(rect.width(), em * LONG_EDITOR_CHARS), room.width())
        height = min(max(rect.height(), option.fontMetrics.lineSpacing() * LONG_EDITOR_LINES + 10), room.height())
        x = max(room.left(), min(rect.left(), room.right() - width))
        y = max(room.top(), min(rect.top(), room.bottom() - height))
        editor.setGeometry(x, y, width, height)

    def eventFilter(self, editor, event):
        if isinstance(editor, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if mods & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier):
                editor.insertPlainText("\n")
                return True
            H = QAbstractItemDelegate.EndEditHint
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, H.NoHint if mods & Qt.KeyboardModifier.ControlModifier else H.SubmitModelCache)
            return True
        if isinstance(editor, QLineEdit) and event.type() == QEvent.Type.KeyPress and not event.modifiers() & ~(
                Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier):
            H = QAbstractItemDelegate.EndEditHint
            hint = {Qt.Key.Key_Tab: H.EditNextItem, Qt.Key.Key_Backtab: H.EditPreviousItem,
                    Qt.Key.Key_Return: H.SubmitModelCache, Qt.Key.Key_Enter: H.SubmitModelCache}.get(event.key())
            if hint is not None:
                if hint == H.EditNextItem and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    hint = H.EditPreviousItem
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, hint)
                return True
        return super().eventFilter(editor, event)

    def setEditorData(self, editor, index):
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            i = editor.findData(text)
            editor.setCurrentIndex(max(i, 0))
        elif isinstance(editor, QPlainTextEdit):
            if editor.toPlainText() != text:
                editor.setProperty("loading", True)
                editor.setPlainText(text)
                editor.setProperty("loading", False)
                editor.selectAll()   # as in the one-line cells: a key typed over the cell replaces it
        elif editor.text() != text:
            editor.setText(text)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData() or None)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText())
        else:
            model.setData(index, editor.text())

    def sync_editors(self) -> None:
        """After undo/redo an open editor must show the value again, or closing it
        would write the old text back."""
        for editor, index in list(self.open_editors.items()):
            if index.isValid():
                self.setEditorData(editor, index)

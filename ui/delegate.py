"""Cell editors for the indicator tree and the money grids, bounded by what the
model says (EDITOR_ROLE): a number with limits, a band list, or free text.

Every keystroke is committed at once (textEdited → commitData), so the score
panel moves before Enter.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate

from .undo_keys import route_undo_to_window
from .validators import number_edit

EDITOR_ROLE = Qt.ItemDataRole.UserRole + 1   # ("number", low, high) | ("text",) | ("band", [(value, label)])


class CellDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.open_editors: dict[QLineEdit | QComboBox, QModelIndex] = {}

    def createEditor(self, parent, option, index):
        spec = index.data(EDITOR_ROLE) or ("text",)
        if spec[0] == "band":
            editor = QComboBox(parent)
            for value, label in spec[1]:
                editor.addItem(label, value)
            editor.activated.connect(lambda _=None, e=editor: self.commitData.emit(e))
        else:
            editor = route_undo_to_window(number_edit(parent, spec[1], spec[2], score=spec[2] is not None)
                                          if spec[0] == "number" else QLineEdit(parent))
            editor.textEdited.connect(lambda _=None, e=editor: self.commitData.emit(e))
        editor.setFrame(False) if isinstance(editor, QLineEdit) else None
        self.open_editors[editor] = index
        editor.destroyed.connect(lambda _=None, e=editor: self.open_editors.pop(e, None))
        return editor

    def setEditorData(self, editor, index):
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            i = editor.findData(text)
            editor.setCurrentIndex(max(i, 0))
        elif editor.text() != text:
            editor.setText(text)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData() or None)
        else:
            model.setData(index, editor.text())

    def sync_editors(self) -> None:
        """After undo/redo an open editor must show the value again, or closing it
        would write the old text back."""
        for editor, index in list(self.open_editors.items()):
            if index.isValid():
                self.setEditorData(editor, index)

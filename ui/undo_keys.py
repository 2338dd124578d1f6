"""Ctrl+Z / Ctrl+Y in the draft's text boxes go to the window's one undo stack.

A QLineEdit or QPlainTextEdit accepts the ShortcutOverride for Undo/Redo, so the
window's action would never fire. The filter is installed on each such box, not
on the application: an application-wide Python filter wraps every event of the
program in Python and cost about 150 ms at start-up alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence

_SHORTCUT_OVERRIDE = QEvent.Type.ShortcutOverride
_UNDO, _REDO = QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo


class _ToWindowUndo(QObject):
    def eventFilter(self, obj, event):
        if event.type() == _SHORTCUT_OVERRIDE and (event.matches(_UNDO) or event.matches(_REDO)):
            return True  # left unaccepted: the shortcut goes to the window's action
        return False


def route_undo_to_window(edit):
    """Install the filter on one text box (it is the filter's parent, so both go together)."""
    edit.installEventFilter(_ToWindowUndo(edit))
    return edit

"""Dialogs of the window."""

from __future__ import annotations


def ok_cancel(dialog, ok_text: str):
    """The 确定/取消 row in Chinese, wired to the dialog's accept and reject."""
    from PySide6.QtWidgets import QDialogButtonBox
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons

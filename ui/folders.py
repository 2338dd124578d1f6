"""文件 → 打开文件夹. The list window (ui/folder_view.py) is imported on first use,
not at start-up; the window keeps the folder windows it opened."""

from __future__ import annotations

import os


class FolderActions:
    def __init__(self, window):
        self.window = window
        self.open_windows: list = []

    def open(self, folder: str | None = None):
        from PySide6.QtWidgets import QFileDialog, QMessageBox   # here: the first frame needs neither
        if folder is None:
            from .files import documents_dir
            folder = QFileDialog.getExistingDirectory(self.window, "打开草稿文件夹", documents_dir())
            if not folder:
                return None
        if not os.path.isdir(folder):
            QMessageBox.warning(self.window, "打开文件夹", f"“{folder}”不是文件夹或不存在")
            return None
        from .folder_view import FolderWindow
        view = FolderWindow(self.window, folder)
        self.open_windows.append(view)
        view.show()
        view.start()
        return view

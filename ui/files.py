"""新建, 打开, 保存, 另存为, recent drafts, recovery, and asking before losing work."""

from __future__ import annotations

import os
from pathlib import Path

from core.errors import DraftError, SaveError, TemplateError
from core.session import Session

from . import settings

# QMessageBox, QFileDialog and QStandardPaths are imported where they are used: PySide
# builds each class on first use (~5 ms for these), and the first frame uses none.

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "gd-huadu-xinfang-2021.json"
DRAFT_FILTER = "绩效自评草稿 (*.json);;所有文件 (*)"


def ask_save_changes(parent, name: str, verb: str) -> str:
    """'save' | 'discard' | 'cancel' (a function, so tests can answer it)."""
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox(QMessageBox.Icon.Warning, verb, f"“{name}”有尚未保存的修改。{verb}前要保存吗？", parent=parent)
    save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    return "save" if box.clickedButton() is save else "discard" if box.clickedButton() is discard else "cancel"


def open_draft(path: str):
    """core.opening.open_draft, parsing only the draft's own template (start-up time)."""
    from core.opening import attach
    from core.registry import scan
    from core.store import read_draft
    draft = read_draft(path)
    try:
        return attach(draft, path, scan(only=draft.template.id))
    except DraftError:
        return attach(draft, path, scan())  # not installed: the message lists what is


def documents_dir() -> str:
    from PySide6.QtCore import QStandardPaths
    return settings.get("last_dir") or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


class FileActions:
    def __init__(self, window):
        self.window = window
        self.last_error = ""

    @property
    def controller(self):
        return self.window.controller

    # -- opening -----------------------------------------------------------------------
    def open_path(self, path: str, show_errors: bool = True) -> bool:
        try:
            opened = open_draft(path)
        except (DraftError, TemplateError) as exc:
            self.last_error = str(exc)
            if show_errors:
                from PySide6.QtWidgets import QMessageBox
                QMessageBox.warning(self.window, "无法打开草稿", str(exc))
            if not os.path.exists(path):
                settings.forget(path)
            return False
        self.controller.load(Session(opened.template, opened.draft, os.path.abspath(path)))
        settings.remember(path)
        self.window.update_title()
        if opened.notices:
            from PySide6.QtWidgets import QMessageBox
            QMessageBox.information(self.window, "打开草稿", "\n\n".join(opened.notices))
        return True

    def open_sample(self) -> bool:
        """The sample opens as an unsaved copy, so 保存 never overwrites the shipped file."""
        opened = open_draft(str(SAMPLE))
        self.window.untitled_name = "示例草稿（未保存）"
        self.controller.load(Session(opened.template, opened.draft, None))
        self.window.update_title()
        return True

    def open(self) -> None:
        if not self.confirm_discard("打开"):
            return
        from PySide6.QtWidgets import QFileDialog
        path, _ = QFileDialog.getOpenFileName(self.window, "打开草稿", documents_dir(), DRAFT_FILTER)
        if path:
            self.open_path(path)

    def new(self) -> None:
        if not self.confirm_discard("新建"):
            return
        from .dialogs.new_draft import NewDraftDialog
        dialog = NewDraftDialog(self.window)
        if not dialog.exec():
            return
        session = dialog.session()
        if session is not None:
            self.window.untitled_name = "未命名草稿"
            self.controller.load(session, modified=True)
            self.window.update_title()

    def import_excel(self) -> None:
        from .excel_import import import_excel
        import_excel(self.window)

    def fill_recent(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        paths = settings.recent()
        for path in paths:
            action = menu.addAction(os.path.basename(path))
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self.confirm_discard("打开") and self.open_path(p))
        if not paths:
            menu.addAction("（无）").setEnabled(False)

    # -- saving ------------------------------------------------------------------------
    def save(self) -> bool:
        if self.controller.session.path is None:
            return self.save_as()
        return self._save_to(self.controller.session.path)

    def save_as(self) -> bool:
        from PySide6.QtWidgets import QFileDialog
        path, _ = QFileDialog.getSaveFileName(self.window, "另存为", os.path.join(documents_dir(), self.default_name()),
                                              DRAFT_FILTER)
        if not path:
            return False
        if not path.lower().endswith(".json"):
            path += ".json"
        return self._save_to(path)

    def default_name(self) -> str:
        from core.outputs import safe_name
        session = self.controller.session
        t, fields = session.template, session.draft.fields
        year = t.role_value(fields, "year")
        who = t.role_value(fields, "project") or t.role_value(fields, "unit")
        return safe_name(f"{year}年度{who}绩效自评草稿" if who else "绩效自评草稿") + ".json"

    def _save_to(self, path: str) -> bool:
        try:
            self.controller.save(path)
        except SaveError as exc:
            from PySide6.QtWidgets import QMessageBox
            QMessageBox.warning(self.window, "保存失败", str(exc))
            return False
        settings.remember(path)
        self.window.update_title()
        self.window.statusBar().showMessage(f"已保存到 {path}", 8000)
        return True

    def confirm_discard(self, verb: str) -> bool:
        """True when it is fine to replace the open draft (saved, or the clerk said so)."""
        if not self.controller.is_modified():
            return True
        s = self.controller.session
        name = os.path.basename(s.path) if s.path else getattr(self.window, "untitled_name", "未命名草稿")
        answer = ask_save_changes(self.window, name, verb)
        if answer == "save":
            return self.save()
        return answer == "discard"

    # -- after a crash -----------------------------------------------------------------
    def recover(self, entry) -> bool:
        """Open a journal entry as the draft it was, marked unsaved; its old journal
        file goes once the new session has written its own."""
        from core.opening import attach
        from core.registry import scan
        try:
            opened = attach(entry.draft, entry.draft_path or "（自动保存）", scan())
        except (DraftError, TemplateError) as exc:
            from PySide6.QtWidgets import QMessageBox
            QMessageBox.warning(self.window, "无法恢复", str(exc))
            return False
        session = Session(opened.template, opened.draft, entry.draft_path)
        self.window.untitled_name = "恢复的草稿（未保存）"
        self.controller.load(session, modified=True)
        written = self.controller.emergency_save()
        if written and Path(written) != Path(entry.file):
            Path(entry.file).unlink(missing_ok=True)
        self.window.update_title()
        return True

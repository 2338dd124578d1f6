"""Window fixtures. Qt runs offscreen and JXZP_DATA_DIR (hence the journal, the
log and the window's settings.ini) is a fresh temporary folder (tests/conftest.py).
Modal message boxes would block a test, so they are answered and recorded here."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QApplication

from tests.conftest import SAMPLE

# Widgets need a QApplication. The exporter tests, collected alongside, make a
# bare QGuiApplication for headless PDF output when none exists; Qt allows one
# application object per process, so make the widget-capable one first (at
# collection, before any test runs).
if QApplication.instance() is None:
    QApplication(["jxzp-tests"])


@pytest.fixture
def messages(monkeypatch):
    """Every QMessageBox.warning/information/question shown, as (title, text)."""
    from PySide6.QtWidgets import QMessageBox
    shown: list[tuple[str, str]] = []

    def record(answer):
        def box(parent, title, text, *args, **kwargs):
            shown.append((title, text))
            return answer
        return box
    monkeypatch.setattr(QMessageBox, "warning", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", record(QMessageBox.StandardButton.Yes))
    monkeypatch.setattr("ui.files.ask_save_changes", lambda *a: "discard")
    return shown


@pytest.fixture
def draft_copy(tmp_path):
    """The sample as the clerk's own file, so 保存 has somewhere to go."""
    path = tmp_path / "花都信访局2021.json"
    shutil.copyfile(SAMPLE, path)
    return path


@pytest.fixture
def make_window(qtbot, messages):
    from shiboken6 import isValid

    from ui.launch import make_app
    from ui.main_window import MainWindow
    make_app()
    made = []

    def make(path=None):
        window = MainWindow()
        made.append(window)
        if path is None:
            window.files.open_sample()
        else:
            assert window.files.open_path(str(path)), window.files.last_error
        window.show()
        qtbot.waitExposed(window)
        return window
    yield make
    for window in made:  # no window outlives its test (each would be re-polished, kept alive …)
        if isValid(window):
            window.close()
            window.deleteLater()
    qtbot.wait(1)


@pytest.fixture
def window(make_window, draft_copy):
    return make_window(draft_copy)


def total_text(window) -> str:
    return window.score_panel.total.text().split(" ")[0]


def type_chinese(widget, text: str) -> None:
    """What an input method does when the clerk picks a word: commit it to the widget."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def new_draft_dialog(qtbot, template_id: str | None = None, old_path=None):
    """The 新建 dialog with a template chosen and, when given, last year's file as the base."""
    from ui.dialogs.new_draft import NewDraftDialog
    dialog = NewDraftDialog()
    qtbot.addWidget(dialog)
    if template_id:
        ids = [dialog.templates.item(i).data(256) for i in range(dialog.templates.count())]
        dialog.templates.setCurrentRow(ids.index(template_id))
    if old_path is not None:
        dialog.carry.setChecked(True)
        dialog.old_path.setText(str(old_path))
    return dialog

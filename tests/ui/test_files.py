"""Saving, reopening, autosave, recovery after a crash, start-up choices, the
crash hook and export, all through the window."""

from __future__ import annotations

import json
import os
import sys

import shutil

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.conftest import SAMPLE
from tests.ui.conftest import total_text


def test_save_and_reopen_gives_the_same_values(qtbot, make_window, draft_copy):
    window = make_window(draft_copy)
    c = window.controller
    c.edit("indicators.t2_cases.score", "8")
    c.edit("grids.spending.project.actual", "480.5")
    c.edit("fields.preparer", "张三")
    c.edit("sections.s_problems", "一是……\n二是……")
    assert window.isWindowModified() and window.windowTitle() == "花都信访局2021.json[*] — 绩效自评填报"
    assert window.files.save()
    assert not window.isWindowModified()
    before = c.session.draft.model_dump(exclude={"saved"})
    again = make_window(draft_copy)
    assert again.controller.session.draft.model_dump(exclude={"saved"}) == before
    assert total_text(again) == total_text(window) == "94.4"
    assert again.show_page("group.sign").editors["preparer"].text() == "张三"
    assert os.path.exists(str(draft_copy) + ".bak")


def test_the_sample_opens_as_an_unsaved_copy(qtbot, make_window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog
    window = make_window()
    assert window.controller.session.path is None
    target = tmp_path / "我的草稿"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.files.save()                                  # 保存 asks where: never over the sample
    assert window.controller.session.path == str(target) + ".json"
    assert json.loads(SAMPLE.read_text(encoding="utf-8"))["saved"] is None


def test_autosave_writes_the_journal_and_says_when(qtbot, window):
    from core.store import recoverable
    window.controller.edit("indicators.t2_cases.score", "7")
    assert [e.draft.indicators["t2_cases"].score for e in recoverable()] == ["7"]   # at once, no pause needed
    with qtbot.waitSignal(window.controller.autosaved, timeout=5000):
        pass                                                    # 2 s after the burst of edits
    assert window.autosave_label.text().startswith("已自动保存 ")
    assert [e.draft.indicators["t2_cases"].score for e in recoverable()] == ["7"]
    window.close()                                              # answered 不保存: a clean close
    assert recoverable() == []


def _crash_leaving_a_journal(path=None):
    """A session that edited and autosaved, then died without close()."""
    from core.opening import open_draft
    from core.session import Session
    opened = open_draft(str(path or SAMPLE))
    session = Session(opened.template, opened.draft, str(path) if path else None)
    session.set("indicators.t2_cases.score", "6")
    session.set("fields.preparer", "李四")
    session.autosave()


def test_recovery_is_offered_after_a_crash_and_restores_the_draft(qtbot, messages, draft_copy):
    from core.store import recoverable
    from ui.dialogs.recovery import RecoveryDialog
    from ui.launch import make_app, start
    from ui.main_window import MainWindow
    _crash_leaving_a_journal(draft_copy)
    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    offered = []

    def answer():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, RecoveryDialog) and w.isVisible())
        offered.append(dialog.list.item(0).text())
        dialog.recover_button.click()
    QTimer.singleShot(200, answer)
    assert start(window, []) == "recovered"
    assert offered and "广州市花都区信访局" in offered[0] and "花都信访局2021.json" in offered[0]
    assert window.controller.value("indicators.t2_cases.score") == "6"
    assert window.controller.value("fields.preparer") == "李四"
    assert window.isWindowModified()                          # not yet in the clerk's file
    assert window.controller.session.path == str(draft_copy)
    assert len(recoverable()) == 1                             # still safe until saved
    window.files.save()
    assert recoverable() == []


def test_declining_recovery_keeps_the_entry_for_later(qtbot, messages, monkeypatch):
    from core.store import recoverable
    from ui import launch
    from ui.main_window import MainWindow
    _crash_leaving_a_journal()
    launch.make_app()
    monkeypatch.setattr(launch, "ask_recovery", lambda entries, parent: ("later", None))
    window = MainWindow()
    qtbot.addWidget(window)
    assert launch.start(window, []) == "start"
    assert len(recoverable()) == 1
    monkeypatch.setattr(launch, "ask_recovery", lambda entries, parent: ("discard", None))
    assert launch.start(window, []) == "start"
    assert recoverable() == []


def test_start_opens_the_argument_then_the_last_draft_then_the_start_page(qtbot, messages, draft_copy, tmp_path):
    from ui import settings
    from ui.launch import make_app, start
    from ui.main_window import MainWindow
    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    assert start(window, []) == "start"                                # first run: the start page
    assert window.controller.session is None and not window.actions_by_name["save"].isEnabled()
    assert start(window, [str(draft_copy)]) == "argument"
    assert settings.recent()[0] == str(draft_copy)
    assert start(window, []) == "recent"
    broken = tmp_path / "坏草稿.json"
    broken.write_text("{\"format\": \"jxzp-draft\", ", encoding="utf-8")
    messages.clear()
    assert start(window, [str(broken)]) == "start"
    assert messages and "文件不完整" in messages[0][1] and "开始页" in messages[0][1]


def test_no_display_prints_how_to_run_and_exits_0(monkeypatch, capsys):
    from ui.launch import launch
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert launch([]) == 0
    out = capsys.readouterr().out
    assert "xvfb-run -a python main.py" in out and "python main.py check" in out and "No display" in out


def test_an_unhandled_error_saves_the_draft_logs_it_and_tells(qtbot, window, monkeypatch):
    from core.paths import log_dir
    from core.store import recoverable
    from ui import crash
    told = []
    monkeypatch.setattr(crash, "_tell", lambda *a: told.append(a))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)     # restored after the test
    hook = crash.install(lambda: window.controller)
    window.controller.session.set("fields.preparer", "王五")
    try:
        raise ZeroDivisionError("测试用的错误")
    except ZeroDivisionError:
        hook(*sys.exc_info())
    assert told
    assert "测试用的错误" in (log_dir() / crash.LOG_NAME).read_text(encoding="utf-8")
    assert [e.draft.fields["preparer"] for e in recoverable()] == ["王五"]


def test_closing_with_unsaved_changes_asks(qtbot, window, monkeypatch):
    window.controller.edit("fields.preparer", "赵六")
    monkeypatch.setattr("ui.files.ask_save_changes", lambda *a: "cancel")
    assert not window.close()
    monkeypatch.setattr("ui.files.ask_save_changes", lambda *a: "discard")
    assert window.close()


def test_the_pdf_action_writes_a_pdf(qtbot, window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog
    from ui import exporting
    target = tmp_path / "自评表"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    done = []
    monkeypatch.setattr(exporting, "show_done", lambda parent, written, renamed, wanted: done.append(written))
    window.actions_by_name["export_pdf"].trigger()
    qtbot.waitUntil(lambda: window.exports.last is not None, timeout=60_000)
    assert done, window.exports.last
    assert done[0].name == "自评表.pdf"
    assert done[0].read_bytes().startswith(b"%PDF")


def test_a_missing_exporter_is_a_clear_message(qtbot, window, monkeypatch, messages):
    import builtins
    from PySide6.QtWidgets import QFileDialog
    real_import = builtins.__import__

    def no_word(name, *args, **kwargs):
        if name == "exporters.word":
            raise ModuleNotFoundError("No module named 'exporters.word'", name="exporters.word")
        return real_import(name, *args, **kwargs)
    monkeypatch.setattr(builtins, "__import__", no_word)
    monkeypatch.setattr("importlib.import_module", lambda name, package=None: no_word(name))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("/tmp/x.docx", ""))
    window.exports.export("docx", ask=False, path=None)
    qtbot.waitUntil(lambda: window.exports.last is not None, timeout=10_000)
    assert any("Word 输出功能尚未安装" in text for _, text in messages)


def test_opening_a_draft_parses_only_its_own_template_and_matches_a_full_scan(monkeypatch):
    from core import registry
    from core.opening import open_draft as full_open
    from ui.files import open_draft
    loaded = []
    real = registry.load_template
    monkeypatch.setattr(registry, "load_template", lambda folder: loaded.append(folder.name) or real(folder))
    quick = open_draft(str(SAMPLE))
    assert loaded == ["gd-dept-overall"]                        # hn-…, mof-… left unparsed
    full = full_open(str(SAMPLE))
    assert (quick.template.id, quick.template.version, quick.draft) == (full.template.id, full.template.version,
                                                                        full.draft)


def test_print_paints_the_pages_onto_a_printer(qtbot, window, tmp_path):
    from PySide6.QtPrintSupport import QPrinter
    paint = window.exports._printing()                 # what 打印预览 and 打印 hand to Qt
    printer = window.exports._printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = paint(printer)
    assert pages >= 1
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")


def test_new_draft_from_last_years_draft_carries_forward(qtbot, messages):
    from tests.ui.conftest import new_draft_dialog
    session = new_draft_dialog(qtbot, "gd-dept-overall", SAMPLE).session()
    assert session.path is None
    assert session.draft.fields["year"] == "2022"
    assert session.draft.fields["unit_name"] == "广州市花都区信访局"
    from core.template import walk_indicators
    assert "t2_cases" in {n.id for _, n in walk_indicators(session.tree)}        # own rows carried
    assert not session.draft.indicators.get("t2_cases") or not session.draft.indicators["t2_cases"].score


def test_the_window_starts_without_the_export_libraries_or_the_yaml_parser(tmp_path):
    """What start-up must not pay for (issue: 'import openpyxl/docx/docxtpl only when exporting')."""
    import subprocess
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    code = ("import os, runpy, sys\n"
            "sys.argv = ['main.py']\n"
            "try:\n    runpy.run_path('main.py', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "heavy = ('openpyxl', 'docx', 'docxtpl', 'jinja2', 'lxml', 'yaml', 'pydantic',\n"
            "         'ui.exporting', 'exporters', 'PySide6.QtPrintSupport')\n"
            "print('LOADED', sorted(m for m in heavy if m in sys.modules))\n")
    env = dict(os.environ, JXZP_EXIT_WHEN_READY="1", JXZP_DATA_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(root))
    out = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert "ready" in out.stdout, out.stderr[-2000:]
    assert "LOADED []" in out.stdout, out.stdout


def test_print_preview_opens_showing_every_page_and_closes(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtGui import QImage
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
    from PySide6.QtWidgets import QGraphicsView, QLabel
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda self: pytest.fail("打印预览 must not block in exec()"))
    printer = window.exports._printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    expected = window.exports._printing()(printer)          # the pages the printer would get
    window.actions_by_name["preview"].trigger()             # returns at once: the dialog is open(), not exec()
    dialog = window.exports.preview_dialog
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == "打印预览"
    room = window.screen().availableGeometry()                # offscreen: 800×600, smaller than the dialog wants
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    preview = dialog.findChild(QPrintPreviewWidget)
    assert expected >= 2 and preview.pageCount() == expected
    assert [label.text() for label in dialog.findChildren(QLabel)] == [f"/ {expected}"]
    view = preview.findChild(QGraphicsView)
    pages = view.scene().items()
    assert len(pages) == expected
    first = view.mapFromScene(min(pages, key=lambda p: p.sceneBoundingRect().top()).sceneBoundingRect()).boundingRect()
    inside = first.adjusted(first.width() // 8, first.height() // 8, -first.width() // 8, -first.height() // 8)
    image = view.viewport().grab(inside).toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    bits, stride = bytes(image.constBits()), image.bytesPerLine()   # rows are padded to 4 bytes
    darkest = min(min(bits[y * stride:y * stride + image.width()]) for y in range(image.height()))
    assert darkest < 80                                         # ink on the first page: painted, not blank
    dialog.close()
    qtbot.waitUntil(lambda: window.exports.preview_dialog is None)   # deleted on close, its printer with it


def test_a_print_layout_that_fails_is_told_to_the_clerk_not_shown_blank(qtbot, window, messages, monkeypatch):
    import exporters.printing
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    def broken(template, ctx, printer):
        raise OSError("无法开始打印（打印机或 PDF 文件不可用）")
    monkeypatch.setattr(exporters.printing, "print_document", broken)
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda self: pytest.fail("打印预览 must not block in exec()"))
    window.actions_by_name["preview"].trigger()
    qtbot.waitUntil(lambda: any(title == "打印失败" for title, _ in messages))
    text = next(text for title, text in messages if title == "打印失败")
    assert "无法开始打印" in text and "草稿没有受影响" in text
    assert isinstance(window.exports.last, OSError)
    window.exports.preview_dialog.close()


def test_the_findings_list_keeps_its_height_after_opening_drafts_one_after_another(qtbot, window, tmp_path):
    """The splitter's sizes were set while the old panels were still in it: after 打开 the
    审核 list had 0 px and F7 found '8 个错误' that nobody could see."""
    other = tmp_path / "湘.json"
    shutil.copyfile(SAMPLE.parent / "hn-daxiang-2021.json", other)
    for path in (other, SAMPLE, other):
        assert window.files.open_path(str(path)), window.files.last_error
        qtbot.wait(20)
        assert window.side.count() == 2
        assert window.findings.height() >= 120, window.side.sizes()
        assert window.findings.list.count() > 0 and window.findings.isVisible()


def test_the_score_panel_says_what_is_missing_and_that_the_audit_failed(qtbot, window):
    c = window.controller
    c.edit("indicators.t2_cases.score", "12")   # a 10-point row
    text = window.score_panel.status.text()
    assert "审核未通过" in text and "个错误" in text
    # 9.5 → 12 in a 10-point row counts as 10: 95.9 + 0.5, not + 2.5 (98.4 was printed before)
    assert total_text(window) == "96.4"
    c.edit("indicators.t2_cases.score", "")
    assert "尚有 1 项未评分" in window.score_panel.status.text()


def test_discard_all_asks_first_and_no_keeps_everything(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from core.store import recoverable
    from ui.dialogs.recovery import RecoveryDialog
    from ui.launch import make_app
    _crash_leaving_a_journal()
    make_app()
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.No)
    dialog = RecoveryDialog(recoverable())
    qtbot.addWidget(dialog)
    dialog.discard_button.click()
    assert asked and "丢弃全部 1 份" in asked[0] and "无法恢复" in asked[0]
    assert dialog.choice == "later" and dialog.result() == 0          # not closed, nothing chosen
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    dialog.discard_button.click()
    assert dialog.choice == "discard"


def test_printing_a_draft_beyond_the_print_limits_is_refused_with_the_limits(qtbot, window, messages, monkeypatch):
    """The same stated limit as the PDF export: the preview would otherwise lay out for minutes."""
    import exporters.api
    monkeypatch.setattr(exporters.api, "PDF_MAX_TEXT", 10)
    assert window.exports._printing() is None
    text = next(text for title, text in messages if title == "打印")
    assert "打印稿未生成" in text and "10 个字符" in text

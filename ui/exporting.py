"""打印预览, 打印, 导出 Word / Excel / PDF through the exporters.

The heavy libraries load only here, on first use. An export builds one render
context from the session's current evaluation (never evaluating again) and
writes it in a worker thread (PDF, which paints with Qt, in this thread), under
a progress dialog; the finished job is signalled back to the window's thread.
A locked target gets the next free name and the clerk is told.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog

from . import appearance
from .files import documents_dir

EXTENSIONS = {"docx": ("Word 文档 (*.docx)", ".docx"), "xlsx": ("Excel 工作簿 (*.xlsx)", ".xlsx"),
              "pdf": ("PDF 文件 (*.pdf)", ".pdf"), "xmlss": ("Excel 2003 XML 表格 (*.xml)", ".xml")}
MODULE_NAMES = {"docx": "Word", "xlsx": "Excel", "pdf": "PDF", "printing": "打印", "xmlss": "一体化系统导入格式"}


def missing_feature(fmt: str, exc: ModuleNotFoundError) -> str:
    return f"{MODULE_NAMES.get(fmt, fmt)} 输出功能尚未安装（缺少模块 {exc.name}），请使用完整版本的程序。"


def show_done(parent, written: Path, renamed: bool, wanted: str) -> None:
    """Tell where the file went; offer its folder (a function, so tests can replace it)."""
    note = (f"原文件“{os.path.basename(wanted)}”正被其他程序（如 WPS、Word）占用，未覆盖它，已改存为：\n{written}"
            if renamed else f"已导出到：\n{written}")
    box = QMessageBox(QMessageBox.Icon.Information, "导出完成", note, parent=parent)
    folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    open_file = box.addButton("打开文件", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.parent)))
    elif box.clickedButton() is open_file:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))


class ExportActions:
    def __init__(self, window):
        self.window = window
        self.pool = None      # a one-thread executor, made on the first export
        self.running = None   # the export under way (a Future)
        self.last: tuple | None = None   # (written, renamed) or the exception, for tests and the status bar
        self.preview_dialog = None       # the open 打印预览, if any
        self.relay = None                # made with the first export

    @property
    def controller(self):
        return self.window.controller

    def export_docx(self):
        self.export("docx")

    def export_xlsx(self):
        self.export("xlsx")

    def export_pdf(self):
        self.export("pdf")

    def export_xmlss(self):
        self.export("xmlss")

    # -- 审核 before output --------------------------------------------------------------
    def check_first(self, verb: str) -> bool:
        errors = self.controller.result.errors
        if not errors:
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, verb,
                          f"审核发现 {len(errors)} 个错误，例如：\n{errors[0].message}\n\n仍要{verb}吗？", parent=self.window)
        go = box.addButton(f"仍然{verb}", QMessageBox.ButtonRole.AcceptRole)
        fix = box.addButton("先去修改", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(fix)
        box.exec()
        if box.clickedButton() is go:
            return True
        self.window.focus_address(errors[0].field)
        return False

    # -- export ---------------------------------------------------------------------------
    def export(self, fmt: str, path: str | None = None, ask: bool = True) -> None:
        if self.running is not None:
            return
        if ask and not self.check_first("导出"):
            return
        s = self.controller.session
        try:
            from exporters.api import export as render, file_stem
            from exporters.context import build
            from core.outputs import write_export
            # The session's result is the draft's current evaluation: built into one
            # context (plain data, so the worker may read it while the clerk types on),
            # it serves the file name, the format and the PDF's font check.
            ctx = build(s.template, s.draft, s.result)
            stem = file_stem(ctx)
        except Exception as exc:  # noqa: BLE001 - a broken layout must not take the window down
            QMessageBox.warning(self.window, "导出", f"无法准备导出：{exc}")
            return
        if path is None:
            label, ext = EXTENSIONS[fmt]
            folder = os.path.dirname(s.path) if s.path else documents_dir()
            path, _ = QFileDialog.getSaveFileName(self.window, f"导出 {MODULE_NAMES[fmt]}",
                                                  os.path.join(folder, stem + ext), label)
            if not path:
                return
            if not path.lower().endswith(ext):
                path += ext
        template = s.template

        def job():
            removed: list[str] = []   # formulas/fields of the layout reaching outside the file, taken out
            output = render(fmt, template, ctx, notices=removed)
            return (*write_export(path, output.data), "\n".join(filter(None, [*removed, output.note])) or None)

        self._run(job, fmt, path, threaded=fmt != "pdf")

    def _run(self, job, fmt: str, wanted: str, threaded: bool) -> None:
        from concurrent.futures import Future, ThreadPoolExecutor  # not at start-up
        progress = QProgressDialog(f"正在导出 {MODULE_NAMES[fmt]}…", "", 0, 0, self.window)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setValue(0)
        if self.relay is None:      # the job's end, told to this (the GUI) thread by a queued signal
            self.relay = _Relay(self.window)
            self.relay.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self._pending = (progress, fmt, wanted)
        if threaded:
            self.pool = self.pool or ThreadPoolExecutor(max_workers=1, thread_name_prefix="export")
            self.running = self.pool.submit(job)
        else:
            QApplication.processEvents()
            self.running = Future()
            try:
                self.running.set_result(job())
            except Exception as exc:  # noqa: BLE001 - reported to the clerk below
                self.running.set_exception(exc)
        self.running.add_done_callback(self.relay.done.emit)    # runs in the worker thread

    def _done(self, future) -> None:
        progress, fmt, wanted = self._pending
        progress.close()
        self.running = None
        self._finish(future, fmt, wanted)

    def _finish(self, future, fmt: str, wanted: str) -> None:
        exc = future.exception()
        if exc is None:
            written, renamed, note = future.result()
            self.last = (written, renamed)
            self.window.statusBar().showMessage(f"已导出 {written}", 10_000)
            if note:  # characters no font here can draw, or links taken out of the layout: say so
                QMessageBox.warning(self.window, f"导出 {MODULE_NAMES[fmt]}", note)
            show_done(self.window, Path(written), renamed, wanted)
            return
        self.last = exc
        if isinstance(exc, ModuleNotFoundError) and (exc.name or "").startswith("exporters"):
            QMessageBox.information(self.window, "导出", missing_feature(fmt, exc))
        else:
            QMessageBox.warning(self.window, "导出失败", f"导出 {MODULE_NAMES[fmt]} 未成功：{exc}")

    # -- printing --------------------------------------------------------------------------
    def _printing(self):
        """审核 first, then the painter for a printer, or None."""
        if not self.check_first("打印"):
            return None
        try:
            from exporters.printing import print_document
        except ModuleNotFoundError as exc:
            QMessageBox.information(self.window, "打印", missing_feature("printing", exc))
            return None
        from exporters.context import build
        s = self.controller.session
        ctx = build(s.template, s.draft, s.result)
        from exporters.api import TooLarge, check_print_size
        try:  # the same stated limit as the PDF: laying out a huge draft would not finish
            check_print_size(s.template, ctx, "打印稿")
        except TooLarge as exc:
            QMessageBox.warning(self.window, "打印", str(exc))
            return None

        def paint(printer):
            # Qt calls this (preview) or we do (print): a broken print layout or a printer
            # error is told to the clerk, not left as a blank preview or a crash report.
            try:
                return print_document(s.template, ctx, printer)
            except Exception as exc:  # noqa: BLE001 - reported to the clerk below
                self.last = exc
                text = f"打印稿未能生成：{exc}\n\n草稿没有受影响，可以先导出 Word 或 Excel。"
                QTimer.singleShot(0, lambda: QMessageBox.warning(self.window, "打印失败", text))
                return 0
        return paint

    def _printer(self):
        from PySide6.QtGui import QPageSize
        from PySide6.QtPrintSupport import QPrinter
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        return printer

    def preview(self):
        paint = self._printing()
        if paint is None:
            return
        from PySide6.QtPrintSupport import QPrintPreviewDialog
        printer = self._printer()
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle("打印预览")
        dialog.paintRequested.connect(paint)
        # within the screen, or fit-to-window zoom sizes the page to a window running off it
        appearance.fit_to_screen(dialog, 1000, 800, screen_of=self.window)
        # open(), not exec(): window-modal without a nested event loop. The dialog only
        # points at the printer, so the printer is kept alive with it until it closes.
        self.preview_dialog = dialog
        dialog.destroyed.connect(lambda _=None, p=printer: setattr(self, "preview_dialog", None))
        dialog.open()

    def print(self):
        paint = self._printing()
        if paint is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog
        printer = self._printer()
        dialog = QPrintDialog(printer, self.window)
        if dialog.exec():
            paint(printer)


def long_text_hint(window, change) -> None:
    """A text longer than a table cell of an export holds: say in the status bar
    what the export will do with it (exporters/cell_limits.py, the one place)."""
    if not isinstance(change.new, str):
        return
    from exporters.cell_limits import long_text_note
    note = long_text_note(len(change.new))
    if note:
        window.statusBar().showMessage(note, 20_000)


class _Relay(QObject):
    done = Signal(object)           # the finished Future

"""文件 → 从 Excel 导入: a filled 自评表 (.xlsx/.xls) becomes an unsaved draft, after the
clerk has seen what was read and every cell that could not be placed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMessageBox, QPlainTextEdit, QVBoxLayout

from .dialogs import ok_cancel

EXCEL_FILTER = "Excel 自评表 (*.xlsx *.xls);;所有文件 (*)"


class ImportReportDialog(QDialog):
    """The import report, before anything replaces the open draft."""

    def __init__(self, parent, report):
        super().__init__(parent)
        self.setWindowTitle("从 Excel 导入")
        layout = QVBoxLayout(self)
        head = QLabel("请先看一下读到了什么。按“打开草稿”后得到一份未保存的草稿，原 Excel 文件不会改动。")
        head.setWordWrap(True)
        layout.addWidget(head)
        self.text = QPlainTextEdit("\n".join(report.lines()), self)
        self.text.setReadOnly(True)
        layout.addWidget(self.text, 1)
        layout.addWidget(ok_cancel(self, "打开草稿"))
        self.resize(720, 460)


def confirm(parent, report) -> bool:
    """Shows the report; True when the clerk accepts (a function, so tests can answer it)."""
    return bool(ImportReportDialog(parent, report).exec())


def import_excel(window, path: str | None = None) -> bool:
    from core.session import Session
    from importers.workbook import load_excel

    from .files import documents_dir
    if not window.files.confirm_discard("导入"):
        return False
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, "从 Excel 导入自评表", documents_dir(), EXCEL_FILTER)
        if not path:
            return False
    loaded = load_excel(path)
    if isinstance(loaded, str):
        QMessageBox.warning(window, "无法导入", loaded)
        return False
    draft, report = loaded
    if not confirm(window, report):
        return False
    window.untitled_name = "从 Excel 导入的草稿（未保存）"
    window.controller.load(Session(report.template, draft, None), modified=True)
    window.update_title()
    return True

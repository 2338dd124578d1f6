"""新建: choose a template; optionally start from last year's draft (carry_forward)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout)

from core.errors import DraftError
from core.session import Session

from . import ok_cancel


class NewDraftDialog(QDialog):
    def __init__(self, parent=None, installed=None):
        super().__init__(parent)
        from core.registry import scan
        self.setWindowTitle("新建草稿")
        self.installed = installed or scan()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("选择填报模板："))
        self.templates = QListWidget(self)
        self.templates.setWordWrap(True)
        self.templates.setSpacing(3)
        for versions in self.installed.templates.values():
            t = versions[0]
            item = QListWidgetItem(f"{t.name}（{t.version}）" + ("（本机安装）" if t.origin == "user" else "")
                                   + (f"\n{t.description}" if t.description else ""))
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            item.setToolTip(t.description)
            self.templates.addItem(item)
        self.templates.setCurrentRow(0)
        layout.addWidget(self.templates)
        if self.installed.broken:
            broken = QLabel(f"另有 {len(self.installed.broken)} 个模板有错误，未列出（可用命令 validate-template 查看）")
            broken.setObjectName("hint")
            layout.addWidget(broken)
        self.carry = QCheckBox("以上年草稿或上年 Excel 自评表为底稿（带入单位信息、指标和指标值，清空完成值和得分）")
        layout.addWidget(self.carry)
        row = QHBoxLayout()
        self.old_path = QLineEdit(self)
        self.old_path.setPlaceholderText("上年草稿（.json）或 Excel 自评表（.xlsx/.xls）")
        browse = QPushButton("选择…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.old_path, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.carry.toggled.connect(lambda on: (self.old_path.setEnabled(on), browse.setEnabled(on)))
        self.old_path.setEnabled(False)
        browse.setEnabled(False)
        layout.addWidget(ok_cancel(self, "新建"))
        self.resize(560, 380)

    def _browse(self) -> None:
        from ..files import documents_dir
        path, _ = QFileDialog.getOpenFileName(self, "选择上年草稿或 Excel 自评表", documents_dir(),
                                              "上年草稿或 Excel 自评表 (*.json *.xlsx *.xls);;所有文件 (*)")
        if path:
            self.old_path.setText(path)

    def session(self) -> Session | None:
        item = self.templates.currentItem()
        if item is None:
            return None
        template = self.installed.newest(item.data(Qt.ItemDataRole.UserRole))
        if not (self.carry.isChecked() and self.old_path.text().strip()):
            return Session(template)
        from core.carry import carry_forward
        from core.opening import open_draft
        from importers.workbook import is_excel, load_excel
        path = self.old_path.text().strip()
        if is_excel(path):   # last year's table in Excel, read as the chosen template
            loaded = load_excel(path, template.id, installed=self.installed)
            if isinstance(loaded, str):
                QMessageBox.warning(self, "无法读取上年自评表", loaded)
                return None
            return Session(template, carry_forward(loaded[0], template))
        try:
            old = open_draft(path, self.installed)
        except DraftError as exc:
            QMessageBox.warning(self, "无法读取上年草稿", str(exc))
            return None
        return Session(template, carry_forward(old.draft, template))

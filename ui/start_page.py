"""The start page, shown when no draft is open (first start, or the last draft
gone): 新建自评 from a template (its one-line description, the year), 打开草稿,
the recent drafts with unit, year, total and 审核 state, and 打开示例 — marked
as another unit's data, never opened on its own."""

from __future__ import annotations

import datetime
import os

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from . import settings

SAMPLE_LABEL = "打开示例（广州市花都区信访局 2021 年度自评，他单位数据，仅供参考）"


def recent_summary(path: str) -> str:
    """「单位 · 年度 · 总分 · 审核」 of a draft file, or why it cannot be read."""
    from .files import open_draft
    try:
        opened = open_draft(path)
    except Exception as exc:  # noqa: BLE001 - a bad file is described, not raised
        return f"无法读取：{str(exc).splitlines()[0]}"
    from core.session import Session
    session = Session(opened.template, opened.draft, path)
    t, fields = opened.template, opened.draft.fields
    unit = t.role_value(fields, "unit")      # 单位名称 or 实施单位: by role, not by id
    year = t.role_value(fields, "year") or "年度未填"
    total = session.result.scores.total
    from . import fmt
    state = session.result.audit_status or "审核无错误"
    return f"{unit or '（未填单位名称）'} · {year} · 总分 {fmt.score(total) if total is not None else '—'} · {state}"


class StartPage(QWidget):
    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.window = window
        self.setObjectName("startPage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        title = QLabel("绩效自评填报")
        title.setObjectName("startTitle")
        outer.addWidget(title)
        intro = QLabel("填写部门整体支出、项目支出绩效自评表和自评报告。先新建一份自评，或打开已有的草稿。"
                       "不清楚怎么填，请看“帮助 → 填报说明”。")
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        outer.addWidget(intro)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        outer.addLayout(grid, 1)

        new_box = QVBoxLayout()
        new_box.addWidget(self._heading("新建自评"))
        self.templates = self._list("startTemplates")
        self.templates.itemDoubleClicked.connect(lambda _: self.new_draft())
        new_box.addWidget(self.templates, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel("年度："))
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(datetime.date.today().year - 1)   # 自评 looks back on last year
        self.year.setSuffix(" 年")
        row.addWidget(self.year)
        row.addStretch(1)
        self.new_button = QPushButton("新建自评")
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_draft)
        row.addWidget(self.new_button)
        new_box.addLayout(row)
        grid.addLayout(new_box, 0, 0)

        open_box = QVBoxLayout()
        open_box.addWidget(self._heading("最近的草稿"))
        self.recent = self._list("startRecent")
        self.recent.itemActivated.connect(self._open_recent)
        self.recent.itemDoubleClicked.connect(self._open_recent)
        open_box.addWidget(self.recent, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("打开草稿…")
        self.open_button.clicked.connect(lambda: window.files.open())
        buttons.addWidget(self.open_button)
        self.folder_button = QPushButton("打开文件夹…")
        self.folder_button.setToolTip("列出一个文件夹（含子文件夹）中的全部草稿：审核情况、得分，全部导出，汇总表")
        self.folder_button.clicked.connect(lambda: window.folders.open())
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        open_box.addLayout(buttons)
        grid.addLayout(open_box, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        outer.addWidget(line)
        sample_row = QHBoxLayout()
        self.sample_button = QPushButton(SAMPLE_LABEL)
        self.sample_button.setObjectName("sampleButton")
        self.sample_button.clicked.connect(self.open_sample)
        sample_row.addWidget(self.sample_button)
        sample_row.addStretch(1)
        outer.addLayout(sample_row)
        self._fill_templates()
        self._fill_recent()

    def _list(self, name: str) -> QListWidget:
        lst = QListWidget(self)
        lst.setObjectName(name)
        lst.setWordWrap(True)
        lst.setSpacing(4)
        return lst

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("panelTitle")
        return label

    def _fill_templates(self) -> None:
        from core.registry import scan
        installed = scan()
        self.installed = installed
        for versions in installed.templates.values():
            t = versions[0]
            item = QListWidgetItem(f"{t.name}（{t.version}）\n{t.description}" if t.description else t.name)
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            item.setToolTip(t.description)
            self.templates.addItem(item)
        self.templates.setCurrentRow(0)

    def _fill_recent(self) -> None:
        paths = [p for p in settings.recent() if os.path.exists(p)]
        if not paths:
            item = QListWidgetItem("（还没有草稿。新建一份，或用“打开草稿…”找到已有的文件。）")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)
            return
        for path in paths:
            item = QListWidgetItem(f"{os.path.basename(path)}\n读取中…")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        self.recent.setCurrentRow(0)
        QTimer.singleShot(0, self._describe_recent)   # each is read and scored: after the first paint

    def _describe_recent(self) -> None:
        for i in range(self.recent.count()):
            item = self.recent.item(i)
            path = item.data(Qt.ItemDataRole.UserRole)
            if path:
                item.setText(f"{os.path.basename(path)}\n{recent_summary(path)}")

    # -- actions -------------------------------------------------------------------------
    def new_draft(self) -> None:
        item = self.templates.currentItem()
        if item is None:
            return
        from core.session import Session
        template = self.installed.newest(item.data(Qt.ItemDataRole.UserRole))
        session = Session(template)
        if template.field("year") is not None:
            session.draft.fields["year"] = str(self.year.value())
            session = Session(template, session.draft)   # scored with the year in
        self.window.untitled_name = "未命名草稿"
        self.window.controller.load(session, modified=True)
        self.window.update_title()

    def _open_recent(self, item) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.window.files.open_path(path)

    def open_sample(self) -> None:
        self.window.files.open_sample()
        self.window.statusBar().showMessage("这是示例草稿（他单位数据，仅供参考）；填写本单位请用“文件 → 新建”。")

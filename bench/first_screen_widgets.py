"""Reference for bench/ui_bench.py: the program's first screen rebuilt from plain
widgets — menus and toolbar, navigation, the 基本信息 form with Chinese text, the
score panel, the 审核 list — with none of the program's code (no template, draft,
scoring or style sheet). Its start-up shows what the widgets alone cost against a
bare QMainWindow, so the rest of the gap is the program's own work."""

import os
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QFormLayout, QFrame, QGridLayout, QLabel, QLineEdit, QListWidget,
                               QMainWindow, QPlainTextEdit, QScrollArea, QSplitter, QStackedWidget, QToolBar,
                               QTreeWidget, QTreeWidgetItem, QWidget)

GOAL = "一、妥善解决信访维稳工作中突出问题及重点时段驻京、驻省市、驻重点城市维稳的应急保障任务。"

app = QApplication([])
window = QMainWindow()
window.resize(1440, 900)
toolbar = QToolBar()
window.addToolBar(toolbar)
for title in ("文件(&F)", "编辑(&E)", "审核(&C)", "视图(&V)", "帮助(&H)"):
    menu = window.menuBar().addMenu(title)
    for i in range(4):
        action = QAction(f"动作{i}…", window)
        action.setShortcut(QKeySequence(f"Ctrl+{i}"))
        menu.addAction(action)
        toolbar.addAction(action)
nav = QTreeWidget()
nav.setHeaderHidden(True)
for text in ["基本信息", "部门整体收支情况", "绩效指标", "自评报告", "一、基本情况", "（一）部门概况",
             "（二）年度总体工作和重点工作任务", "签章信息"] * 2:
    QTreeWidgetItem(nav, [text])
form_page = QWidget()
form = QFormLayout(form_page)
for _ in range(5):
    edit = QLineEdit("广州市花都区信访局")
    edit.setToolTip("填写单位全称，不得简写")
    form.addRow(QLabel("单位名称"), edit)
for _ in range(2):
    form.addRow(QLabel("年度整体绩效目标"), QPlainTextEdit(GOAL * 3))
scroll = QScrollArea()
scroll.setWidgetResizable(True)
scroll.setWidget(form_page)
pages = QStackedWidget()
pages.addWidget(scroll)
panel = QFrame()
grid = QGridLayout(panel)
for row, text in enumerate(["自评得分", "95.9 / 100 分", "等级：优", "管理效能 41.9 / 45", "履职效能 49 / 50", "加分项 5 / 5"]):
    grid.addWidget(QLabel(text), row, 0)
findings = QListWidget()
for _ in range(5):
    findings.addItem("⚠ 「单位负责人」尚未填写（打印签章前请补上）")
side = QSplitter(Qt.Orientation.Vertical)
side.addWidget(panel)
side.addWidget(findings)
split = QSplitter(Qt.Orientation.Horizontal)
for part in (nav, pages, side):
    split.addWidget(part)
window.setCentralWidget(split)
window.statusBar().addPermanentWidget(QLabel("已自动保存 12:00"))
if os.environ.get("JXZP_EXIT_WHEN_READY"):   # bench/ui_bench.py: quit at the first painted frame
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from ui.first_frame import exit_when_painted   # Qt only, no program code
    exit_when_painted(app, window)
window.show()
app.exec()

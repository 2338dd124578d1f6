"""审核: every finding, errors first, live. Activating one asks the window to
move focus to its field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QVBoxLayout

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListWidgetItem

# Plain colours in the item's ForegroundRole (Qt turns them into brushes when painting):
# building PySide's QBrush type costs ~7 ms of start-up.
ERROR_FG = QColor("#b3261e")
WARNING_FG = QColor("#8a5a00")
CHECKING = "审核中…"


class FindingsPanel(QFrame):
    activated = Signal(str)   # the finding's address

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("findingsPanel")
        self.heading = QLabel()
        self.heading.setObjectName("panelTitle")
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setObjectName("findings")
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self._shown: list | None = None
        self.reload()

    def reload(self) -> None:
        result = self.controller.result
        if not result.checked:  # just opened, 审核 runs after the first frame: no verdict yet
            self._shown = None
            self.heading.setText(f"审核：正在检查…")
            self.list.clear()
            return
        findings = result.findings
        if findings == self._shown:
            return  # nothing new: keep the clerk's place in the list
        self._shown = list(findings)
        self.heading.setText(f"审核：{self.controller.result.tally}" if findings else "审核：未发现问题")
        self.list.clear()
        # here, not at the top: the first frame never touches `Qt` (launch.py) nor lists a finding
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QListWidgetItem
        for f in findings:  # core sorts errors first
            item = QListWidgetItem(("✖ " if f.severity == "error" else "⚠ ") + f.message)
            item.setData(Qt.ItemDataRole.UserRole, f.field)
            item.setData(Qt.ItemDataRole.ForegroundRole, ERROR_FG if f.severity == "error" else WARNING_FG)
            item.setToolTip("双击或回车：转到该处")
            self.list.addItem(item)

    def refresh(self, change) -> None:
        self.reload()

    def _activate(self, item: QListWidgetItem) -> None:
        from PySide6.QtCore import Qt
        self.activated.emit(item.data(Qt.ItemDataRole.UserRole))

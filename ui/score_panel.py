"""The score panel, always in view: total, full marks, grade, and each 一级
指标's subtotal. A figure that just moved flashes, so the clerk sees the effect
of what they typed."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout

from . import fmt
from .findings_panel import CHECKING

FLASH = QColor("#ffe58a")
FLASH_MS = 1200


class Flash:
    """Fade a label's background from yellow to nothing."""

    def __init__(self, label: QLabel):
        self.label = label
        self._anim = None

    @property
    def anim(self):
        """Made on the first flash: the panel's first frame needs none of them (start-up)."""
        if self._anim is None:
            from PySide6.QtCore import QVariantAnimation
            self._anim = QVariantAnimation(self.label)
            self._anim.setDuration(FLASH_MS)
            self._anim.setStartValue(255)
            self._anim.setEndValue(0)
            self._anim.valueChanged.connect(self._paint)
        return self._anim

    def start(self) -> None:
        self.anim.stop()
        self.anim.start()

    def _paint(self, alpha) -> None:
        c = FLASH
        self.label.setStyleSheet(f"background: rgba({c.red()},{c.green()},{c.blue()},{int(alpha)});"
                                 if alpha else "")


class ScorePanel(QFrame):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("scorePanel")
        self.heading = QLabel("自评得分")
        self.heading.setObjectName("panelTitle")
        self.total = QLabel()
        self.total.setObjectName("total")
        self.grade = QLabel()
        self.grade.setObjectName("grade")
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.groups = QGridLayout()
        self.groups.setColumnStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.total)
        layout.addWidget(self.grade)
        layout.addLayout(self.groups)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.group_labels: dict[str, QLabel] = {}
        self.flashes: dict[QLabel, Flash] = {}
        self.reload()

    def reload(self) -> None:
        """Rebuild the rows (another draft, or rows added under a 一级指标)."""
        while self.groups.count():
            item = self.groups.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.group_labels = {}
        for i, g in enumerate(self.controller.result.scores.groups):
            name = QLabel(g.name)
            name.setWordWrap(True)
            value = QLabel()
            value.setObjectName("subtotal")
            self.groups.addWidget(name, i, 0)
            self.groups.addWidget(value, i, 1)
            self.group_labels[g.id] = value
        self.flashes = {label: Flash(label) for label in [self.total, self.grade, *self.group_labels.values()]}
        self.update_figures()

    def update_figures(self, moved: set[str] | None = None) -> None:
        s = self.controller.result.scores
        moved = moved or set()
        self._set(self.total, f"{fmt.score(s.total)} <span style='font-size:small'>/ {fmt.weight(s.full_marks)} 分</span>",
                  "total" in moved)
        self._set(self.grade, f"等级：{s.grade or '未评分'}", "total" in moved)
        for g in s.groups:
            label = self.group_labels.get(g.id)
            if label is not None:
                self._set(label, f"{fmt.score(g.score)} / {fmt.weight(g.weight)}", g.id in moved)
        result = self.controller.result
        if not result.checked:   # 审核 runs after the first frame: neither passed nor failed yet
            self.status.setText(f"{CHECKING}<br>{result.progress}")
            return
        status = result.audit_status
        self.status.setText(f"<b style='color:#b00020'>{status}</b><br>{result.progress}" if status
                            else result.progress)

    def _set(self, label: QLabel, text: str, flash: bool) -> None:
        if label.text() != text:
            label.setText(text)
            if flash:
                self.flashes[label].start()

    def refresh(self, change) -> None:
        if change.structure:
            self.reload()
            return
        moved = set(change.changed_scores)
        if change.total_before != change.total_after:
            moved.add("total")
        self.update_figures(moved)

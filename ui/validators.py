"""Editors refuse what the core would refuse: text that is not a number, a score
above its weight. The reason is shown beside the editor, in Chinese."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPoint
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLineEdit, QToolTip

from core.numbers import parse_number

from . import fmt

_PARTIAL = {"-", "+", ".", "-.", "+.", "－", "．"}


class NumberValidator(QValidator):
    def __init__(self, low: Decimal | None = None, high: Decimal | None = None, parent=None):
        super().__init__(parent)
        self.low, self.high = low, high
        self.reason = ""

    def validate(self, text: str, pos: int):
        s = text.strip()
        if not s:
            return QValidator.State.Acceptable
        parsed = parse_number(s)
        if parsed.value is None:
            if s in _PARTIAL or s.endswith(",") and parse_number(s[:-1]).value is not None:
                return QValidator.State.Intermediate
            self.reason = parsed.error or "请只填写数字"
            return QValidator.State.Invalid
        if self.high is not None and parsed.value > self.high:
            self.reason = f"不能超过 {fmt.weight(self.high)} 分" if self.low == 0 else f"不能大于 {fmt.weight(self.high)}"
            return QValidator.State.Invalid
        if self.low is not None and parsed.value < self.low:
            self.reason = f"不能小于 {fmt.weight(self.low)}"
            return QValidator.State.Invalid
        return QValidator.State.Acceptable


def number_edit(parent, low=None, high=None, score: bool = False) -> QLineEdit:
    """A line edit that refuses bad keystrokes and says why in a tooltip."""
    edit = QLineEdit(parent)
    validator = NumberValidator(low, high, edit)
    if score and high is not None:
        edit.setPlaceholderText(f"0–{fmt.weight(high)}")
    edit.setValidator(validator)
    edit.inputRejected.connect(lambda: _explain(edit, validator))
    return edit


def _explain(edit: QLineEdit, validator: NumberValidator) -> None:
    edit.setProperty("rejected_reason", validator.reason)
    QToolTip.showText(edit.mapToGlobal(QPoint(0, edit.height())), validator.reason, edit)

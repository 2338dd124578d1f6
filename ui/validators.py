"""Editors refuse keystrokes that can never make a number, and say why beside the
editor, in Chinese, quoting only what the clerk typed. Text on its way to a
number ("1,", "1,2" of 1,234.56, "-") is let through; the core's parser
(core.numbers.parse_number) is the only judge of what a number is.

A score above its weight can be kept in a cell (warn_above): the cell shows it
as typed, marked by 审核, so the clerk sees and corrects it instead of losing it."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPoint
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLineEdit, QToolTip

from core.numbers import parse_number

from . import fmt

NOT_A_NUMBER = "此处只能填写数字，如 95.9 或 1,234.56"


def _on_the_way(s: str) -> bool:
    """True when more digits could still make `s` a number ("1,2" → "1,234")."""
    return any(parse_number(s + tail).value is not None for tail in ("0", "00", "000"))


class NumberValidator(QValidator):
    def __init__(self, low: Decimal | None = None, high: Decimal | None = None, parent=None, warn_above=False):
        super().__init__(parent)
        self.low, self.high, self.warn_above = low, high, warn_above
        self.reason = ""        # why the last keystroke was refused (no quotation of untyped text)
        self.warning = ""       # the text is kept but wrong (a score above its weight)
        self.refused_text = ""
        self.shown_text = ""    # the last text let through: what the box shows after a refusal

    def _above(self) -> str:
        return f"不能超过 {fmt.weight(self.high)} 分" if self.low == 0 else f"不能大于 {fmt.weight(self.high)}"

    def validate(self, text: str, pos: int):
        state = self._judge(text)
        if state != QValidator.State.Invalid:
            self.shown_text = text
        return state

    def _judge(self, text: str):
        s = text.strip()
        self.warning = ""
        if not s:
            return QValidator.State.Acceptable
        parsed = parse_number(s)
        if parsed.value is None:
            if _on_the_way(s):
                return QValidator.State.Intermediate
            return self._refuse(text, NOT_A_NUMBER)
        if self.high is not None and parsed.value > self.high:
            if self.warn_above:
                self.warning = self._above() + "：已按所填保留并标红，请改正"
                return QValidator.State.Acceptable
            return self._refuse(text, self._above())
        if self.low is not None and parsed.value < self.low:
            return self._refuse(text, f"不能小于 {fmt.weight(self.low)}")
        return QValidator.State.Acceptable

    def _refuse(self, text: str, reason: str):
        self.refused_text, self.reason = text, reason
        return QValidator.State.Invalid


def number_edit(parent, low=None, high=None, score: bool = False, warn_above: bool = False) -> QLineEdit:
    """A line edit that refuses bad keystrokes and says why in a tooltip."""
    edit = QLineEdit(parent)
    validator = NumberValidator(low, high, edit, warn_above)
    if score and high is not None:
        edit.setPlaceholderText(f"0–{fmt.weight(high)}")
    edit.setValidator(validator)
    edit.inputRejected.connect(lambda: _explain(edit, validator))
    if warn_above:
        edit.textChanged.connect(lambda _=None: _warn(edit, validator))
    return edit


class UnitValidator(QValidator):
    """A 度量单位 holds no digit: "2次" would glue its 2 onto the figure (core.targets.unit_problem)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.shown_text = self.refused_text = self.reason = ""

    def validate(self, text, pos):
        from core.targets import unit_problem
        self.reason = unit_problem(text)
        if self.reason:
            self.refused_text = text
            return QValidator.State.Invalid
        self.shown_text = text
        return QValidator.State.Acceptable


def unit_edit(parent) -> QLineEdit:
    edit = QLineEdit(parent)
    validator = UnitValidator(edit)
    edit.setValidator(validator)
    edit.inputRejected.connect(lambda: _explain(edit, validator))
    return edit


def typed_part(before: str, after: str) -> str:
    """What a keystroke or paste added: `after` without what it shares with `before`."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return after[start:len(after) - end]


def _explain(edit: QLineEdit, validator: NumberValidator) -> None:
    typed = typed_part(validator.shown_text, validator.refused_text).strip()
    reason = f"“{typed}”未输入：{validator.reason}" if typed else validator.reason
    edit.setProperty("rejected_reason", reason)
    QToolTip.showText(edit.mapToGlobal(QPoint(0, edit.height())), reason, edit)


def _warn(edit: QLineEdit, validator: NumberValidator) -> None:
    edit.setProperty("warning", validator.warning)
    if validator.warning:
        QToolTip.showText(edit.mapToGlobal(QPoint(0, edit.height())), validator.warning, edit)

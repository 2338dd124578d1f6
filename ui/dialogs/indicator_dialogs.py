"""调整得分 (an automatic score replaced, with its reason) and 添加指标."""

from __future__ import annotations

from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QRadioButton, QVBoxLayout)

from core.nature import choices as nature_choices
from core.nature import from_cells
from core.numbers import parse_number

from .. import fmt
from ..rows import RULE_CHOICES, new_group, new_row
from ..validators import number_edit, unit_edit


class OverrideDialog(QDialog):
    """The clerk may replace a computed score, but only with a reason (审核 asks for it too)."""

    def __init__(self, ns, current: dict | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("调整得分")
        low, high = (-ns.weight, 0) if ns.kind == "penalty" else (0, ns.weight)
        form = QFormLayout()
        form.addRow("指标", QLabel(ns.name, wordWrap=True))
        auto = fmt.score(ns.computed_score)
        form.addRow("自动得分", QLabel(f"{auto} 分" + (f"（{ns.explain}）" if ns.explain else ""), wordWrap=True))
        self.score = number_edit(self, low, high, score=True)
        self.score.setPlaceholderText(f"{fmt.weight(low)}–{fmt.weight(high)}")
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText("必填：为什么不采用自动得分（如：完成值口径与指标值不一致，经集体研究调整）")
        self.reason.setTabChangesFocus(True)
        if current:
            self.score.setText(current.get("score", ""))
            self.reason.setPlainText(current.get("reason", ""))
        form.addRow("调整后得分", self.score)
        form.addRow("调整理由", self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.score.textChanged.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self._update()
        self.resize(520, 300)

    def _update(self):
        ok = parse_number(self.score.text()).value is not None and bool(self.reason.toPlainText().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def value(self) -> dict:
        return {"score": self.score.text().strip(), "reason": self.reason.toPlainText().strip()}


class AddIndicatorDialog(QDialog):
    """A row of the clerk's own under an extensible node: a 三级 indicator, or a group for them."""

    def __init__(self, parent_name: str, allow_group: bool, parent=None, columns=None):
        super().__init__(parent)
        self.columns = columns
        self.setWindowTitle("添加指标")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"添加到：{parent_name}", wordWrap=True))
        self.kind = QButtonGroup(self)
        self.as_row = QRadioButton("指标（有分值、指标值）")
        self.as_group = QRadioButton("指标分组（分值为其下指标之和，随后在其下添加指标）")
        self.as_row.setChecked(True)
        for i, button in enumerate((self.as_row, self.as_group)):
            self.kind.addButton(button, i)
            layout.addWidget(button)
        self.as_group.setVisible(allow_group)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.weight = number_edit(self, 0, None)
        self.target = QLineEdit(self)
        self.target.setPlaceholderText("如：不低于95%、每年不少于2000件、定性")
        self.rule = QComboBox(self)
        self.unit = unit_edit(self)
        self.unit.setPlaceholderText("如：%、件、人次、万元")
        nature = columns.nature if columns is not None else None
        if nature:   # the table has 指标性质: it chooses the rule (core/nature.py)
            for text, hint in nature_choices(nature):
                self.rule.addItem(f"{text}（{hint}）", text)
            self.target.setPlaceholderText("如：95、2000；定性指标写“达到预期”等")
        else:
            for value, label in RULE_CHOICES:
                self.rule.addItem(label, value)
        self.criteria = QLineEdit(self)
        form.addRow("名称", self.name)
        form.addRow("分值", self.weight)
        if nature:
            form.addRow("指标性质", self.rule)
        form.addRow("指标值", self.target)
        if columns is not None and columns.unit:
            form.addRow("度量单位", self.unit)
        if not nature:
            form.addRow("评分方式", self.rule)
        form.addRow("评分标准", self.criteria)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("添加")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for signal in (self.name.textChanged, self.weight.textChanged, self.kind.idToggled):
            signal.connect(self._update)
        self._update()
        self.resize(520, 0)

    def _update(self, *_):
        group = self.as_group.isChecked()
        for w in (self.weight, self.target, self.rule, self.unit, self.criteria):
            w.setEnabled(not group)
        ok = bool(self.name.text().strip()) and (group or parse_number(self.weight.text()).value is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def node(self):
        if self.as_group.isChecked():
            return new_group(self.name.text().strip())
        rule, target = self.rule.currentData(), self.target.text().strip()
        if self.columns is not None and (self.columns.nature or self.columns.unit):
            # the 指标性质 picked decides: "≥5" under ≤ is read ≤5
            cells = from_cells(rule if self.columns.nature else "", target, self.unit.text())
            rule, target = (cells.nature.rule if cells.nature else rule), cells.target
        return new_row(self.name.text().strip(), parse_number(self.weight.text()).value, target,
                       rule, self.criteria.text().strip())

"""A money grid (万元) as a table model: entered cells editable, computed ones
(rows and columns with a formula) read-only and shaded; 执行率 follows live."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from core.address import Address
from core.compute import build_plan
from core.partial import partial_totals
from core.precision import extra_places

from . import fmt
from .delegate import EDITOR_ROLE

COMPUTED_BG = QBrush(QColor("#eef2f7"))
BLANK_BG = QBrush(QColor("#f4f4f4"))
ERROR_BG = QBrush(QColor("#fde2e1"))
WARN_BG = QBrush(QColor("#fff4d6"))
PLACES = 2   # 万元 and 执行率 are shown to two decimals (core.format.money / pct)
COMPUTED_FG = QBrush(QColor("#2b4a6f"))
PARTIAL_FG = QBrush(QColor("#8a6d00"))
PARTIAL_MARK = "（未齐）"


class GridModel(QAbstractTableModel):
    def __init__(self, controller, grid, parent=None):
        super().__init__(parent)
        self.controller, self.grid = controller, grid
        computed = build_plan(controller.template).computed  # the core's own list of formula cells
        self.computed = {(r.id, c.id) for r in grid.rows for c in grid.columns
                         if f"{grid.id}.{r.id}.{c.id}" in computed}
        self._partial_for, self._partial = None, {}

    def partial(self, key: str):
        """The core's running sum of a total whose rows are not all filled, or None."""
        result = self.controller.result
        if self._partial_for is not result:
            self._partial_for, self._partial = result, partial_totals(self.controller.template, result.values.numbers)
        return self._partial.get(key)

    def _label_of(self, key: str) -> str:
        _, r, c = key.split(".")
        row = next((x.label.strip() for x in self.grid.rows if x.id == r), r)
        col = next((x.label for x in self.grid.columns if x.id == c), c)
        return f"{row}·{col}"

    def address(self, row: int, col: int) -> str:
        return f"grids.{self.grid.id}.{self.grid.rows[row].id}.{self.grid.columns[col].id}"

    def locate(self, address: str) -> QModelIndex:
        try:
            a = Address.parse(address)
        except KeyError:
            return QModelIndex()
        g, r, c = a.id, a.row, a.column
        rows = [x.id for x in self.grid.rows]
        cols = [x.id for x in self.grid.columns]
        if g != self.grid.id or r not in rows:
            return QModelIndex()
        return self.index(rows.index(r), cols.index(c) if c in cols else 0)

    def cell_label(self, index) -> str:
        """The cell as the clerk names it: 「项目支出·决算数」."""
        return f"「{self.grid.rows[index.row()].label.strip()}·{self.grid.columns[index.column()].label}」"

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.grid.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.grid.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self.grid.columns[section].label
            row = self.grid.rows[section]
            return "　" * row.indent + row.label.strip()
        if role == Qt.ItemDataRole.FontRole and orientation == Qt.Orientation.Vertical:
            font = QFont()
            font.setBold(bool(self.grid.rows[section].formula))
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Vertical:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _blank(self, index) -> bool:
        return self.grid.columns[index.column()].id in self.grid.rows[index.row()].blank_columns

    def is_computed(self, index) -> bool:
        return (self.grid.rows[index.row()].id, self.grid.columns[index.column()].id) in self.computed

    def flags(self, index):
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and not self.is_computed(index) and not self._blank(index):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        R = Qt.ItemDataRole
        address = self.address(index.row(), index.column())
        key = address[len("grids."):]
        if role == R.DisplayRole:
            if self._blank(index):
                return "—"
            value = self.controller.result.values.numbers.get(key)
            if value is None and not self.is_computed(index):
                return self.controller.value(address) or ""
            if value is None:
                partial = self.partial(key)
                return fmt.money(partial.value) + PARTIAL_MARK if partial else ""
            return fmt.percent(value) if self.grid.columns[index.column()].type == "percent" else fmt.money(value)
        if role == R.EditRole:
            return self.controller.value(address) or ""
        if role == EDITOR_ROLE:
            return ("number", None, None)
        if role == R.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        messages = self.finding_messages(address)
        if role in (R.BackgroundRole, R.ToolTipRole) and not self.is_computed(index):
            typed = self.controller.value(address)
            if extra_places(typed, PLACES):
                messages = messages + [f"填写为 {typed}，表中按两位小数显示为 {self.data(index)}，请核对是否多填了小数位"]
        if role == R.BackgroundRole:
            if self.finding_messages(address):
                return ERROR_BG
            if messages:
                return WARN_BG
            return BLANK_BG if self._blank(index) else COMPUTED_BG if self.is_computed(index) else None
        if role == R.ForegroundRole and self.is_computed(index):
            return PARTIAL_FG if self.partial(key) else COMPUTED_FG
        if role == R.FontRole and self.is_computed(index):
            font = QFont()
            font.setItalic(True)
            return font
        if role == R.ToolTipRole:
            tip = "自动计算，不能直接填写" if self.is_computed(index) else ""
            partial = self.partial(key) if self.is_computed(index) else None
            if partial:
                names = "、".join(self._label_of(k) for k in partial.missing[:4]) + ("等" if len(partial.missing) > 4 else "")
                tip = f"尚有 {len(partial.missing)} 格未填（{names}），此为已填各行之和。\n" + tip
            return "\n".join(messages + ([tip] if tip else [])) or None
        return None

    def finding_messages(self, address: str) -> list[str]:
        return [f.message for f in self.controller.result.findings if f.field == address]

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        text = ("" if value is None else str(value)).strip()
        self.controller.edit(self.address(index.row(), index.column()), text or None)
        return True

    def refresh(self) -> None:
        if self.grid.rows and self.grid.columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.grid.rows) - 1, len(self.grid.columns) - 1))

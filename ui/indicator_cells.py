"""What each cell of the indicator tree shows: text, edit text, editor bounds,
font and tooltip. A mixin of IndicatorModel, kept apart to keep both short."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from core.nature import cells as nature_cells
from core.nature import choices as nature_choices
from core.rules import band_text

from . import fmt

COLUMNS = ["指标", "分值", "指标性质", "指标值", "度量单位", "完成值", "评价档次", "得分", "偏差原因"]
NAME, WEIGHT, NATURE, TARGET, UNIT, ACTUAL, BAND, SCORE, NOTE = range(9)
# shown only when the template switches them on (form.yaml indicator_columns)
OPTIONAL = {NATURE: "nature", UNIT: "unit"}
COLUMN_PART = {TARGET: "target", UNIT: "target", ACTUAL: "actual", BAND: "band", SCORE: "score", NOTE: "note"}
BANDS = ["达成", "部分达成", "未达成"]
AUTO_FG = QBrush(QColor("#6b6b6b"))
ID_ROLE = Qt.ItemDataRole.UserRole + 2
UNANSWERED = "未填"
UNANSWERED_TIP = ("此项尚未填写：勾选表示已做到，不勾选表示未做到。\n"
                  "各项都未填时本指标不评分；已填任一项后，未填的项按未做到扣分。")


class CellText:
    def _display(self, row, col, ns):
        node = row.node
        if col == NAME:
            return node.name
        if col == WEIGHT:
            return fmt.weight(ns.weight if ns else node.weight)
        if col == SCORE:
            typed = getattr(self._entry(node.id), "score", None)
            if typed and self.finding_messages(node.id, SCORE) and not (ns and ns.overridden):
                return typed  # a wrong score stays as typed (the total counts it capped), marked red
            if ns is None or (ns.score is None and self.is_group(row)):
                return ""
            if ns.score is None:
                return f"待填{ns.missing}" if ns.missing and ns.auto else ""
            return fmt.score(ns.score) + ("（调）" if ns.overridden else "")
        if self.is_group(row):
            return ""
        if col in (NATURE, TARGET, UNIT):
            return self._target_cells(node, ns.target if ns else node.target)[col]
        if col == BAND:
            band = self._edit_text(row, BAND)
            return f"{band} {band_text(node, band)}" if band in BANDS else band
        if col == ACTUAL and ns is not None and ns.actual_computed:
            return fmt.weight(ns.actual) or "（待计算）"
        entry = self._entry(node.id)
        return (getattr(entry, COLUMN_PART[col]) or "") if entry else ""

    def _edit_text(self, row, col) -> str:
        node = row.node
        if col == NAME:
            return node.name
        if col == WEIGHT:
            return fmt.weight(node.weight)
        entry = self._entry(node.id)
        if col in (NATURE, TARGET, UNIT):
            return self._target_cells(node, self.target_text(node))[col]
        part = COLUMN_PART.get(col)
        return (getattr(entry, part) or "") if entry and part else ""

    def target_text(self, node) -> str:
        """The 指标值 as kept in the draft: the clerk's, else the template's."""
        entry = self._entry(node.id)
        return (entry.target if entry and entry.target else None) or node.target or ""

    def _target_cells(self, node, target) -> dict[int, str]:
        """指标性质 | 指标值 | 度量单位 of a row: the one target text, split as the
        template's columns print it (core/nature.py)."""
        cells = nature_cells(node.rule.type if node.rule else None, target, self.controller.template.indicator_columns)
        return {NATURE: cells["nature"], TARGET: cells["target_value"], UNIT: cells["unit"]}

    def _editor(self, row, col, ns):
        if col == NATURE:
            style = self.controller.template.indicator_columns.nature
            return ("band", [("", "（未选）")] + [(text, f"{text}  {hint}") for text, hint in nature_choices(style)],
                    "指标性质")
        if col in (WEIGHT,):
            return ("number", 0, None)
        if col == SCORE and ns is not None:
            return ("number", 0, ns.weight)
        if col in (TARGET, ACTUAL, NOTE):
            return ("longtext",)
        if col == UNIT:
            return ("unit",)
        if col == BAND:
            return ("band", [("", "（未评）")] + [(b, f"{b}  {band_text(row.node, b)}") for b in BANDS])
        return ("text",)

    def _font(self, row, col, ns):
        font = QFont()
        if self.is_group(row):
            font.setBold(True)
        elif col == SCORE and ns and ns.auto and not ns.overridden:
            font.setItalic(True)
        return font

    def _tooltip(self, row, col, ns):
        node = row.node
        parts = list(self.finding_messages(node.id, col))
        if col == NAME:
            parts.append(node.name)
            if node.criteria:
                parts.append(f"评分标准：{node.criteria}")
        if col == UNIT and not self.is_group(row) and not self._display(row, TARGET, ns)[-1:].isdigit():
            parts.append("先在“指标值”中填写数字，再填度量单位；文字的指标值把单位写在其中")
        if col in (TARGET, ACTUAL, NOTE) and not self.is_group(row):
            text = self._display(row, col, ns)
            if text:
                parts.append(text)   # the whole text, however narrow the column
        if col == SCORE and ns and ns.leaf:
            if ns.overridden:
                entry = self._entry(node.id)
                reason = entry.override.reason if entry and entry.override else ""
                parts.append(f"自动得分 {fmt.score(ns.computed_score)}，已调整为 {fmt.score(ns.score)}；理由：{reason or '（未填）'}")
            elif ns.auto:
                parts.append(f"自动计分：{ns.explain}" if ns.explain else f"自动计分，尚缺：{ns.missing}")
            else:
                parts.append(f"手工打分，0 至 {fmt.weight(ns.weight)} 分")
        return "\n".join(parts) or None

    def _item_data(self, row, col, role):
        item = row.item
        R = Qt.ItemDataRole
        entry = self._entry(row.node.id)
        answer = (entry.checked if entry else {}).get(item["id"])
        # A checklist item nobody has answered yet is not a "否": the rule leaves the
        # row unscored until some item is answered, so the clerk must see which are open.
        open_item = answer is None and row.node.rule.type == "checklist"
        if col == NAME and role == R.DisplayRole:
            return item["label"]
        if col == NAME and role == R.CheckStateRole:
            if open_item:
                return Qt.CheckState.PartiallyChecked
            return Qt.CheckState.Checked if answer else Qt.CheckState.Unchecked
        if col == ACTUAL and role == R.DisplayRole:
            return UNANSWERED if open_item else None
        if col in (NAME, ACTUAL) and role == R.ToolTipRole and open_item:
            return UNANSWERED_TIP
        if col == WEIGHT and role == R.DisplayRole:
            return fmt.weight(item["points"])
        if col == WEIGHT and role == R.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == R.ForegroundRole:
            return AUTO_FG
        if role == ID_ROLE:
            return row.node.id
        return None

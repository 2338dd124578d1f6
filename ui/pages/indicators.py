"""绩效指标: the tree, its actions, and the selected row's 评分标准 below it."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QMenu, QMessageBox, QPushButton, QSplitter,
                               QTextBrowser, QVBoxLayout, QWidget)

from core.address import Address
from core.rules import band_text, rule_of_name

from .. import fmt, settings
from ..dialogs.indicator_dialogs import AddIndicatorDialog, OverrideDialog
from ..indicator_cells import ACTUAL, BAND, BANDS, NAME, NATURE, NOTE, OPTIONAL, SCORE, TARGET, UNIT, WEIGHT
from ..indicator_model import PART_COLUMN, IndicatorModel
from ..indicator_view import IndicatorView
from ..rows import with_child, without
from . import select_cell


class IndicatorPage(QWidget):
    title = "绩效指标"

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.model = IndicatorModel(controller, self)
        self.view = IndicatorView(self)
        self.view.setModel(self.model)
        header = self.view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._fitting = False
        header.sectionResized.connect(self._column_dragged)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.view.viewport().installEventFilter(self)
        self.view.selectionModel().currentChanged.connect(self._show_current)
        self.model.modelReset.connect(self._after_reset)

        buttons = QHBoxLayout()
        self.add_button = QPushButton("添加指标…")
        self.remove_button = QPushButton("删除指标")
        self.override_button = QPushButton("调整得分…")
        self.restore_button = QPushButton("恢复自动得分")
        for b, slot in ((self.add_button, self.add_row), (self.remove_button, self.remove_row),
                        (self.override_button, self.override), (self.restore_button, self.restore)):
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)

        self._shown_html = ""
        self.criteria = QTextBrowser(self)
        self.criteria.setObjectName("criteria")
        self.criteria.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(self.criteria)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(split)
        self._after_reset()

    # -- keeping up with the draft ---------------------------------------------------------
    def refresh(self, change) -> None:
        selected = self._current_id()
        self.model.refresh(change)
        if change.structure and selected and self.model.index_of(selected).isValid():
            self.view.setCurrentIndex(self.model.index_of(selected))
        elif not change.structure:
            self.view.delegate.sync_editors()
        self._show_current()

    def reload(self) -> None:
        self.model.rebuild()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:  # 大字号: columns keep their width in characters
            self._set_widths()
        super().changeEvent(event)

    def _after_reset(self) -> None:
        columns = self.controller.template.indicator_columns if self.controller.session is not None else None
        self._fitting = True   # hiding a column resizes it: not the clerk dragging one
        try:
            for column, switch in OPTIONAL.items():   # 指标性质 / 度量单位: where the template prints them
                self.view.setColumnHidden(column, not (columns and getattr(columns, switch)))
        finally:
            self._fitting = False
        self.view.expandAll()
        self._set_widths()
        self._show_current()

    # -- column widths: fitted to the window, or as the clerk left them (per template) ------
    FIXED = {WEIGHT: 3.5, NATURE: 4.5, UNIT: 4.5, BAND: 8, SCORE: 5}  # in characters
    SHARES = {NAME: (3, 9), TARGET: (2, 6), ACTUAL: (2.2, 6), NOTE: (2.8, 7)}   # share of the rest, minimum

    def eventFilter(self, obj, event) -> bool:
        if obj is self.view.viewport() and event.type() == QEvent.Type.Resize \
                and settings.column_widths(self._template_id()) is None:
            self._set_widths()   # a wider window widens every text column, not 偏差原因 alone
        return super().eventFilter(obj, event)

    def _template_id(self) -> str:
        return self.controller.template.id if self.controller.session is not None else ""

    def _set_widths(self) -> None:
        em = self.view.fontMetrics().horizontalAdvance("中")  # widths in characters: they follow 大字号 and DPI
        saved = settings.column_widths(self._template_id())
        if saved and len(saved) == len(self.FIXED) + len(self.SHARES):
            widths = {c: saved[c] * em for c in range(len(saved))}
        else:
            shown = {c: w for c, w in self.FIXED.items() if not self.view.isColumnHidden(c)}
            room = self.view.viewport().width() - sum(shown.values()) * em
            total = sum(share for share, _ in self.SHARES.values())
            widths = {c: chars * em for c, chars in self.FIXED.items()}
            widths.update({c: max(minimum * em, room * share / total) for c, (share, minimum) in self.SHARES.items()})
        self._fitting = True
        try:
            for column, width in widths.items():
                if not self.view.isColumnHidden(column):
                    self.view.setColumnWidth(column, int(width))
        finally:
            self._fitting = False

    def _column_dragged(self, *_):
        if self._fitting:
            return
        em = self.view.fontMetrics().horizontalAdvance("中")
        header = self.view.header()
        settings.remember_column_widths(self._template_id(),
                                        [header.sectionSize(c) / em for c in range(header.count())])

    def _header_menu(self, pos) -> None:
        menu = QMenu(self)
        reset = menu.addAction("恢复默认列宽")
        if menu.exec(self.view.header().mapToGlobal(pos)) is reset:
            self.reset_widths()

    def reset_widths(self) -> None:
        settings.remember_column_widths(self._template_id(), None)
        self._set_widths()

    def _current_id(self) -> str | None:
        row = self.model.row_of(self.view.currentIndex())
        return row.node.id if row else None

    def _current_score(self):
        node_id = self._current_id()
        return self.controller.result.scores.nodes.get(node_id) if node_id else None

    def _show_current(self, *_):
        row = self.model.row_of(self.view.currentIndex())
        ns = self._current_score()
        leaf = row is not None and row.item is None and ns is not None and ns.leaf
        self.override_button.setEnabled(leaf and ns.auto and not ns.overridden)
        self.restore_button.setEnabled(leaf and ns.overridden)
        self.add_button.setEnabled(self._add_target() is not None)
        self.remove_button.setEnabled(row is not None and row.item is None and row.node.id in self.model.own)
        html_text = self._criteria_html(row, ns)
        if html_text != self._shown_html:  # not re-laid out on every keystroke
            self._shown_html = html_text
            self.criteria.setHtml(html_text)

    def _criteria_html(self, row, ns) -> str:
        if row is None or ns is None:
            return ("<p style='color:#666'>选中一行，这里显示它的评分标准。<br>直接键入即可改写单元格；Tab 到下一格，"
                    "回车到下一行；空格勾选评分项。灰色斜体为程序按规则算出的得分，可“调整得分”（须写明理由）。</p>")
        node = row.node
        e = html.escape
        parts = [f"<b>{e(node.name)}</b>　分值 {fmt.weight(ns.weight)}"]
        if ns.leaf:
            rule = node.rule.type if node.rule else "manual"
            parts.append(f"　<span style='color:#555'>评分方式：{rule_of_name(rule).label}</span>")
        text = node.criteria or node.description
        parts.append(f"<p>评分标准：{e(text)}</p>" if text else "<p style='color:#888'>（模板未给出评分标准）</p>")
        if ns.leaf and ns.rule == "qualitative":
            parts.append("<p>" + "；".join(f"{b} {band_text(node, b)}" for b in BANDS) + "</p>"
                         "<p style='color:#555'>在“评价档次”格按 1 达成、2 部分达成、3 未达成（0 清除），"
                         "得分自动填为该档最高分，可在档内改低。</p>")
        if ns.explain:
            parts.append(f"<p style='color:#555'>计分过程：{e(ns.explain)}</p>")
        if ns.overridden:
            entry = self.controller.session.draft.indicators.get(node.id)
            reason = entry.override.reason if entry and entry.override else ""
            parts.append(f"<p style='color:#a35200'>已调整：自动得分 {fmt.score(ns.computed_score)} → "
                         f"{fmt.score(ns.score)}；理由：{e(reason) or '（未填）'}</p>")
        return "".join(parts)

    # -- actions -------------------------------------------------------------------------
    def override(self) -> None:
        ns = self._current_score()
        if ns is None or not ns.leaf:
            return
        dialog = OverrideDialog(ns, self.controller.value(f"indicators.{ns.id}.override"), self)
        if dialog.exec():
            self.controller.edit(f"indicators.{ns.id}.override", dialog.value(), mergeable=False)

    def restore(self) -> None:
        ns = self._current_score()
        if ns is not None and ns.overridden:
            self.controller.edit(f"indicators.{ns.id}.override", None, mergeable=False)

    def _add_target(self):
        """(owner key, parent node, may add a group) for the current row, or None."""
        row = self.model.row_of(self.view.currentIndex())
        if row is None or row.item is not None:
            return None
        node, own = row.node, self.model.own
        if node.extensible and node.id not in own:  # groups only under a 一级 node (GD's 履职效能)
            return node.id, node, row.parent is None
        if node.id in own and (node.children or node.extensible):
            return own[node.id], node, False
        if node.id in own and row.parent is not None:
            parent = row.parent.node
            key = own.get(parent.id, parent.id)
            return key, parent, parent.id not in own
        return None

    def add_row(self) -> None:
        target = self._add_target()
        if target is None:
            return
        key, parent, allow_group = target
        dialog = AddIndicatorDialog(parent.name, allow_group, self, self.controller.template.indicator_columns)
        if not dialog.exec():
            return
        node = dialog.node()
        rows = list(self.controller.session.draft.extra_indicators.get(key, []))
        rows = rows + [node] if parent.id == key else with_child(rows, parent.id, node)
        self.controller.set_rows(key, rows, "添加指标")
        self.focus(f"indicators.{node.id}.target" if not node.extensible else f"indicators.{node.id}")

    def remove_row(self) -> None:
        node_id = self._current_id()
        key = self.model.own.get(node_id or "")
        if key is None:
            return
        node = self.controller.session.indicator(node_id)
        if node.children or node_id in self.controller.session.draft.indicators:
            answer = QMessageBox.question(self, "删除指标", f"删除“{node.name}”及其已填内容？（可用“撤销”恢复）")
            if answer != QMessageBox.StandardButton.Yes:
                return
        rows = self.controller.session.draft.extra_indicators.get(key, [])
        self.controller.set_rows(key, without(rows, node_id), "删除指标")

    # -- 审核 → field ---------------------------------------------------------------------
    def focus(self, address: str) -> bool:
        a = Address.parse(address)
        if a.kind != "indicators":
            return False
        return select_cell(self.view, self.model.index_of(a.id, PART_COLUMN.get(a.part, NAME)))

"""The indicator tree as a Qt item model over the session (Qt's model/view lesson).

setData only asks the controller to edit; the redraw comes back through
refresh() when the controller reports the core's Change. Checklist and bonus
items appear as child rows with check boxes.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from core.band_pick import proposed_score
from core.nature import BY_RULE as NATURE_RULES
from core.nature import retarget
from core.nature import read as read_nature
from core.nature import typed as typed_cell
from core.numbers import parse_number, plain
from core.rules import computes
from core.scoring import params_of
from core.template import RuleSpec

from .delegate import EDITOR_ROLE
from .indicator_cells import (ACTUAL, AUTO_FG, BAND, COLUMN_PART, COLUMNS, ID_ROLE, NAME, NATURE, NOTE, SCORE, TARGET,
                              UNIT, WEIGHT, CellText)
from .rows import changed, own_ids

PART_COLUMN = {"weight": WEIGHT, "target": TARGET, "actual": ACTUAL, "band": BAND, "score": SCORE,
               "override": SCORE, "note": NOTE, "checked": NAME}
MAX_ROW_SIGNALS = 200

GROUP_BG = QBrush(QColor("#eef2f7"))
READONLY_BG = QBrush(QColor("#f4f4f4"))
ERROR_BG = QBrush(QColor("#fde2e1"))
OVERRIDE_FG = QBrush(QColor("#a35200"))


class Row:
    __slots__ = ("node", "item", "parent", "children", "number")

    def __init__(self, node, parent, number, item=None):
        self.node, self.parent, self.number, self.item = node, parent, number, item
        self.children: list[Row] = []


def _items(node) -> list[dict]:
    if node.children or node.extensible or not node.rule:
        return []
    if node.rule.type in ("checklist", "bonus", "penalty"):
        return params_of(node).get("items") or []
    return []


class IndicatorModel(CellText, QAbstractItemModel):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.rows: list[Row] = []
        self.by_id: dict[str, Row] = {}
        self.own: dict[str, str] = {}
        self._findings_for = None
        self._findings: dict[tuple[str, int], list[str]] = {}
        self._marked: dict[str, list] = {}   # node id → its findings, to see which rows changed
        self.rebuild()

    # -- structure -------------------------------------------------------------------
    def rebuild(self) -> None:
        self.beginResetModel()
        self.by_id, self.rows = {}, []
        session = self.controller.session
        if session is not None:
            self.own = own_ids(session.draft)
            self.rows = self._build(session.tree, None)
        self.endResetModel()

    def _build(self, nodes, parent) -> list[Row]:
        out = []
        for i, node in enumerate(nodes):
            row = Row(node, parent, i)
            self.by_id[node.id] = row
            row.children = self._build(node.children, row)
            row.children += [Row(node, row, len(row.children) + j, item) for j, item in enumerate(_items(node))]
            out.append(row)
        return out

    def refresh(self, change=None) -> None:
        """Repaint what the change touched: the edited row, the rows whose score
        moved (the core names them), and rows whose 审核 marks came or went.
        A range over a thousand rows would make the view visit every one of them."""
        if change is not None and change.structure:
            self.rebuild()
            return
        before = self._marked
        self.finding_messages("", NAME)  # brings the marks up to date
        touched = set(change.changed_scores) if change is not None else set()
        a = _parsed(change.address) if change is not None else None
        if a is not None and a.kind == "indicators":
            touched.add(a.id)
        touched |= {nid for nid in before.keys() | self._marked.keys() if before.get(nid) != self._marked.get(nid)}
        if change is None or len(touched) > MAX_ROW_SIGNALS:
            self._repaint_all()
            return
        last = len(COLUMNS) - 1
        for node_id in touched:
            row = self.by_id.get(node_id)
            if row is None:
                continue
            index = self.createIndex(row.number, 0, row)
            self.dataChanged.emit(index, index.siblingAtColumn(last))
            items = [r for r in row.children if r.item is not None]
            if items:
                self.dataChanged.emit(self.createIndex(items[0].number, 0, items[0]),
                                      self.createIndex(items[-1].number, last, items[-1]))

    def _repaint_all(self) -> None:
        last = len(COLUMNS) - 1
        stack = [(QModelIndex(), self.rows)]
        while stack:
            parent, rows = stack.pop()
            if rows:
                self.dataChanged.emit(self.index(0, 0, parent), self.index(len(rows) - 1, last, parent))
            for r in rows:
                if r.children:
                    stack.append((self.createIndex(r.number, 0, r), r.children))

    def row_of(self, index: QModelIndex) -> Row | None:
        return index.internalPointer() if index.isValid() else None

    def index_of(self, node_id: str, column: int = NAME) -> QModelIndex:
        row = self.by_id.get(node_id)
        return self.createIndex(row.number, column, row) if row else QModelIndex()

    def cell_label(self, index: QModelIndex) -> str:
        row = self.row_of(index)
        name = row.item["label"] if row.item is not None else row.node.name
        return f"「{name}·{COLUMNS[index.column()]}」"

    # -- Qt model API -----------------------------------------------------------------
    def index(self, r, c, parent=QModelIndex()):
        rows = self.row_of(parent).children if parent.isValid() else self.rows
        if 0 <= r < len(rows) and 0 <= c < len(COLUMNS):
            return self.createIndex(r, c, rows[r])
        return QModelIndex()

    def parent(self, index=QModelIndex()):
        row = self.row_of(index)
        if row is None or row.parent is None:
            return QModelIndex()
        return self.createIndex(row.parent.number, 0, row.parent)

    def rowCount(self, parent=QModelIndex()):
        if parent.isValid():
            return len(self.row_of(parent).children) if parent.column() == 0 else 0
        return len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    # -- what a cell shows ------------------------------------------------------------
    def _score(self, node_id):
        return self.controller.result.scores.nodes.get(node_id)

    def _entry(self, node_id):
        return self.controller.session.draft.indicators.get(node_id)

    def is_group(self, row: Row) -> bool:
        return row.item is None and bool(row.node.children or row.node.extensible)

    def is_structure(self, index: QModelIndex) -> bool:
        row = self.row_of(index)
        return row is None or row.item is not None or self.is_group(row)

    def editable(self, row: Row, column: int) -> bool:
        node = row.node
        if row.item is not None:
            return False
        if column == NAME:
            return node.id in self.own
        if column == WEIGHT:
            return node.id in self.own and node.weight is not None
        if self.is_group(row):
            return False
        rule = node.rule.type if node.rule else "manual"
        if column == NATURE:   # it picks the rule: the template's rows keep theirs
            return node.id in self.own and (rule in NATURE_RULES or rule == "manual")
        if column == BAND:
            return rule == "qualitative"
        if column == ACTUAL:
            ns = self._score(node.id)
            return not (ns and ns.actual_computed)
        if column == SCORE:
            ns = self._score(node.id)
            return not computes(node) and not (ns and ns.overridden)
        return column in (TARGET, UNIT, ACTUAL, NOTE)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row = self.row_of(index)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if row.item is not None and index.column() == NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if self.editable(row, index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = self.row_of(index), index.column()
        if row.item is not None:
            return self._item_data(row, col, role)
        node = row.node
        ns = self._score(node.id)
        R = Qt.ItemDataRole
        if role == R.DisplayRole:
            return self._display(row, col, ns)
        if role == R.EditRole:
            return self._edit_text(row, col)
        if role == ID_ROLE:
            return node.id
        if role == EDITOR_ROLE:
            return self._editor(row, col, ns)
        if role == R.FontRole:
            return self._font(row, col, ns)
        if role == R.ForegroundRole and col == SCORE and ns and ns.leaf:
            return OVERRIDE_FG if ns.overridden else AUTO_FG if ns.auto else None
        if role == R.BackgroundRole:
            if self.finding_messages(node.id, col):
                return ERROR_BG
            if self.is_group(row):
                return GROUP_BG
            return None if self.editable(row, col) or col == NAME else READONLY_BG
        if role == R.ToolTipRole:
            return self._tooltip(row, col, ns)
        if role == R.TextAlignmentRole and col in (WEIGHT, SCORE):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    # -- editing ----------------------------------------------------------------------
    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if not index.isValid():
            return False
        row, col = self.row_of(index), index.column()
        node_id = row.node.id
        if row.item is not None and role == Qt.ItemDataRole.CheckStateRole:
            entry = self._entry(node_id)
            checked = dict(entry.checked) if entry else {}
            checked[row.item["id"]] = Qt.CheckState(value) == Qt.CheckState.Checked
            self.controller.edit(f"indicators.{node_id}.checked", checked,
                                 text=f"勾选「{row.item['label']}」" if checked[row.item["id"]] else f"取消勾选「{row.item['label']}」",
                                 mergeable=False)
            return True
        if role != Qt.ItemDataRole.EditRole or not self.editable(row, col):
            return False
        text = "" if value is None else str(value)
        if col in (NAME, WEIGHT):
            self.edit_own_row(node_id, col, text)
        elif col == NATURE:
            self.set_nature(row.node, text)
        elif col in (TARGET, UNIT):
            self.edit_target(row.node, col, text)
        elif col == BAND:
            self.pick_band(row.node, text or None)
        else:
            self.controller.edit(f"indicators.{node_id}.{COLUMN_PART[col]}", text or None)
        return True

    def pick_band(self, node, band: str | None) -> None:
        """A 评价档次 picked: with it, in the same undo step, the band's top score
        (core.band_pick) unless the score typed already lies inside the band."""
        entry = self._entry(node.id)
        if band == (entry.band if entry else None):
            return
        score = proposed_score(node, band, entry.score if entry else None)
        if score is None:
            self.controller.edit(f"indicators.{node.id}.band", band, mergeable=False)
            return
        with self.controller.macro(f"评为「{band}」，得分 {plain(score)}"):
            self.controller.edit(f"indicators.{node.id}.band", band, mergeable=False)
            self.controller.edit(f"indicators.{node.id}.score", plain(score), mergeable=False)

    def edit_target(self, node, col: int, text: str) -> None:
        """指标值 or 度量单位 typed: the one target text rebuilt by core.nature.typed; a
        sign that picks another nature moves a clerk's own row's rule in the same step."""
        rule = node.rule.type if node.rule else None
        new, picked = typed_cell(rule, self.target_text(node), "unit" if col == UNIT else "value", text,
                                 self.controller.template.indicator_columns)
        if new is None:
            return   # refused as typed (the editor allows no digit); nothing to carry a unit
        if picked is not None and node.id in self.own:
            self.set_nature(node, picked.word, target=new)   # "≥90" typed into a 反向 row: now 正向
        elif col == UNIT:
            self.controller.edit(f"indicators.{node.id}.target", new, text="修改度量单位", mergeable=False)
        else:
            self._store_target(node, new)

    def _store_target(self, node, new: str) -> None:
        """A clerk's own row keeps the 指标值 given when it was added in its definition;
        the draft's entry overrides it. Emptied, both go, or the old one would come back."""
        if not new and node.id in self.own and node.target:
            key = self.own[node.id]
            rows = self.controller.session.draft.extra_indicators.get(key, [])
            with self.controller.macro("清空指标值"):
                self.controller.set_rows(key, changed(rows, node.id, target=None), "清空指标值")
                self.controller.edit(f"indicators.{node.id}.target", None, mergeable=False)
            return
        self.controller.edit(f"indicators.{node.id}.target", new or None)

    def set_nature(self, node, text: str, target: str | None = None) -> None:
        """指标性质 picked for a row of the clerk's own: it sets the rule (正向 → by
        completion ratio, 反向 → lower is better, 定性 → bands) and the sign before a
        bare 指标值, in one undo step. `target`: the 指标值 typed with that sign."""
        nature, sign = read_nature(text)
        if nature is None:
            return
        current = self.target_text(node)
        target = retarget(current, nature, sign) if target is None else target
        rule = node.rule.type if node.rule else "manual"
        if rule == nature.rule and target == current:
            return   # nothing changes (a worded 指标值 keeps its own comparison)
        with self.controller.macro(f"指标性质改为「{text}」"):
            if rule != nature.rule:
                key = self.own[node.id]
                rows = self.controller.session.draft.extra_indicators.get(key, [])
                self.controller.set_rows(key, changed(rows, node.id, rule=RuleSpec(type=nature.rule)), "修改指标性质")
            if target != current:
                self.controller.edit(f"indicators.{node.id}.target", target or None, mergeable=False)

    def edit_own_row(self, node_id: str, col: int, text: str) -> None:
        key = self.own[node_id]
        rows = self.controller.session.draft.extra_indicators.get(key, [])
        if col == NAME:
            if not text.strip():
                return
            update, label = {"name": text.strip()}, "修改指标名称"
        else:
            value = parse_number(text).value
            if value is None or value < 0:
                return
            update, label = {"weight": value}, "修改分值"
        self.controller.set_rows(key, changed(rows, node_id, **update), label)

    # -- findings ---------------------------------------------------------------------
    def finding_messages(self, node_id: str, col: int) -> list[str]:
        result = self.controller.result
        if self._findings_for is not result:
            self._findings_for = result
            self._findings, self._marked = {}, {}
            for f in result.findings:
                a = _parsed(f.field)
                if a is not None and a.kind == "indicators" and f.severity == "error":
                    self._findings.setdefault((a.id, PART_COLUMN.get(a.part, NAME)), []).append(f.message)
                    self._marked.setdefault(a.id, []).append(f.message)
        return self._findings.get((node_id, col), [])


def _parsed(address: str):
    """The Address, or None for text that is not one (a template check may name anything)."""
    from core.address import Address
    try:
        return Address.parse(address)
    except KeyError:
        return None

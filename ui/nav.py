"""The navigation list, built from the template: 基本信息 and the other field
groups, each money grid, 绩效指标, the report sections, 签章信息 last."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from core.format import heading_number


KEY_ROLE = 256   # Qt.ItemDataRole.UserRole by number: the first frame never touches `Qt` (launch.py)


@dataclass
class Part:
    """One entry of the navigation: a page, or a heading that opens its first page."""
    key: str            # route for focus: "fields.<id>", "grids.<id>", "indicators", "sections.<id>"
    title: str
    depth: int = 0
    kind: str = ""      # fields | grid | indicators | section | heading
    source: object = None


def parts(template) -> list[Part]:
    signature = set(template.signature.fields)
    # a group mostly made of signature fields is the 签章 block: it goes last, as on paper
    is_sign = [sum(f.id in signature for f in g.fields) * 2 > len(g.fields) for g in template.field_groups]
    out = [Part(f"group.{g.id}", g.title, 0, "fields", g) for g, s in zip(template.field_groups, is_sign) if not s]
    out += [Part(f"grids.{g.id}", g.title, 0, "grid", g) for g in template.grids]
    if template.indicators:
        out.append(Part("indicators", "绩效指标", 0, "indicators"))
    if template.report and template.report.sections:
        out.append(Part("report", "自评报告", 0, "heading"))

        def walk(sections, depth):
            for i, sec in enumerate(sections, 1):
                title = heading_number(depth, i) + sec.title
                out.append(Part(f"sections.{sec.id}", title, depth, "heading" if sec.children else "section", sec))
                walk(sec.children, depth + 1)
        walk(template.report.sections, 1)
    out += [Part(f"group.{g.id}", g.title, 0, "fields", g) for g, s in zip(template.field_groups, is_sign) if s]
    return out


class NavTree(QTreeWidget):
    """Parts as a tree; a heading (自评报告, 一、基本情况) opens its first page."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setObjectName("nav")
        self.setRootIsDecorated(False)
        self.setIndentation(14)
        self.items: dict[str, QTreeWidgetItem] = {}

    def fill(self, all_parts: list[Part]) -> None:
        self.clear()
        self.items = {}
        stack: list[QTreeWidgetItem] = []
        for part in all_parts:
            parent = stack[part.depth - 1] if part.depth and len(stack) >= part.depth else None
            item = QTreeWidgetItem([part.title])
            item.setData(0, KEY_ROLE, part.key)
            item.setToolTip(0, part.title)
            (parent.addChild(item) if parent else self.addTopLevelItem(item))
            if part.kind == "heading":
                stack = stack[: part.depth] + [item]
            self.items[part.key] = item
        self.expandAll()

    def select(self, key: str) -> None:
        item = self.items.get(key)
        if item is not None and self.currentItem() is not item:
            self.setCurrentItem(item)

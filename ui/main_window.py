"""The main window: navigation | page | score panel + 审核. It only arranges;
editing goes through the controller, files and exports through their helpers."""

from __future__ import annotations

import os

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QStackedWidget, QWidget

from core.session import Change

from . import appearance, settings
from .actions import build_actions
from .controller import Controller
from .files import FileActions
from .folders import FolderActions
from .findings_panel import FindingsPanel
from .first_frame import after_first_paint
from .nav import KEY_ROLE, NavTree, parts
from .score_panel import ScorePanel

APP_TITLE = "绩效自评填报"


class MainWindow(QMainWindow):
    def __init__(self, controller: Controller | None = None):
        super().__init__()
        self.controller = controller or Controller(self)
        self.files = FileActions(self)
        self.folders = FolderActions(self)
        self._exports = None
        self.nav = NavTree(self)
        self.stack = QStackedWidget(self)
        self.score_panel: ScorePanel | None = None
        self.findings: FindingsPanel | None = None
        self.pages: dict[str, QWidget] = {}
        self.parts: dict = {}
        # The orientation by name and the parent by keyword (QSplitter(self) is matched against
        # QSplitter(Qt.Orientation)): the first frame never touches `Qt` (launch.py).
        self.side = QSplitter(parent=self)
        self.side.setProperty("orientation", "Vertical")
        self.side.setObjectName("side")
        self.split = QSplitter(parent=self)   # horizontal
        self.split.addWidget(self.nav)
        self.split.addWidget(self.stack)
        self.split.addWidget(self.side)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([210, 960, 300])
        self.setCentralWidget(self.split)
        self.actions_by_name = build_actions(self)
        self.autosave_label = QLabel()
        self.statusBar().addPermanentWidget(self.autosave_label)
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.controller.changed.connect(self._changed)
        self.controller.loaded.connect(self._loaded)
        self.controller.loaded.connect(self._leave_start)
        self.controller.checked.connect(self._checked)
        self.controller.stack.cleanChanged.connect(self._clean_changed)
        self.controller.autosaved.connect(self._autosaved)
        self.controller.autosave_failed.connect(self._autosave_failed)
        geometry = settings.get("geometry")
        if not (geometry and self.restoreGeometry(geometry)):
            appearance.fit_to_screen(self, 1760, 1000)  # 1366×768 and 1920×1080 alike: nearly the whole screen
        if self.controller.session is not None:
            self._loaded()

    # -- building the pages for the open draft ---------------------------------------------
    def _loaded(self) -> None:
        """Another draft: new parts, pages made when first shown (start-up time)."""
        while self.stack.count():
            page = self.stack.widget(0)
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = {}
        all_parts = parts(self.controller.template)
        self.parts = {p.key: p for p in all_parts if p.kind != "heading"}
        for panel in (self.score_panel, self.findings):
            if panel is not None:
                # out of the splitter now, not at deleteLater's turn: setSizes below would
                # otherwise share the height among four panels and give the 审核 list none
                panel.hide()
                panel.setParent(None)
                panel.deleteLater()
        self.score_panel = ScorePanel(self.controller, self.side)
        self.findings = FindingsPanel(self.controller, self.side)
        self.findings.activated.connect(self.focus_address)
        self.side.addWidget(self.score_panel)
        self.side.addWidget(self.findings)
        self.side.setStretchFactor(0, 0)
        self.side.setStretchFactor(1, 1)
        self.side.setSizes([self.score_panel.sizeHint().height(), 10_000])
        self.nav.fill(all_parts)
        first = next(iter(self.parts), None)
        if first:
            self.show_page(first)
        self.update_title()
        self.setWindowModified(self.controller.is_modified())
        # 审核 once the total is on screen; the panels say so then (also when a page or an
        # export read the findings, and so ran 审核, before that)
        if self.isVisible():
            QTimer.singleShot(0, self.controller, self.controller.finish_checks)
        else:
            after_first_paint(self, self.controller.finish_checks)

    # -- the start page (no draft open) ----------------------------------------------------
    DRAFT_ACTIONS = ("save", "save_as", "preview", "print", "export_docx", "export_xlsx", "export_pdf", "check", "find")

    def show_start(self) -> None:
        from .start_page import StartPage
        page = StartPage(self, self.stack)
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.nav.hide()
        self.side.hide()
        for name in self.DRAFT_ACTIONS:
            if name in self.actions_by_name:
                self.actions_by_name[name].setEnabled(False)
        self.setWindowTitle(APP_TITLE)

    def _leave_start(self) -> None:
        self.nav.show()
        self.side.show()
        for name in self.DRAFT_ACTIONS:
            if name in self.actions_by_name:
                self.actions_by_name[name].setEnabled(True)

    def page(self, key: str) -> QWidget | None:
        """The page for a part, made on first use."""
        if key not in self.pages and key in self.parts:
            page = self._page(self.parts[key])
            self.pages[key] = page
            self.stack.addWidget(page)
        return self.pages.get(key)

    def _page(self, part):
        # Each kind of page is imported when first shown: start-up pays only for the first.
        c = self.controller
        if part.kind == "fields":
            from .pages.fields import FieldsPage
            return FieldsPage(c, part.source, self)
        if part.kind == "grid":
            from .pages.grid import GridPage
            return GridPage(c, part.source, self)
        if part.kind == "indicators":
            from .pages.indicators import IndicatorPage
            return IndicatorPage(c, self)
        if part.kind == "section":
            from .pages.section import SectionPage
            return SectionPage(c, part.source, part.title, self)
        return None

    @property
    def exports(self):
        """Print and export, set up on first use (they are not needed to show the window)."""
        if self._exports is None:
            from .exporting import ExportActions
            self._exports = ExportActions(self)
        return self._exports

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _autosaved(self, hhmm: str) -> None:
        self.autosave_label.setText(f"已自动保存 {hhmm}")

    def _autosave_failed(self, reason: str) -> None:
        self.statusBar().showMessage(f"自动保存失败：{reason}", 10_000)

    def update_title(self) -> None:
        s = self.controller.session
        name = os.path.basename(s.path) if s and s.path else getattr(self, "untitled_name", "未命名草稿")
        self.setWindowTitle(f"{name}[*] — {APP_TITLE}")

    # -- keeping every view in step ------------------------------------------------------
    def _changed(self, change) -> None:
        self.score_panel.refresh(change)
        self.findings.refresh(change)
        current = self.stack.currentWidget()
        for page in self.pages.values():
            if page is current or change.structure:
                page.refresh(change)
            else:
                page.setProperty("stale", True)  # redrawn when shown: typing stays fast
        if change.structure:
            self.score_panel.reload()
        if isinstance(change.new, str):   # a text too long for an export's table cell: say what happens
            from .exporting import long_text_hint
            long_text_hint(self, change)

    def _checked(self) -> None:
        """The opened draft's 审核 arrived: the list, the verdict and the marks on the pages,
        not their values (the clerk may be typing already)."""
        self.score_panel.update_figures()
        self.findings.reload()
        total = self.controller.result.scores.total
        current = self.stack.currentWidget()
        for page in self.pages.values():
            if hasattr(page, "show_findings"):      # a form: its marks only
                page.show_findings()
            elif page is current:                   # a table: its model reads scores and marks
                page.refresh(Change("", None, None, total_before=total, total_after=total))
            else:
                page.setProperty("stale", True)

    def _nav_changed(self, item, _previous=None) -> None:
        if item is None:
            return
        key = item.data(0, KEY_ROLE)
        page = self.page(key)
        if page is None and item.childCount():  # a heading: its first page
            self.nav.setCurrentItem(item.child(0))
            return
        if page is not None:
            if page.property("stale"):
                page.setProperty("stale", False)
                page.reload()
            self.stack.setCurrentWidget(page)

    def show_page(self, key: str) -> QWidget | None:
        self.nav.select(key)
        page = self.page(key)
        if page is not None and self.stack.currentWidget() is not page:
            self._nav_changed(self.nav.items.get(key))
        return page

    def focus_address(self, address: str) -> bool:
        """Move to the page and widget a finding is about."""
        from core.address import Address
        try:
            a = Address.parse(address)
        except KeyError:
            return False
        key = {"fields": lambda: self._group_of(a.id), "grids": lambda: f"grids.{a.id}",
               "indicators": lambda: "indicators", "sections": lambda: f"sections.{a.id}"}[a.kind]()
        page = self.show_page(key) if key else None
        return bool(page) and page.focus(address)

    def _group_of(self, field_id: str) -> str | None:
        for g in self.controller.template.field_groups:
            if any(f.id == field_id for f in g.fields):
                return f"group.{g.id}"
        return None

    def run_check(self) -> None:
        """审核 on demand: show the panel's figures and go to the first problem."""
        findings = self.controller.result.findings
        self.findings.reload()
        if not findings:
            self.statusBar().showMessage("审核完成：未发现问题", 8000)
            return
        self.statusBar().showMessage(f"审核完成：{self.controller.result.tally}", 8000)
        self.findings.list.setCurrentRow(0)
        self.focus_address(findings[0].field)

    def toggle_large_font(self) -> None:
        large = self.actions_by_name["large_font"].isChecked()
        settings.put("large_font", large)
        appearance.set_large(large)

    # -- closing -------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if not self.files.confirm_discard("关闭"):
            event.ignore()
            return
        settings.put("geometry", self.saveGeometry())
        self.controller.close()
        event.accept()

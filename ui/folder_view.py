"""文件 → 打开文件夹: every draft of a year folder in one sortable, filterable list.

Files are read in a background thread (core.folder.read_entry, one at a time)
so a folder of hundreds of drafts never freezes the window; rows appear as they
are read, with a progress bar and 取消. Double-click opens a draft in the main
window; saving a draft that lies in the folder refreshes its row. 全部审核
re-reads everything and lists what fails; 全部导出 and 汇总表 write files.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QSortFilterProxyModel, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox,
                               QProgressBar, QProgressDialog, QPushButton, QTableView, QVBoxLayout, QWidget)

from core.folder import (BROKEN, DONE, DRAFT, FAILING, UNSCORED, Entry, counts_line, draft_files, file_stamp,
                         is_draft_name, mark_duplicates, read_entry)
from core.format import money, num, pct

from . import settings

COLUMNS = ["状态", "单位", "项目", "年度", "全年预算数", "全年执行数", "执行率", "总分", "等级", "错误", "提醒",
           "模板", "最后保存", "文件"]
NUMERIC = (4, 5, 6, 7, 9, 10)
FILTERS = {"全部": None, UNSCORED: UNSCORED, FAILING: FAILING, DONE: DONE, "文件有问题": "problem"}
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SYNC_DELAY_MS = 300   # after the last change in a watched folder
BATCH_SECONDS = 0.1   # rows reach the list at most this late
PAUSE = 0.01          # seconds the reader yields after each batch
RED, AMBER, GREY = QColor("#c0392b"), QColor("#b9770e"), QColor("#7f8c8d")


class Reader(QThread):
    """Reads the folder's files one by one and hands them over in small batches
    (one signal per batch: each row the window adds needs the GIL back from this
    thread, so fewer, larger hand-overs keep the window's thread turning)."""
    counted = Signal(int)               # how many files there are
    read = Signal(int, object)          # files read so far, [core.folder.Entry, …]

    def __init__(self, folder: Path, parent=None):
        super().__init__(parent)
        self.folder = folder
        self.cancelled = False

    def run(self) -> None:
        from core.registry import scan
        files = list(draft_files(self.folder))
        self.counted.emit(len(files))
        installed = scan()
        batch, sent = [], time.monotonic()
        for i, path in enumerate(files):
            if self.cancelled:
                return
            try:
                entry = read_entry(path, installed)
            except Exception as exc:  # noqa: BLE001 - one odd file must not stop the list
                entry = Entry(path, BROKEN, f"读取时出错：{exc}")
            batch.append(entry)
            if time.monotonic() - sent >= BATCH_SECONDS or i == len(files) - 1:
                self.read.emit(i + 1, batch)
                batch, sent = [], time.monotonic()
                # drop the GIL for a moment: the window adds the rows while this thread waits
                time.sleep(PAUSE)


class Filter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.state: str | None = None
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def filterAcceptsRow(self, row: int, parent) -> bool:
        item = self.sourceModel().item(row, 0)
        entry: Entry = item.data(ENTRY_ROLE) if item else None
        if entry is None:
            return False
        if self.state == "problem":
            if entry.kind == DRAFT and not entry.duplicates:
                return False
        elif self.state is not None and self.state not in entry.states:
            return False
        if self.text:
            hay = " ".join((entry.unit, entry.project, entry.template_name, entry.path.name, entry.year))
            return self.text.lower() in hay.lower()
        return True


def row_items(entry: Entry, folder: Path) -> list[QStandardItem]:
    """One row: the text shown (formatted by core.format) and a sort key per cell."""
    try:
        name = str(entry.path.relative_to(folder))
    except ValueError:
        name = str(entry.path)
    state = entry.state
    if entry.kind != DRAFT:   # the reason where the project's name would be
        cells = [(state, state), ("", ""), (entry.reason, entry.reason)] + [("", "")] * (len(COLUMNS) - 4)
    else:
        def n(v):
            return float(v) if v is not None else -1.0   # a sort key only; the text shows the exact figure
        cells = [(state, state), (entry.unit, entry.unit), (entry.project, entry.project), (entry.year, entry.year),
                 (money(entry.budget), n(entry.budget)), (money(entry.actual), n(entry.actual)),
                 (pct(entry.rate), n(entry.rate)), (num(entry.total) if entry.total is not None else "—", n(entry.total)),
                 (entry.grade or "—", entry.grade), (str(len(entry.errors)), len(entry.errors)),
                 (str(entry.warnings), entry.warnings), (entry.template_name, entry.template_name),
                 (entry.saved[:16].replace("T", " "), entry.saved)]
    cells.append((name, name))
    items = []
    colour = (GREY if entry.kind != DRAFT else RED if entry.errors or entry.kind == BROKEN
              else AMBER if entry.duplicates else None)
    tip = "\n".join(entry.errors[:10]) if entry.errors else entry.reason
    if entry.duplicates:
        tip = (tip + "\n" if tip else "") + "同一项目另有草稿：" + "、".join(p.name for p in entry.duplicates)
    for col, (text, key) in enumerate(cells):
        item = QStandardItem(text)
        item.setEditable(False)
        item.setData(key, SORT_ROLE)
        if col in NUMERIC:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if colour is not None and col == 0:
            item.setForeground(colour)
        item.setToolTip(tip or text)   # the whole text of a cut cell
        items.append(item)
    items[0].setData(entry, ENTRY_ROLE)
    return items


class FolderWindow(QWidget):
    """A window of its own beside the main one, so the clerk can keep both open."""

    def __init__(self, main_window, folder: str):
        super().__init__(None, Qt.WindowType.Window)
        self.main = main_window
        self.folder = Path(folder)
        self.entries: list[Entry] = []
        self.reader: Reader | None = None
        self._reading = False
        self.after_read = None            # called once when a full read ends (全部审核's report)
        self.setWindowTitle(f"草稿文件夹 — {self.folder}")
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(COLUMNS)
        self.proxy = Filter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(len(COLUMNS) - 1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)   # a file name is cut at its end, not wrapped at its hyphens
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self.open_row)
        for col, width in enumerate([80, 170, 250, 45, 80, 80, 70, 50, 40, 40, 40, 110, 125]):
            self.view.setColumnWidth(col, width)

        self.filter = QComboBox(self)
        self.filter.addItems(list(FILTERS))
        self.filter.currentTextChanged.connect(self._filter_changed)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("查找单位、项目或文件名")
        self.search.textChanged.connect(self._search_changed)
        top = QHBoxLayout()
        top.addWidget(QLabel("显示："))
        top.addWidget(self.filter)
        top.addWidget(self.search, 1)
        self.check_all_button = QPushButton("全部审核")
        self.check_all_button.clicked.connect(self.check_all)
        self.export_button = QPushButton("全部导出…")
        self.export_button.clicked.connect(self.export_all)
        self.summary_button = QPushButton("汇总表…")
        self.summary_button.clicked.connect(self.write_summary)
        self.text_button = QPushButton("报告用语…")
        self.text_button.setToolTip("部门整体自评报告中“项目支出绩效自评情况”可用的一段话，数字与汇总表相同")
        self.text_button.clicked.connect(self.show_report_text)
        self.receive_button = QPushButton("收取草稿…")
        self.receive_button.setToolTip("把下属单位发来的草稿复制到本文件夹：不覆盖已有文件，同一项目会提示")
        self.receive_button.clicked.connect(self.receive)
        self.batch_buttons = (self.check_all_button, self.export_button, self.summary_button, self.text_button,
                              self.receive_button)
        for b in self.batch_buttons:
            top.addWidget(b)

        self.progress = QProgressBar(self)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.clicked.connect(self.cancel)
        self.counts = QLabel(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counts, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.resize(1280, 640)
        main_window.controller.stack.cleanChanged.connect(self._maybe_saved)
        # Any save into the folder (ours replaces the file by a rename), a file copied in or
        # deleted changes its directory: the rows of that directory are brought up to date.
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._directory_changed)
        self.changed_dirs: set[Path] = set()
        self.sync_timer = QTimer(self, singleShot=True, interval=SYNC_DELAY_MS)
        self.sync_timer.timeout.connect(self.sync)

    # -- reading -------------------------------------------------------------------------
    def start(self) -> None:
        """(Re)read the whole folder in the background."""
        self.cancel()
        self.entries = []
        self.model.removeRows(0, self.model.rowCount())
        self.reader = reader = Reader(self.folder, self)
        # signals of a reader replaced by a new reading may still be queued: ignored
        reader.counted.connect(lambda n: reader is self.reader and self._counted(n))
        reader.read.connect(lambda i, e: reader is self.reader and not reader.cancelled and self._read(i, e))
        reader.finished.connect(lambda: reader is self.reader and self._finished())
        self._reading = True
        self._busy(True)
        self.view.setSortingEnabled(False)   # re-sorting on every arriving row costs the window's turns
        self.counts.setText("正在读取…")
        self.reader.start()

    def reading(self) -> bool:
        """True until the last row is in and the counts are shown."""
        return self._reading

    def cancel(self) -> None:
        if self.reader is not None:
            self.reader.cancelled = True
            self.reader.wait()

    def _counted(self, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)

    def _read(self, done: int, batch: list[Entry]) -> None:
        for entry in batch:
            self.entries.append(entry)
            self.model.appendRow(row_items(entry, self.folder))
        self.progress.setValue(done)

    def _finished(self) -> None:
        cancelled = self.reader is not None and self.reader.cancelled
        self._watch()
        self._refresh_duplicates()
        self.view.setSortingEnabled(True)
        self._busy(False)
        self._reading = False
        self._show_counts(cancelled)
        done, self.after_read = self.after_read, None
        if done is not None and not cancelled:
            done()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        for b in self.batch_buttons:
            b.setEnabled(not busy)

    def _refresh_duplicates(self, force: Path | None = None) -> None:
        """Mark drafts of the same project; only rows whose marking changed are rebuilt
        (and `force`'s, a file just re-read)."""
        before = {id(e): list(e.duplicates) for e in self.entries}
        mark_duplicates(self.entries)
        for row in range(self.model.rowCount()):
            entry = self.model.item(row, 0).data(ENTRY_ROLE)
            if entry.duplicates != before.get(id(entry)) or entry.path == force:
                self._set_row(row, entry)

    def _set_row(self, row: int, entry: Entry) -> None:
        for col, item in enumerate(row_items(entry, self.folder)):
            self.model.setItem(row, col, item)

    def _show_counts(self, cancelled: bool = False) -> None:
        self.counts.setText(("（已取消，只读了一部分）" if cancelled else "") + counts_line(self.entries))

    def _filter_changed(self, text: str) -> None:
        self.proxy.state = FILTERS.get(text)
        self.proxy.invalidateFilter()

    def _search_changed(self, text: str) -> None:
        self.proxy.text = text.strip()
        self.proxy.invalidateFilter()

    def visible_entries(self) -> list[Entry]:
        return [self.proxy.index(r, 0).data(ENTRY_ROLE) for r in range(self.proxy.rowCount())]

    # -- opening and saving ----------------------------------------------------------------
    def open_row(self, index) -> None:
        entry: Entry = self.proxy.index(index.row(), 0).data(ENTRY_ROLE)
        if entry is None or entry.kind != DRAFT:
            QMessageBox.information(self, "打开草稿", f"“{entry.path.name}”{entry.state}：{entry.reason}")
            return
        files = self.main.files
        if files.confirm_discard("打开") and files.open_path(str(entry.path)):
            self.main.raise_()
            self.main.activateWindow()

    def _maybe_saved(self, clean: bool) -> None:
        """A draft saved into this folder: its row shows the new figures (or a new row)."""
        path = self.main.controller.session.path if self.main.controller.session else None
        if not clean or not path or self.reading():
            return
        path = Path(path)
        if self.folder.resolve() not in path.resolve().parents:
            return
        current = next((e for e in self.entries if e.path.resolve() == path.resolve()), None)
        if current is None or current.stamp != file_stamp(path):
            self.refresh_file(path)

    def refresh_file(self, path: Path) -> None:
        from core.registry import scan
        entry = read_entry(path, scan())
        for row in range(self.model.rowCount()):
            old = self.model.item(row, 0).data(ENTRY_ROLE)
            if old.path.resolve() == path.resolve():
                entry.path = old.path
                self.entries[self.entries.index(old)] = entry
                self.model.item(row, 0).setData(entry, ENTRY_ROLE)
                break
        else:
            self.entries.append(entry)
            self.model.appendRow(row_items(entry, self.folder))
        self._refresh_duplicates(force=entry.path)
        self._show_counts()

    def _watch(self) -> None:
        dirs = [str(self.folder)] + [str(Path(d) / n) for d, names, _ in os.walk(self.folder)
                                      for n in names if not n.startswith(".")]
        new = [d for d in dirs if d not in set(self.watcher.directories())]
        if new:
            self.watcher.addPaths(new)

    def _directory_changed(self, path: str) -> None:
        self.changed_dirs.add(Path(path))
        self.sync_timer.start()      # a save is several renames: wait until they settle

    def sync(self) -> None:
        """Rows for the changed directories: new files read, changed ones re-read, gone ones removed."""
        if self.reading():
            self.sync_timer.start()
            return
        dirs, self.changed_dirs = self.changed_dirs, set()
        for folder in dirs:
            present = {folder / n for n in (os.listdir(folder) if folder.is_dir() else []) if is_draft_name(n)}
            for row in reversed(range(self.model.rowCount())):
                entry = self.model.item(row, 0).data(ENTRY_ROLE)
                if entry.path.parent == folder and entry.path not in present:
                    self.entries.remove(entry)
                    self.model.removeRow(row)
            known = {e.path: e.stamp for e in self.entries}
            for path in sorted(present):
                if path.is_file() and known.get(path) != file_stamp(path):
                    self.refresh_file(path)
        self._watch()                # a new sub-folder is watched too
        self._refresh_duplicates()
        self._show_counts()

    # -- batch work --------------------------------------------------------------------------
    def check_all(self) -> None:
        """Re-read every draft (another program or colleague may have changed them) and list what fails."""
        self.after_read = self._report_check
        self.start()

    def _report_check(self) -> None:
        failing = [e for e in self.entries if e.errors or e.kind == BROKEN or e.duplicates]
        if not failing:
            QMessageBox.information(self, "全部审核", f"{len(self.entries)} 个文件均无错误。")
            return
        lines = []
        for e in failing[:30]:
            why = e.errors[0] if e.errors else e.reason if e.kind == BROKEN else "同一项目另有草稿"
            lines.append(f"· {e.path.name}：{why}" + (f"（另有 {len(e.errors) - 1} 个错误）" if len(e.errors) > 1 else ""))
        more = f"\n……另有 {len(failing) - 30} 个" if len(failing) > 30 else ""
        QMessageBox.warning(self, "全部审核", f"{len(failing)} 个文件需要处理：\n" + "\n".join(lines) + more)

    def export_all(self, out: str | None = None, formats=("docx", "xlsx", "pdf")) -> None:
        drafts = [e for e in self.entries if e.kind == DRAFT]
        if not drafts:
            QMessageBox.information(self, "全部导出", "文件夹中没有可导出的草稿。")
            return
        if out is None:
            out = QFileDialog.getExistingDirectory(self, "导出到哪个文件夹", settings.get("last_dir") or str(self.folder))
            if not out:
                return
        BatchExport(self, drafts, Path(out), list(formats)).start()

    def write_summary(self, out: str | None = None) -> None:
        """The 汇总表 of each kind of draft the folder holds (项目支出; 部门整体 for a 主管部门's
        下属单位), Excel and Word, into one folder."""
        from core.summary import summarize
        from exporters.summary import TITLES
        sums = {kind: summarize(self.entries, kind) for kind in TITLES}
        sums = {kind: s for kind, s in sums.items() if s.rows}
        if not sums:
            QMessageBox.information(self, "汇总表", "文件夹中没有可汇总的草稿。")
            return
        if out is None:
            out = QFileDialog.getExistingDirectory(self, "汇总表存到哪个文件夹", str(self.folder))
            if not out:
                return
        from core.errors import SaveError, TemplateError
        from core.outputs import write_export
        from exporters.summary import context, render
        written = []
        try:
            for kind, s in sums.items():
                ctx = context(s, kind=kind)
                for fmt in ("xlsx", "docx"):
                    written.append(str(write_export(Path(out) / f"{TITLES[kind]}.{fmt}", render(fmt, ctx))[0]))
        except (SaveError, TemplateError) as exc:
            QMessageBox.warning(self, "汇总表", f"未能写出汇总表：{exc}")
            return
        self.last_written = written
        QMessageBox.information(self, "汇总表", "已写出：\n" + "\n".join(written))

    def show_report_text(self) -> None:
        from core.summary import starter_text, summarize
        self.report_dialog = report_text_dialog(self, starter_text(summarize(self.entries)), self.main.controller)
        self.report_dialog.open()

    def receive(self, paths: list[str] | None = None) -> None:
        """Drafts sent by 下属单位 copied in; nothing is overwritten, the same project is flagged."""
        if paths is None:
            from .files import DRAFT_FILTER
            paths, _ = QFileDialog.getOpenFileNames(self, "收取草稿（复制到本文件夹）", "", DRAFT_FILTER)
            if not paths:
                return
        from core.folder import receive
        results = receive([Path(p) for p in paths], self.folder)
        lines = []
        for r in results:
            if r.target is None:
                lines.append(f"· 未收取 {r.source.name}：{r.reason}")
                continue
            self.refresh_file(r.target)
            renamed = f"（同名文件已有，存为 {r.target.name}）" if r.target.name != r.source.name else ""
            same = (f"；与已有的 {'、'.join(p.name for p in r.same_project)} 为同一项目，两份都已保留，请核对"
                    if r.same_project else "")
            lines.append(f"· 已收取 {r.source.name}{renamed}{same}")
        self.received = results
        warn = any(r.target is None or r.same_project for r in results)
        (QMessageBox.warning if warn else QMessageBox.information)(self, "收取草稿", "\n".join(lines))


def report_text_dialog(parent, text: str, controller=None):
    """The sentence in a box the clerk can select from, with 复制; when the open draft
    has a report, 插入到报告 appends it to a chosen section (one undo step)."""
    from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPlainTextEdit
    dialog = QDialog(parent)
    dialog.setWindowTitle("报告用语")
    edit = QPlainTextEdit(text, dialog)
    edit.setReadOnly(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    copy = buttons.addButton("复制", QDialogButtonBox.ButtonRole.ActionRole)
    copy.clicked.connect(lambda: QApplication.clipboard().setText(text))
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("可用于部门整体自评报告的项目支出部分（数字与汇总表相同）："))
    layout.addWidget(edit)
    sections = list(controller.template.report_sections()) if controller and controller.session else []
    if sections:
        row = QHBoxLayout()
        dialog.section = QComboBox(dialog)
        for depth, section in sections:
            dialog.section.addItem("　" * (depth - 1) + section.title, section.id)
        # a section about projects is the likely place (广东：各重点任务项目支出完成情况分析)
        dialog.section.setCurrentIndex(next((i for i, (_, sec) in enumerate(sections) if "项目" in sec.title), 0))
        insert = QPushButton("插入到报告")
        insert.setToolTip("接在所选章节已有文字之后；可撤销")

        def put():
            sid = dialog.section.currentData()
            old = controller.value(f"sections.{sid}") or ""
            controller.edit(f"sections.{sid}", (old.rstrip() + "\n" if old.strip() else "") + text,
                            text="插入项目自评情况", mergeable=False)
            dialog.accept()
        insert.clicked.connect(put)
        row.addWidget(QLabel("插入到当前草稿的章节："))
        row.addWidget(dialog.section, 1)
        row.addWidget(insert)
        layout.addLayout(row)
    layout.addWidget(buttons)
    dialog.resize(620, 260)
    return dialog


class BatchExport(QObject):
    """One draft per event-loop turn, PDF included (Qt's painter stays on the GUI thread),
    with a progress dialog whose 取消 stops before the next draft."""

    def __init__(self, owner: FolderWindow, drafts: list[Entry], out: Path, formats: list[str]):
        super().__init__(owner)
        self.owner, self.drafts, self.out, self.formats = owner, drafts, out, formats
        self.used: set[str] = set()
        self.failed: list[str] = []
        self.written = 0
        self.index = 0
        self.dialog = QProgressDialog("正在导出…", "取消", 0, len(drafts), owner)
        self.dialog.setWindowTitle("全部导出")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)

    def start(self) -> None:
        from core.registry import scan
        self.installed = scan()
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            QMessageBox.warning(self.owner, "全部导出", f"无法创建输出文件夹“{self.out}”：{exc.strerror or exc}")
            return
        self.owner.batch = self
        QTimer.singleShot(0, self.step)

    def step(self) -> None:
        if self.dialog.wasCanceled() or self.index >= len(self.drafts):
            self.finish()
            return
        entry = self.drafts[self.index]
        self.dialog.setLabelText(f"正在导出 {entry.path.name}（{self.index + 1}/{len(self.drafts)}）")
        from core.errors import DraftError
        from core.opening import open_draft
        from exporters.batch import export_draft
        try:
            opened = open_draft(str(entry.path), self.installed)
            outcome = export_draft(opened.template, opened.draft, self.formats, self.out, self.used)
            self.written += len(outcome.written)
            self.failed += [f"{entry.path.name}：{fmt + ' ' if fmt else ''}{why}" for fmt, why in outcome.failed]
        except DraftError as exc:
            self.failed.append(f"{entry.path.name}：{exc.reason}")
        except Exception as exc:  # noqa: BLE001 - one draft's failure is listed, the rest go on
            self.failed.append(f"{entry.path.name}：导出时出错（{exc}）")
        self.index += 1
        self.dialog.setValue(self.index)
        QTimer.singleShot(0, self.step)

    def finish(self) -> None:
        cancelled = self.index < len(self.drafts)
        self.dialog.close()
        head = (f"已取消：{len(self.drafts)} 份草稿中导出了 {self.index} 份，" if cancelled
                else f"{len(self.drafts)} 份草稿，") + f"写出 {self.written} 个文件到 {self.out}。"
        self.result = (self.written, list(self.failed), cancelled)
        if self.failed:
            QMessageBox.warning(self.owner, "全部导出", head + f"\n\n以下 {len(self.failed)} 项未能导出：\n"
                                + "\n".join(f"· {line}" for line in self.failed[:30]))
        else:
            QMessageBox.information(self.owner, "全部导出", head)

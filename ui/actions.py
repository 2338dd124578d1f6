"""Menus, toolbar and shortcuts, declared once as data."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QMenu, QToolBar
from shiboken6 import isValid

from . import settings

K = QKeySequence.StandardKey
# Shortcuts are set as one-item lists: setShortcut's overloads make PySide build the `Qt`
# namespace (~20 ms), which the first frame does without (launch.py).

# (menu, name, text, shortcut, handler path on the window, in toolbar)
ACTIONS = [
    ("文件(&F)", "new", "新建…", "Ctrl+N", "files.new", True),
    ("文件(&F)", "open", "打开…", "Ctrl+O", "files.open", True),
    ("文件(&F)", "open_folder", "打开文件夹…", "Ctrl+Shift+O", "folders.open", False),
    ("文件(&F)", "recent", None, None, None, False),
    ("文件(&F)", "import_excel", "从 Excel 导入…", None, "files.import_excel", False),
    ("文件(&F)", "save", "保存", "Ctrl+S", "files.save", True),
    ("文件(&F)", "save_as", "另存为…", "Ctrl+Shift+S", "files.save_as", False),
    ("文件(&F)", "-", None, None, None, True),
    ("文件(&F)", "preview", "打印预览…", "Ctrl+P", "exports.preview", True),
    ("文件(&F)", "print", "打印…", "Ctrl+Shift+P", "exports.print", False),
    ("文件(&F)", "-", None, None, None, False),
    ("文件(&F)", "export_docx", "导出 Word…", None, "exports.export_docx", True),
    ("文件(&F)", "export_xlsx", "导出 Excel…", None, "exports.export_xlsx", True),
    ("文件(&F)", "export_pdf", "导出 PDF…", None, "exports.export_pdf", True),
    ("文件(&F)", "export_xmlss", "导出 一体化系统导入格式…", None, "exports.export_xmlss", False),
    ("文件(&F)", "-", None, None, None, False),
    ("文件(&F)", "quit", "退出", "Ctrl+Q", "close", False),
    ("审核(&C)", "check", "运行审核", "F7", "run_check", True),
    ("视图(&V)", "large_font", "大字号", None, "toggle_large_font", False),
]

# Toolbar icons are Qt's own, nothing shipped: (freedesktop theme name, QStyle standard pixmap).
# The theme name is used where the desktop has an icon theme (and on Windows 10/11, where
# Qt ≥ 6.7 draws these names); elsewhere the style's pixmap.
TOOLBAR_ICONS = {
    "new": ("document-new", "SP_FileIcon"),
    "open": ("document-open", "SP_DialogOpenButton"),
    "save": ("document-save", "SP_DialogSaveButton"),
    "undo": ("edit-undo", "SP_ArrowBack"),
    "redo": ("edit-redo", "SP_ArrowForward"),
    "preview": ("document-print-preview", "SP_FileDialogContentsView"),
    "export_docx": ("document-save-as", "SP_FileLinkIcon"),
    "export_xlsx": ("document-save-as", "SP_FileLinkIcon"),
    "export_pdf": ("document-save-as", "SP_FileLinkIcon"),
    "check": ("tools-check-spelling", "SP_DialogApplyButton"),
}


class Toolbar(QToolBar):
    """Shows its buttons with blank icons of the final size at first, and asks for
    the real ones once it has been painted: they cost ~15 ms (PySide builds its
    QStyle type on first use), which the first frame need not wait for. The blank
    room keeps the toolbar from growing under the clerk's eyes when they arrive."""

    def __init__(self, title: str, parent):
        super().__init__(title, parent)
        self.setProperty("toolButtonStyle", "ToolButtonTextBesideIcon")  # by name: no `Qt` before the first frame
        blank = QPixmap(self.iconSize())
        blank.fill(QColor(0, 0, 0, 0))
        self.blank = QIcon(blank)
        self.icons_ready = False

    def add(self, action: QAction) -> None:
        action.setIcon(self.blank)
        self.addAction(action)

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.icons_ready:
            self.icons_ready = True
            QTimer.singleShot(0, self._load_icons)

    def _load_icons(self) -> None:
        from PySide6.QtWidgets import QStyle
        style = self.style()
        for action in self.actions():
            theme, pixmap = TOOLBAR_ICONS.get(action.objectName(), (None, None))
            if pixmap:
                action.setIcon(QIcon.fromTheme(theme, style.standardIcon(getattr(QStyle.StandardPixmap, pixmap))))


def _fixed_twin(window, real: QAction, label: str) -> QAction:
    """The toolbar's 撤销/重做: a fixed word, so the buttons after it stay put while
    the step's name ("撤销 修改「单位名称」") grows; the name is in the tooltip and menu."""
    twin = QAction(label, window)
    twin.setObjectName(real.objectName())
    twin.triggered.connect(real.trigger)

    def follow():
        if not (isValid(twin) and isValid(real)):   # the window is going
            return
        twin.setEnabled(real.isEnabled())
        twin.setToolTip(real.text() if real.isEnabled() else label)
    real.changed.connect(follow)
    follow()
    return twin


def _resolve(window, path: str):
    target = window
    for part in path.split("."):
        target = getattr(target, part)
    return target


def build_actions(window) -> dict[str, QAction]:
    menus: dict[str, QMenu] = {}
    toolbar = Toolbar("常用", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    window.addToolBar(toolbar)
    out: dict[str, QAction] = {}

    def menu(title):
        if title not in menus:
            menus[title] = window.menuBar().addMenu(title)
        return menus[title]

    for title, name, text, shortcut, handler, in_toolbar in ACTIONS:
        m = menu(title)
        if name == "-":
            m.addSeparator()
            if in_toolbar:
                toolbar.addSeparator()
            continue
        if name == "recent":
            window.recent_menu = m.addMenu("最近打开")
            window.recent_menu.aboutToShow.connect(window.files.fill_recent)
            continue
        action = QAction(text, window)
        action.setObjectName(name)
        if shortcut:
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(lambda _=False, h=handler: _resolve(window, h)())
        m.addAction(action)
        if in_toolbar:
            toolbar.add(action)
        out[name] = action
        if name == "save":  # undo and redo sit right after 保存 in the toolbar
            toolbar.addSeparator()
            for key, std, label in (("undo", K.Undo, "撤销"), ("redo", K.Redo, "重做")):
                a = (window.controller.stack.createUndoAction if key == "undo"
                     else window.controller.stack.createRedoAction)(window, label)
                keys = QKeySequence.keyBindings(std) + ([QKeySequence("Ctrl+Y")] if key == "redo" else [])
                a.setShortcuts(list(dict.fromkeys(keys)))
                a.setObjectName(key)
                toolbar.add(_fixed_twin(window, a, label))
                out[key] = a
    edit = window.menuBar().insertMenu(menus["审核(&C)"].menuAction(), QMenu("编辑(&E)", window))
    edit_menu = edit.menu()
    edit_menu.addAction(out["undo"])
    edit_menu.addAction(out["redo"])
    edit_menu.addSeparator()
    for name, text, key, slot in (("copy", "复制", K.Copy, lambda: _table_edit(window, "copy")),
                                  ("paste", "粘贴", K.Paste, lambda: _table_edit(window, "paste")),
                                  ("find", "查找…", K.Find, lambda: _find(window))):
        action = QAction(text, window)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(key)])
        action.triggered.connect(slot)
        edit_menu.addAction(action)
        out[name] = action
    out["large_font"].setCheckable(True)
    out["large_font"].setChecked(settings.get("large_font"))
    help_menu = menu("帮助(&H)")
    for name, text, key, slot in (("guide", "填报说明", "F1", lambda: _help(window, "show_guide")),
                                  ("shortcuts", "快捷键", None, lambda: _help(window, "show_shortcuts"))):
        action = QAction(text, window)
        action.setObjectName(name)
        if key:
            action.setShortcuts([QKeySequence(key)])
        action.triggered.connect(slot)
        help_menu.addAction(action)
        out[name] = action
    help_menu.addSeparator()
    about = QAction("关于", window)
    about.triggered.connect(lambda: _about(window))
    help_menu.addAction(about)
    return out


def _table_edit(window, what: str) -> None:
    from .table_edit import edit_command
    edit_command(window, what)


def _find(window) -> None:
    from .find import show_find
    show_find(window)


def _help(window, which: str) -> None:
    from . import help as help_pages
    getattr(help_pages, which)(window)


def _about(window) -> None:
    from PySide6.QtWidgets import QMessageBox

    from core import PROGRAM_VERSION
    QMessageBox.about(window, "关于", f"绩效自评填报 {PROGRAM_VERSION}\n\n离线填报部门整体支出、项目支出绩效自评表和自评报告。"
                                       "\n本程序不连接网络；草稿保存在您选择的位置，自动保存在本机用户数据目录。")

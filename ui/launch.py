"""Start-up: Qt set-up, the crash hook, and which draft to show first.

Order: a crash left a journal → offer it first; else the draft named on the
command line; else the last draft; else (or when that fails) the start page.
"""

from __future__ import annotations

import os
import sys

NO_DISPLAY = """未检测到图形界面（DISPLAY 和 WAYLAND_DISPLAY 都没有设置），无法打开窗口。
  · 在没有显示器的机器上打开窗口：  xvfb-run -a python main.py
  · 或者不用窗口，直接用命令行：    python main.py check 草稿.json
                                    python main.py export 草稿.json --out 输出文件夹
No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window cannot open.
  · Run the window under Xvfb:      xvfb-run -a python main.py
  · Or work headless:               python main.py check DRAFT.json
                                    python main.py export DRAFT.json --out OUTPUT_FOLDER"""


def no_display() -> bool:
    env = os.environ
    return (sys.platform.startswith("linux") and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY")
            and not env.get("QT_QPA_PLATFORM"))


def ask_recovery(entries, parent) -> tuple[str, object]:
    from .dialogs.recovery import RecoveryDialog
    dialog = RecoveryDialog(entries, parent)
    dialog.exec()
    return dialog.choice, dialog.entry


def start(window, argv: list[str]) -> str:
    """Open the first draft; returns what was opened: recovered | argument | recent | start (page)."""
    from pathlib import Path

    from core.store import recoverable

    from . import settings
    entries = recoverable()
    if entries:
        choice, entry = ask_recovery(entries, window)
        if choice == "recover" and entry is not None and window.files.recover(entry):
            return "recovered"
        if choice == "discard":
            for e in entries:
                Path(e.file).unlink(missing_ok=True)
    wanted = argv[0] if argv else next(iter(settings.recent()), None)
    if wanted:
        if window.files.open_path(wanted, show_errors=False):
            return "argument" if argv else "recent"
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.warning(window, "无法打开草稿", f"{window.files.last_error}\n\n请在开始页新建或另行打开草稿。")
    window.show_start()
    return "start"


def make_app(argv0: str = "jxzp"):
    from PySide6.QtWidgets import QApplication

    from . import appearance, settings
    app = QApplication.instance()
    if app is None:
        appearance.prepare_input_method()
        # 125 % and 150 % stay 1.25 and 1.5 (no rounding to 1 or 2: blurry or huge) by Qt 6's
        # default rounding policy, PassThrough; not set again here: setting it touches `Qt`,
        # and PySide builds the Qt namespace's ~90 enums then (~20 ms), which the first frame
        # does without (QT_SCALE_FACTOR_ROUNDING_POLICY, if set, wins either way).
        app = QApplication([argv0])
    if not app.property("jxzp_ready"):  # a style sheet set twice re-polishes every widget
        app.setOrganizationName(settings.ORGANIZATION)
        app.setApplicationName(settings.APPLICATION)
        appearance.install(app, settings.get("large_font"))
        app.setProperty("jxzp_ready", True)
    return app


def no_bus_autolaunch(env=os.environ) -> None:
    """Without a session bus (a bare X login, xvfb-run) libdbus would start dbus-launch
    and a dbus-daemon that outlive the window; "disabled:" makes it do without one."""
    if sys.platform.startswith("linux") and not env.get("DBUS_SESSION_BUS_ADDRESS"):
        env["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"


def launch(argv: list[str]) -> int:
    if no_display():
        print(NO_DISPLAY)
        return 0
    no_bus_autolaunch()
    collecting = hold_garbage_collection()
    app = make_app(sys.argv[0] if sys.argv else "jxzp")
    from . import crash, settings
    from .first_frame import after_first_paint
    from .main_window import MainWindow
    window = MainWindow()
    crash.install(lambda: window.controller)
    settings.hold()          # the recent-files list is written once the window is on screen
    start(window, [a for a in argv if not a.startswith("-")])
    after_first_paint(window, lambda: (collecting(), settings.flush(), _font_warning()))
    if os.environ.get("JXZP_EXIT_WHEN_READY"):  # bench/ui_bench.py: quit at the first painted frame
        from .first_frame import exit_when_painted
        exit_when_painted(app, window)
    window.show()
    code = app.exec()
    collecting()
    settings.flush()         # a window closed before it was ever painted
    return code


def hold_garbage_collection():
    """Python's collector, held off until the first frame: start-up makes ~40,000 objects
    that stay (modules, Qt wrappers, the template and draft), and the collector walked
    them ~55 times on the way (~8 ms). A high threshold rather than gc.disable(), so a
    long modal dialog before the window (recovery) still collects. Returns the function
    that puts Python's thresholds back."""
    import gc
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, *thresholds[1:])
    return lambda: gc.set_threshold(*thresholds)


def _font_warning() -> None:
    from . import appearance
    if not appearance.has_chinese_font():
        print("警告：未找到中文字体，界面文字可能显示为方框。请安装“文泉驿微米黑”（fonts-wqy-microhei）或微软雅黑。",
              file=sys.stderr)

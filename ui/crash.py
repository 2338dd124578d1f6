"""The global exception hook: never vanish. The draft goes to
the journal first, then the traceback to a log file, then the clerk is told."""

from __future__ import annotations

import sys
import time
import traceback

from core.paths import log_dir

LOG_NAME = "errors.log"


def write_log(text: str) -> str | None:
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_NAME
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"==== {time.strftime('%Y-%m-%d %H:%M:%S')} ====\n{text}\n")
        return str(path)
    except OSError:
        return None


def install(get_controller, show=True):
    """get_controller() → the Controller (or None before the window exists)."""
    busy = []

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        sys.stderr.write(text)
        if busy:  # an error while reporting an error: do not loop
            return
        busy.append(1)
        try:
            controller = get_controller()
            journal = controller.emergency_save() if controller is not None else None
            log = write_log(text)
            if show:
                _tell(exc, journal, log, text)
        finally:
            busy.clear()

    sys.excepthook = hook
    return hook


def _tell(exc, journal, log, text) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox
    if QApplication.instance() is None:
        return
    saved = "您正在填写的草稿已自动保存，下次启动时可以恢复。" if journal else "未能自动保存草稿，请尽快手动“另存为”。"
    where = f"错误详情已记录在：{log}" if log else "错误详情未能写入日志。"
    box = QMessageBox(QMessageBox.Icon.Critical, "程序出错",
                      f"程序遇到意外错误：{type(exc).__name__}: {exc}\n\n{saved}\n{where}\n\n"
                      "您可以继续工作；如果再次出错，请保存后重新启动程序，并把日志文件交给技术支持。")
    box.setDetailedText(text)
    box.exec()

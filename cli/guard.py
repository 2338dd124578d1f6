"""Last line of defence for the command line: an unexpected error becomes one
Chinese line plus a log file, never a traceback on the clerk's screen."""

from __future__ import annotations

import sys
import traceback
from datetime import datetime

from core.paths import log_dir

# The command line's exit codes (README): 0 fine; 1 审核 found errors; 2 a file that cannot be
# read, written or is no draft; 3 only for a program fault this guard catches.
EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3


def safe_output() -> None:
    """A character the console cannot show (a GBK console and a unit name outside GBK,
    a lone surrogate from a hand-edited file) is shown as ? instead of ending the command."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError, OSError):
            pass


def guarded(func, argv) -> int:
    safe_output()
    try:
        return func(argv)
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("已取消", file=sys.stderr)
        return 130
    except SystemExit:
        raise
    except Exception:  # noqa: BLE001 - the point is to catch everything
        log = write_crash_log(traceback.format_exc())
        print(f"程序内部错误，未完成操作；详情已写入 {log}", file=sys.stderr)
        return EXIT_INTERNAL


def write_crash_log(text: str) -> str:
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text(text, encoding="utf-8")
        return str(path)
    except OSError:
        return "（日志无法写入）"

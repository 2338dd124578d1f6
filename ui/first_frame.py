"""Work that waits for the window's first painted frame.

The clerk sees the window once its first frame is painted; what the first
frame does not show (the full 审核 list, the recent-files list on disk) is
done just after it. The benchmarks' baselines (bench/ui_bench.py) use
exit_when_painted too, so the program and a bare QMainWindow are timed to
the same event. Only Qt here: no program code.
"""

from __future__ import annotations


def after_first_paint(widget, callback) -> None:
    """Call `callback` once, after `widget`'s first paint event has been handled
    and the backing store flushed (a zero timer after the paint)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                obj.removeEventFilter(self)
                QTimer.singleShot(0, callback)
            return False

    watcher = FirstPaint(widget)
    widget.installEventFilter(watcher)


def exit_when_painted(app, window) -> None:
    """For start-up benchmarks: print "ready" and quit at the first frame.
    A timer that fires when the event loop starts would say "ready" before any
    frame reached the screen; QGuiApplication.sync (an XSync round trip under
    X11) makes sure the display server holds the painted pixels."""
    def done():
        app.sync()
        print("ready", flush=True)
        app.quit()
    after_first_paint(window, done)

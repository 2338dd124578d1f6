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
    """For start-up benchmarks: print "ready" and the process's CPU time so far (ms)
    and quit at the first frame.
    A timer that fires when the event loop starts would say "ready" before any
    frame reached the screen. At the first paint's zero timer the frame has been
    flushed; one X round trip (under X11) makes sure the display server holds the
    painted pixels. Not QGuiApplication.sync(): it first processes pending events,
    so it would also count the work queued to run after the first frame."""
    def done():
        import time
        _round_trip(app)
        print(f"ready {time.process_time() * 1000:.1f}", flush=True)
        app.quit()
    after_first_paint(window, done)


def _round_trip(app) -> None:
    """An X request that waits for its reply (xcb_get_input_focus), and nothing else."""
    if app.platformName() != "xcb":   # offscreen, Wayland, Windows: nothing to wait for
        return
    import ctypes                     # (ctypes.util would import subprocess: ~6 ms)

    class Cookie(ctypes.Structure):
        _fields_ = [("sequence", ctypes.c_uint)]

    xcb = ctypes.CDLL("libxcb.so.1")
    xcb.xcb_get_input_focus.restype = Cookie
    xcb.xcb_get_input_focus.argtypes = [ctypes.c_void_p]
    xcb.xcb_get_input_focus_reply.restype = ctypes.c_void_p
    xcb.xcb_get_input_focus_reply.argtypes = [ctypes.c_void_p, Cookie, ctypes.c_void_p]
    conn = app.nativeInterface().connection()
    reply = xcb.xcb_get_input_focus_reply(conn, xcb.xcb_get_input_focus(conn), None)
    if reply:
        ctypes.CDLL(None).free(ctypes.c_void_p(reply))

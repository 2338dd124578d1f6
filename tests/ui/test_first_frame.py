"""ui/first_frame.py: work deferred to just after the first painted frame."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow


def test_the_callback_waits_for_the_first_paint_and_runs_once(qtbot):
    from ui.first_frame import after_first_paint
    window = QMainWindow()
    qtbot.addWidget(window)
    calls = []
    after_first_paint(window, lambda: calls.append(window.isVisible()))
    qtbot.wait(30)
    assert calls == []                       # not shown, not painted: nothing yet
    window.show()
    qtbot.waitUntil(lambda: calls == [True])
    window.repaint()
    qtbot.wait(30)
    assert calls == [True]                   # a later paint does not call it again

"""Typing at once into the cell Enter just moved to, clicked first (the clerk's
hand is faster than Qt's double-click timer). Keys go through the window, as a
keyboard's do, to whatever has the focus at that moment; nothing may be lost.
Before the fix the first key fell into Qt's 400 ms SelectedClicked wait."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ui.indicator_cells import SCORE


def _keyboard(window, text):
    for ch in text:
        QTest.keyClick(window.windowHandle(), ch)


def _activate(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)


def _click(view, index):
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.visualRect(index).center())


def test_click_the_cell_enter_moved_to_and_type_at_once_in_the_indicator_table(qtbot, window):
    window.show_page("indicators")
    page = window.pages["indicators"]
    _activate(qtbot, window)
    view = page.view
    _click(view, page.model.index_of("t2_cases", SCORE))
    _keyboard(window, "9")
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
    below = page.model.index_of("t2_campaign", SCORE)
    assert view.currentIndex() == below
    _click(view, below)
    _keyboard(window, "7.5")
    assert window.controller.value("indicators.t2_campaign.score") == "7.5"
    qtbot.wait(600)                                   # past the double-click interval: still all there
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
    assert window.controller.value("indicators.t2_cases.score") == "9"
    assert window.controller.value("indicators.t2_campaign.score") == "7.5"


def test_click_the_cell_enter_moved_to_and_type_at_once_in_the_money_grid(qtbot, window):
    page = window.show_page("grids.spending")
    view = page.view
    _activate(qtbot, window)
    _click(view, page.model.locate("grids.spending.wages.actual"))
    _keyboard(window, "780")
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
    below = page.model.locate("grids.spending.goods.actual")
    assert view.currentIndex() == below
    _click(view, below)
    _keyboard(window, "41.5")
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
    assert window.controller.value("grids.spending.wages.actual") == "780"
    assert window.controller.value("grids.spending.goods.actual") == "41.5"

"""The toolbar: Qt's own icons beside the words, loaded once the window is on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from ui.actions import TOOLBAR_ICONS


def _buttons(window):
    toolbar = window.findChild(QToolBar, "mainToolbar")
    return toolbar, [a for a in toolbar.actions() if not a.isSeparator()]


def _drawn(icon, size) -> bool:
    """Whether the icon has a visible pixel (the stand-in before loading is blank)."""
    image = icon.pixmap(size).toImage()
    return any(image.pixelColor(x, y).alpha() for x in range(image.width()) for y in range(image.height()))


def test_every_toolbar_button_has_an_icon_beside_its_text(qtbot, window):
    toolbar, actions = _buttons(window)
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert {a.objectName() for a in actions} == set(TOOLBAR_ICONS)
    qtbot.waitUntil(lambda: all(_drawn(a.icon(), toolbar.iconSize()) for a in actions))
    assert all(a.text() for a in actions)


def test_icons_wait_for_the_first_frame_and_do_not_move_the_toolbar(qtbot, messages):
    from ui.launch import make_app
    from ui.main_window import MainWindow
    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    window.files.open_sample()
    toolbar, actions = _buttons(window)
    assert not any(_drawn(a.icon(), toolbar.iconSize()) for a in actions)   # not paid for before it is seen
    window.show()
    qtbot.waitExposed(window)
    height = toolbar.height()
    qtbot.waitUntil(lambda: all(_drawn(a.icon(), toolbar.iconSize()) for a in actions))
    qtbot.wait(20)                             # the toolbar's layout runs after the icons change
    assert toolbar.height() == height          # the blank stand-ins kept the room the icons take


def test_toolbar_buttons_stay_put_when_the_undo_step_gets_a_long_name(qtbot, window):
    toolbar, actions = _buttons(window)
    undo = next(a for a in actions if a.objectName() == "undo")
    preview = toolbar.widgetForAction(next(a for a in actions if a.objectName() == "preview"))
    x = preview.x()
    assert not undo.isEnabled()
    window.controller.edit("fields.unit_name", "广州市花都区人民政府信访局（区信访维稳工作领导小组办公室）")
    qtbot.wait(20)
    assert undo.isEnabled() and undo.text() == "撤销"
    assert undo.toolTip() == "撤销 修改「单位名称」"
    assert preview.x() == x
    undo.trigger()
    assert window.controller.value("fields.unit_name") == "广州市花都区信访局"

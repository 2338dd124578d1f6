"""编辑 → 复制 / 粘贴 / 查找 and 帮助 → 填报说明 / 快捷键."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPlainTextEdit

from ui.indicator_cells import NOTE


def test_copy_and_paste_from_the_edit_menu_work_on_the_focused_table(qtbot, window, messages):
    page = window.show_page("grids.spending")
    page.view.setCurrentIndex(page.model.locate("grids.spending.goods.actual"))
    page.view.setFocus()
    window.actions_by_name["copy"].trigger()
    assert QGuiApplication.clipboard().text() == "43.89\n"
    page.view.setCurrentIndex(page.model.locate("grids.spending.subsidies.actual"))
    window.actions_by_name["paste"].trigger()
    assert window.controller.value("grids.spending.subsidies.actual") == "43.89"


def test_find_lists_places_and_goes_to_the_chosen_one(qtbot, window):
    from ui.find import show_find
    dialog = show_find(window)
    dialog.query.setText("按评分标准酌情扣")
    assert dialog.count.text().startswith("找到")
    first = dialog.results.item(0)
    assert first.text().startswith("绩效指标 · 分类录入办理信访案件数 · 偏差原因")
    dialog.go(first)
    page = window.pages["indicators"]
    assert window.stack.currentWidget() is page
    current = page.view.currentIndex()
    assert page.model.row_of(current).node.id == "t2_cases" and current.column() == NOTE
    dialog.query.setText("信访")                                   # report text: the words selected
    hit = next(dialog.results.item(i) for i in range(dialog.results.count())
               if dialog.results.item(i).text().startswith("自评报告"))
    dialog.go(hit)
    editor = window.focusWidget()
    assert isinstance(editor, QPlainTextEdit) and editor.textCursor().selectedText() == "信访"
    dialog.query.setText("没有这样的字")
    assert dialog.count.text() == "没有找到"
    dialog.close()


def test_help_is_built_in_and_names_where_drafts_are_kept(qtbot, window):
    from core.paths import journal_dir
    window.actions_by_name["guide"].trigger()
    from ui.help import HelpDialog
    dialogs = {d.windowTitle(): d for d in window.findChildren(HelpDialog)}
    text = dialogs["填报说明"].browser.toPlainText()
    assert "审核查什么" in text and str(journal_dir()) in text
    window.actions_by_name["shortcuts"].trigger()
    dialogs = {d.windowTitle(): d for d in window.findChildren(HelpDialog)}
    assert "Ctrl+F" in dialogs["快捷键"].browser.toPlainText()

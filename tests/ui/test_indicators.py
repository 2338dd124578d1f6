"""The indicator page driven through its real widgets: live totals, bounded
editors, undo, automatic scores and their override, rows of the clerk's own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QPlainTextEdit
from PySide6.QtTest import QTest

from tests.ui.conftest import total_text, type_chinese
from ui.indicator_cells import ACTUAL, BAND, NAME, NOTE, SCORE


def _page(window):
    window.show_page("indicators")
    return window.pages["indicators"]


def _start_typing(qtbot, page, node_id, column, keys):
    index = page.model.index_of(node_id, column)
    page.view.setCurrentIndex(index)
    page.view.setFocus()
    QTest.keyClicks(page.view, keys[0])  # typing over a cell opens its editor with that key
    editor = page.view.indexWidget(index) or next(iter(page.view.delegate.open_editors))
    assert isinstance(editor, (QLineEdit, QPlainTextEdit))
    if keys[1:]:
        QTest.keyClicks(editor, keys[1:])
    return editor


def test_typing_a_score_moves_the_total_before_enter(qtbot, window):
    page = _page(window)
    assert total_text(window) == "95.9"
    editor = _start_typing(qtbot, page, "t2_cases", SCORE, "9")   # was 9.5 of 10
    assert page.view.state() == QAbstractItemView.State.EditingState  # no Enter pressed yet
    assert editor.text() == "9"                                       # typing replaced the old 9.5
    assert total_text(window) == "95.4"
    assert window.score_panel.group_labels["duty"].text().startswith("48.5")
    QTest.keyClicks(editor, ".5")
    assert total_text(window) == "95.9"


def test_a_score_above_its_weight_is_kept_as_typed_and_marked(qtbot, window):
    """Issue 10: the message showed, then Enter left the cell empty. Now the typed 12
    stays in the cell, red, with the reason, so the clerk can correct it."""
    from ui.indicator_model import ERROR_BG
    page = _page(window)
    editor = _start_typing(qtbot, page, "t2_cases", SCORE, "1")      # weight 10
    QTest.keyClicks(editor, "2")
    assert editor.text() == "12"
    assert "不能超过 10 分" in (editor.property("warning") or "")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert window.controller.value("indicators.t2_cases.score") == "12"
    cell = page.model.index_of("t2_cases", SCORE)
    assert cell.data() == "12"
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BG
    assert "超出范围" in cell.data(Qt.ItemDataRole.ToolTipRole)
    page.view.setCurrentIndex(cell)
    page.view.setFocus()
    QTest.keyClicks(page.view, "x")                                  # not a number: refused, and said so
    editor = list(page.view.delegate.open_editors)[-1]   # the one just opened
    assert editor.text() == "12"
    assert editor.property("rejected_reason") == "“x”未输入：此处只能填写数字，如 95.9 或 1,234.56"


def test_undo_restores_the_total_and_merges_one_cells_typing(qtbot, window):
    page = _page(window)
    editor = _start_typing(qtbot, page, "t2_cases", SCORE, "8.5")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert total_text(window) == "94.9"
    undo = window.actions_by_name["undo"]
    assert undo.text() == "撤销 修改得分"
    assert window.controller.stack.count() == 1          # "8", "8.", "8.5": one step
    undo.trigger()
    assert total_text(window) == "95.9"
    assert window.controller.value("indicators.t2_cases.score") == "9.5"
    assert not window.isWindowModified()
    window.actions_by_name["redo"].trigger()
    assert total_text(window) == "94.9"
    assert window.isWindowModified()


def test_undo_while_the_editor_is_open_does_not_write_the_old_text_back(qtbot, window):
    page = _page(window)
    editor = _start_typing(qtbot, page, "t2_cases", SCORE, "7")
    window.controller.stack.undo()
    assert editor.text() == "9.5"
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert window.controller.value("indicators.t2_cases.score") == "9.5"
    assert total_text(window) == "95.9"


def test_enter_moves_down_to_the_next_editable_score(qtbot, window):
    page = _page(window)
    editor = _start_typing(qtbot, page, "t2_cases", SCORE, "9")
    QTest.keyClick(editor, Qt.Key.Key_Return)   # Qt commits and closes the editor on the next turn
    qtbot.waitUntil(lambda: page.model.row_of(page.view.currentIndex()).node.id != "t2_cases")
    current = page.view.currentIndex()
    assert (page.model.row_of(current).node.id, current.column()) == ("t2_campaign", SCORE)


def test_tab_skips_cells_that_cannot_be_edited(qtbot, window):
    page = _page(window)
    editor = _start_typing(qtbot, page, "t2_cases", SCORE, "9")
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    current = page.view.currentIndex()
    assert (page.model.row_of(current).node.id, current.column()) == ("t2_cases", NOTE)


def test_automatic_score_is_read_only_and_overriding_needs_a_reason(qtbot, window, monkeypatch):
    page = _page(window)
    index = page.model.index_of("budget_diff", SCORE)
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert "自动计分" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.FontRole).italic()
    page.view.setCurrentIndex(index)
    assert page.override_button.isEnabled()

    from ui.dialogs import indicator_dialogs
    seen = {}

    def answer(dialog):
        dialog.score.setText("4")
        seen["ok_without_reason"] = dialog.buttons.buttons()[0].isEnabled()
        dialog.reason.setPlainText("差异率含上级追加的专项资金，经局务会研究调整")
        return True
    monkeypatch.setattr(indicator_dialogs.OverrideDialog, "exec", answer)
    page.override()
    assert seen["ok_without_reason"] is False
    assert total_text(window) == "97.7"                 # 2.2 → 4
    assert "（调）" in index.data()
    assert window.actions_by_name["undo"].text() == "撤销 调整得分"
    page.restore()
    assert total_text(window) == "95.9"


def test_qualitative_row_offers_the_three_bands_with_their_ranges(window):
    page = _page(window)
    spec = page.model.index_of("procurement", BAND).data(Qt.ItemDataRole.UserRole + 1)
    labels = [label for _, label in spec[1]]
    assert any(label.startswith("部分达成") and "[3, 4) 分" in label for label in labels)
    assert page.model.index_of("procurement", BAND).data() == "达成 [4, 5] 分"


def test_checklist_items_are_check_boxes_that_score(qtbot, window):
    page = _page(window)
    parent = page.model.index_of("disclosure", NAME)
    item = page.model.index(0, NAME, parent)
    assert item.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    page.model.setData(item, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert total_text(window) == "93.4"
    assert window.actions_by_name["undo"].text().startswith("撤销 取消勾选")
    window.controller.stack.undo()
    assert total_text(window) == "95.9"


def test_adding_and_removing_a_row_of_ones_own(qtbot, window, monkeypatch):
    page = _page(window)
    from ui.dialogs import indicator_dialogs
    from ui.rows import new_row
    page.view.setCurrentIndex(page.model.index_of("task_reform", NAME))
    assert page.add_button.isEnabled()
    monkeypatch.setattr(indicator_dialogs.AddIndicatorDialog, "exec", lambda self: True)
    monkeypatch.setattr(indicator_dialogs.AddIndicatorDialog, "node",
                        lambda self: new_row("接访群众满意度", 2, "≥90%", "ratio"))
    page.add_row()
    row = [r for r in page.model.by_id.values() if r.node.name == "接访群众满意度"][0]
    assert row.parent.node.id == "task_reform"
    new_id = row.node.id
    page.focus(f"indicators.{new_id}.actual")
    window.controller.edit(f"indicators.{new_id}.actual", "95%")
    assert page.model.index_of(new_id, SCORE).data() == "2"
    assert any(f.code == "indicator.weights" for f in window.controller.result.findings)  # 26 ≠ 28
    page.remove_row()
    assert new_id not in page.model.by_id
    assert new_id not in window.controller.session.draft.indicators  # no orphan left in the file
    window.controller.stack.undo()
    assert window.controller.value(f"indicators.{new_id}.actual") == "95%"
    assert page.model.index_of(new_id, ACTUAL).isValid()


def test_template_rows_cannot_be_removed_or_renamed(window):
    page = _page(window)
    page.view.setCurrentIndex(page.model.index_of("budget_diff", NAME))
    assert not page.remove_button.isEnabled()
    assert not page.model.index_of("budget_diff", NAME).flags() & Qt.ItemFlag.ItemIsEditable


def test_rows_under_a_derived_weight_group_of_another_template(qtbot, make_window, monkeypatch):
    """The national 项目支出 form: 三级 rows under 二级 groups whose weight is their sum."""
    from core.registry import scan
    from core.session import Session
    from ui.dialogs import indicator_dialogs
    from ui.rows import new_row
    window = make_window()
    window.controller.load(Session(scan().newest("mof-project")))
    page = _page(window)
    page.view.setCurrentIndex(page.model.index_of("output_quantity", NAME))
    assert page._add_target()[2] is False                      # no 四级 groups
    monkeypatch.setattr(indicator_dialogs.AddIndicatorDialog, "exec", lambda self: True)
    monkeypatch.setattr(indicator_dialogs.AddIndicatorDialog, "node",
                        lambda self: new_row("维修供水工程数量", 20, "≥40处", "ratio"))
    page.add_row()
    assert page.model.index_of("output_quantity", 1).data() == "20"   # the group's weight follows its rows
    new_id = next(r.node.id for r in page.model.by_id.values() if r.node.name == "维修供水工程数量")
    editor = _start_typing(qtbot, page, new_id, ACTUAL, "4")
    QTest.keyClicks(editor, "2")
    type_chinese(editor, "处")
    assert page.model.index_of(new_id, SCORE).data() == "20"
    assert window.score_panel.group_labels["output"].text().startswith("20")


def test_an_unanswered_checklist_item_shows_as_open_not_as_no(qtbot, window):
    page = _page(window)
    parent = page.model.index_of("asset_rules", NAME)
    done, lawful = (page.model.index(i, NAME, parent) for i in range(2))
    state = Qt.ItemDataRole.CheckStateRole
    # nothing answered: both open, the row unscored (the core's "逐项勾选" still missing)
    window.controller.edit("indicators.asset_rules.checked", {}, mergeable=False)
    assert [i.data(state) for i in (done, lawful)] == [Qt.CheckState.PartiallyChecked] * 2
    assert [i.siblingAtColumn(ACTUAL).data() for i in (done, lawful)] == ["未填", "未填"]
    assert page.model.index_of("asset_rules", SCORE).data() == "待填逐项勾选"
    # one answered 否: that one is a plain unchecked box, the other stays open and is
    # scored as the core scores it (an open item counts as not done once any is answered)
    window.controller.edit("indicators.asset_rules.checked", {"rules_exist": False}, mergeable=False)
    assert (done.data(state), lawful.data(state)) == (Qt.CheckState.Unchecked, Qt.CheckState.PartiallyChecked)
    assert (done.siblingAtColumn(ACTUAL).data(), lawful.siblingAtColumn(ACTUAL).data()) == (None, "未填")
    assert "未做到" in lawful.data(Qt.ItemDataRole.ToolTipRole)
    assert page.model.index_of("asset_rules", SCORE).data() == "0"
    assert total_text(window) == "90.9"
    # the clerk answers the open item with the space bar: it becomes a 是
    page.view.setCurrentIndex(lawful)
    page.view.setFocus()
    QTest.keyClick(page.view, Qt.Key.Key_Space)
    assert window.controller.session.draft.indicators["asset_rules"].checked == {"rules_exist": False,
                                                                                 "rules_lawful": True}
    assert lawful.data(state) == Qt.CheckState.Checked
    assert total_text(window) == "93.4"


def test_long_text_cells_edit_in_a_wrapping_box_and_show_in_full_on_hover(qtbot, window):
    page = _page(window)
    note = page.model.index_of("t2_cases", NOTE)
    assert note.data(Qt.ItemDataRole.ToolTipRole).endswith("按评分标准酌情扣 0.5 分")   # the whole reason
    editor = _start_typing(qtbot, page, "t2_cases", NOTE, "A")        # typing over the cell replaces it
    assert editor.toPlainText() == "A"
    QTest.keyClick(editor, Qt.Key.Key_Backspace)
    assert isinstance(editor, QPlainTextEdit)
    assert editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    assert editor.width() >= 20 * editor.fontMetrics().horizontalAdvance("中") or \
        editor.width() == page.view.viewport().width()
    type_chinese(editor, "年初指标值偏低")
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)   # a new line, not the end
    type_chinese(editor, "酌情扣分")
    assert window.controller.value("indicators.t2_cases.note") == "年初指标值偏低\n酌情扣分"
    assert page.view.state() == QAbstractItemView.State.EditingState
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter keeps it
    qtbot.waitUntil(lambda: page.view.state() != QAbstractItemView.State.EditingState)
    assert window.controller.value("indicators.t2_cases.note") == "年初指标值偏低\n酌情扣分"
    assert window.controller.stack.count() == 1


def test_columns_fill_the_width_and_the_clerks_widths_are_kept_per_template(qtbot, make_window, draft_copy):
    from ui.indicator_cells import TARGET, WEIGHT
    window = make_window(draft_copy)
    window.resize(1326, 700)
    page = _page(window)
    view = page.view
    shown = [c for c in range(page.model.columnCount()) if not view.isColumnHidden(c)]
    assert len(shown) == 7                               # 指标性质 / 度量单位 only where the template has them
    qtbot.waitUntil(lambda: abs(sum(view.columnWidth(c) for c in shown) - view.viewport().width()) <= 8)
    narrow = {c: view.columnWidth(c) for c in (NAME, TARGET, ACTUAL, NOTE)}
    window.resize(1880, 1000)                           # a bigger screen: every text column gains
    qtbot.waitUntil(lambda: view.columnWidth(NAME) > narrow[NAME])
    assert all(view.columnWidth(c) > narrow[c] for c in narrow)
    view.header().resizeSection(NOTE, 500)              # the clerk drags 偏差原因 wider
    window.resize(1326, 700)
    qtbot.wait(50)
    assert view.columnWidth(NOTE) == 500                # kept, not refitted
    other = make_window(draft_copy)                     # same template, another window: the same widths
    page2 = _page(other)
    assert abs(page2.view.columnWidth(NOTE) - 500) <= 2
    assert page2.view.columnWidth(WEIGHT) == view.columnWidth(WEIGHT)
    page2.reset_widths()
    assert page2.view.columnWidth(NOTE) != 500


def test_picking_a_band_proposes_its_top_score_in_one_step(qtbot, window):
    page = _page(window)
    band = page.model.index_of("procurement", BAND)            # 5 分: 达成 [4, 5], 部分达成 [3, 4)
    page.view.setCurrentIndex(band)
    page.view.setFocus()
    steps = window.controller.stack.count()
    QTest.keyClick(page.view, Qt.Key.Key_2)                    # 2 = 部分达成, from the keyboard
    assert window.controller.value("indicators.procurement.band") == "部分达成"
    assert window.controller.value("indicators.procurement.score") == "3.9"
    assert total_text(window) == "94.8"                        # 95.9 − 5 + 3.9
    assert window.controller.stack.count() == steps + 1
    assert window.actions_by_name["undo"].text() == "撤销 评为「部分达成」，得分 3.9"
    window.controller.edit("indicators.procurement.score", "3.5")   # lowered inside the band …
    QTest.keyClick(page.view, Qt.Key.Key_2)
    assert window.controller.value("indicators.procurement.score") == "3.5"   # … and kept
    window.controller.stack.undo()
    window.controller.stack.undo()
    assert window.controller.value("indicators.procurement.band") == "达成"
    assert window.controller.value("indicators.procurement.score") == "5"
    # the drop-down does the same
    page.view.edit(band)
    combo = list(page.view.delegate.open_editors)[-1]
    combo.setCurrentIndex(combo.findData("未达成"))
    combo.activated.emit(combo.currentIndex())
    assert window.controller.value("indicators.procurement.score") == "2.9"

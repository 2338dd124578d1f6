"""Spreadsheet entry in the money grid and the indicator table: blocks of
tab-separated text (what Excel, WPS and LibreOffice put on the clipboard) pasted
as one undo step, each value checked as if typed, refusals named by label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from tests.ui.conftest import total_text
from ui.indicator_cells import ACTUAL, BAND, NOTE, SCORE
from ui.table_edit import parse_block

CTRL = Qt.KeyboardModifier.ControlModifier


def _grid(window):
    return window.show_page("grids.spending")


def _cells(window, rows, cols):
    return {(r, c): window.controller.value(f"grids.spending.{r}.{c}") for r in rows for c in cols}


def test_excel_clipboard_text_is_read_as_rows_and_cells():
    assert parse_block("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert parse_block('"两行\n说明"\t5\n') == [["两行\n说明", "5"]]   # Excel quotes a cell with a line break
    assert parse_block("") == []


def test_a_3x4_block_pasted_into_the_money_grid_is_one_undo_step(qtbot, window, messages):
    page = _grid(window)
    rows, cols = ("wages", "goods", "subsidies"), ("initial", "budget", "actual")
    before = _cells(window, rows, cols)
    steps = window.controller.stack.count()
    page.view.setCurrentIndex(page.model.locate("grids.spending.wages.initial"))
    page.view.setFocus()
    # as copied from last year's sheet, 执行率 column included (it matches what the program computes)
    QGuiApplication.clipboard().setText("700\t790.5\t785.96\t99.43%\r\n"
                                        "1,040.00\t43.89\t43.89\t100.00%\r\n"
                                        "６０\t60.99\t60.99\t100.00%\r\n")
    QTest.keyClick(page.view, Qt.Key.Key_V, CTRL)
    assert _cells(window, rows, cols) == {
        ("wages", "initial"): "700", ("wages", "budget"): "790.5", ("wages", "actual"): "785.96",
        ("goods", "initial"): "1,040.00", ("goods", "budget"): "43.89", ("goods", "actual"): "43.89",
        ("subsidies", "initial"): "６０", ("subsidies", "budget"): "60.99", ("subsidies", "actual"): "60.99"}
    assert page.model.locate("grids.spending.wages.rate").data() == "99.43%"
    assert page.model.locate("grids.spending.basic.initial").data() == "1800.00（未齐）"   # 700+1040+60; 资本性支出 not yet filled
    assert messages == []                                   # the rate column agreed: nothing refused
    assert window.controller.stack.count() == steps + 1
    assert window.actions_by_name["undo"].text() == "撤销 粘贴 4 格"   # the other 5 were already so
    window.controller.stack.undo()
    assert _cells(window, rows, cols) == before


def test_pasted_values_are_checked_and_the_refused_named_by_their_labels(qtbot, window, messages):
    page = _grid(window)
    page.view.setCurrentIndex(page.model.locate("grids.spending.project.budget"))
    refused = page.view.paste_block("abc\t400\t50%\nx\ty\n")
    assert window.controller.value("grids.spending.project.budget") == "498.21"      # kept: "abc" refused
    assert window.controller.value("grids.spending.project.actual") == "400"
    assert refused[0].startswith("「项目支出·全年预算数」：")
    assert refused[1] == "「项目支出·执行率」：不能填写（自动计算或固定内容）"
    assert refused[2] == "另有 2 格超出表格范围"
    title, text = messages[-1]
    assert title == "粘贴" and "已粘贴 1 格" in text and "项目支出·全年预算数" in text
    assert "grids." not in text


def test_delete_clears_the_selected_cells_in_one_step(qtbot, window):
    page = _grid(window)
    view = page.view
    view.setCurrentIndex(page.model.locate("grids.spending.wages.budget"))
    view.selectionModel().select(
        __import__("PySide6.QtCore", fromlist=["QItemSelection"]).QItemSelection(
            page.model.locate("grids.spending.wages.budget"), page.model.locate("grids.spending.goods.actual")),
        view.selectionModel().SelectionFlag.ClearAndSelect)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert _cells(window, ("wages", "goods"), ("budget", "actual")) == {
        (r, c): None for r in ("wages", "goods") for c in ("budget", "actual")}
    window.controller.stack.undo()
    assert window.controller.value("grids.spending.goods.actual") == "43.89"


def test_copy_puts_the_selection_as_tab_separated_text(qtbot, window):
    page = _grid(window)
    view = page.view
    from PySide6.QtCore import QItemSelection
    view.selectionModel().select(QItemSelection(page.model.locate("grids.spending.goods.budget"),
                                                page.model.locate("grids.spending.subsidies.rate")),
                                 view.selectionModel().SelectionFlag.ClearAndSelect)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().text() == "43.89\t43.89\t100.00%\n60.99\t60.99\t100.00%\n"


def test_a_3x4_block_pasted_into_the_indicator_table_is_one_undo_step(qtbot, window, messages):
    window.show_page("indicators")
    page = window.pages["indicators"]
    ids = ("t2_campaign", "t2_return", "t3_supervise")   # task_quality's heading lies between: stepped over
    parts = ("actual", "band", "score", "note")

    def values():
        return {(i, p): window.controller.value(f"indicators.{i}.{p}") for i in ids for p in parts}
    before = values()
    page.view.setCurrentIndex(page.model.index_of("t2_campaign", ACTUAL))
    page.view.setFocus()
    QGuiApplication.clipboard().setText("开展专项行动5次\t\t8\t\n"
                                        "接返劝返率96%\t\t7.5\t个别人员多次越级，劝返未及时\n"
                                        "每批督办4件\t\t8\t\n")
    QTest.keyClick(page.view, Qt.Key.Key_V, CTRL)
    assert messages == []
    after = values()
    assert after[("t2_campaign", "actual")] == "开展专项行动5次"
    assert after[("t2_return", "actual")] == "接返劝返率96%"
    assert after[("t2_return", "score")] == "7.5"
    assert after[("t2_return", "note")] == "个别人员多次越级，劝返未及时"
    assert after[("t3_supervise", "actual")] == "每批督办4件"
    assert after[("t3_supervise", "score")] == "8"
    assert after[("t2_campaign", "band")] is None        # 评价档次 of a manual row: empty, not forced
    window.controller.stack.undo()
    assert values() == before


def test_indicator_paste_checks_bands_and_scores_like_typing(qtbot, window, messages):
    window.show_page("indicators")
    page = window.pages["indicators"]
    page.view.setCurrentIndex(page.model.index_of("procurement", BAND))
    refused = page.view.paste_block("优秀\t4.5\n")
    assert refused == ["「规范政府采购·评价档次」：评价档次只能是达成、部分达成、未达成"] or \
        refused[0].endswith("评价档次只能是达成、部分达成、未达成")
    assert window.controller.value("indicators.procurement.score") == "4.5"
    page.view.setCurrentIndex(page.model.index_of("t2_cases", SCORE))
    page.view.paste_block("十分\n")
    assert "不是数字" in messages[-1][1] and "分类录入办理信访案件数·得分" in messages[-1][1]
    assert window.controller.value("indicators.t2_cases.score") == "9.5"
    page.view.setCurrentIndex(page.model.index_of("t2_cases", NOTE))
    page.view.paste_block("部分达成\n")                     # text columns take any text
    assert window.controller.value("indicators.t2_cases.note") == "部分达成"
    assert total_text(window)


def _type_into(page, address, keys):
    index = page.model.locate(address)
    page.view.setCurrentIndex(index)
    page.view.setFocus()
    QTest.keyClicks(page.view, keys[0])
    editor = list(page.delegate.open_editors)[-1]
    QTest.keyClicks(editor, keys[1:])
    return editor


def test_thousands_separators_type_through_and_tab_leaves_the_cell(qtbot, window):
    page = _grid(window)
    editor = _type_into(page, "grids.spending.project.budget", "1,234.56")
    assert editor.text() == "1,234.56"                         # not stuck at "1,"
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert window.controller.value("grids.spending.project.budget") == "1,234.56"
    current = page.view.currentIndex()
    assert page.model.address(current.row(), current.column()) == "grids.spending.project.actual"
    editor = _type_into(page, "grids.spending.project.initial", "1,2")
    QTest.keyClick(editor, Qt.Key.Key_Tab)                     # half a number: kept as typed, 审核 marks it
    assert window.controller.value("grids.spending.project.initial") == "1,2"
    assert page.model.locate("grids.spending.project.initial").data(Qt.ItemDataRole.BackgroundRole) is not None


def test_a_refused_keystroke_is_explained_without_quoting_untyped_text(qtbot, window):
    page = _grid(window)
    editor = _type_into(page, "grids.spending.project.budget", "1,6")
    QTest.keyClicks(editor, "a")
    assert editor.text() == "1,6"
    assert editor.property("rejected_reason") == "“a”未输入：此处只能填写数字，如 95.9 或 1,234.56"


def test_more_decimals_than_shown_are_kept_and_marked(qtbot, window):
    from ui.grid_model import WARN_BG
    page = _grid(window)
    editor = _type_into(page, "grids.spending.project.actual", "510.123")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    cell = page.model.locate("grids.spending.project.actual")
    assert window.controller.value("grids.spending.project.actual") == "510.123"
    assert cell.data() == "510.12"
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == WARN_BG
    assert "填写为 510.123，表中按两位小数显示为 510.12" in cell.data(Qt.ItemDataRole.ToolTipRole)


def test_a_block_pasted_inside_a_cell_editor_goes_to_the_table(qtbot, window, messages):
    page = _grid(window)
    editor = _type_into(page, "grids.spending.wages.actual", "7")
    QGuiApplication.clipboard().setText("780\r\n40\r\n")       # two cells of a column, from Excel
    QTest.keyClick(editor, Qt.Key.Key_V, CTRL)
    assert window.controller.value("grids.spending.wages.actual") == "780"
    assert window.controller.value("grids.spending.goods.actual") == "40"
    assert messages == []

"""Money grid, header fields, report sections and the 审核 panel, through their widgets."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.ui.conftest import total_text, type_chinese
from core.textcheck import mismatches


def test_grid_rate_follows_each_keystroke_and_computed_cells_are_read_only(qtbot, window):
    page = window.show_page("grids.spending")
    model = page.model
    rate = model.locate("grids.spending.project.rate")
    actual = model.locate("grids.spending.project.actual")
    assert rate.data() == "100.00%"
    assert not rate.flags() & Qt.ItemFlag.ItemIsEditable
    assert not model.locate("grids.spending.expense_total.actual").flags() & Qt.ItemFlag.ItemIsEditable
    assert actual.data() == "498.21"
    page.view.setCurrentIndex(actual)
    page.view.setFocus()
    QTest.keyClicks(page.view, "4")
    editor = next(iter(page.delegate.open_editors))
    QTest.keyClicks(editor, "00")
    assert rate.data() == "80.29%"                       # 400 / 498.21, before Enter
    assert model.locate("grids.spending.expense_total.actual").data() == "1292.82"   # 892.82 + 400
    QTest.keyClicks(editor, "x")                           # refused: not a number
    assert editor.text() == "400"


def _retype_unit_name(window, *words):
    """单位名称 selected and replaced, word by word, as an input method (拼音) commits them."""
    page = window.show_page("group.basic")
    edit = page.editors["unit_name"]
    edit.setFocus()
    edit.selectAll()
    for word in words:
        type_chinese(edit, word)
    return page, edit


def test_header_field_typing_is_one_undo_step_per_field(qtbot, window):
    page, edit = _retype_unit_name(window, "花都区", "信访局")
    assert window.controller.value("fields.unit_name") == "花都区信访局"
    assert window.controller.stack.count() == 1
    assert window.actions_by_name["undo"].text() == "撤销 修改「单位名称」"
    window.controller.stack.undo()
    assert edit.text() == "广州市花都区信访局"


def test_ctrl_z_in_a_text_box_undoes_through_the_window_not_the_box(qtbot, window):
    page, edit = _retype_unit_name(window, "花都区信访局")
    steps = window.controller.stack.count()
    QTest.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.stack.index() == steps - 1    # the window's stack stepped back …
    assert edit.text() == "广州市花都区信访局"               # … and the box shows the session's value
    QTest.keyClick(edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.value("fields.unit_name") == "花都区信访局"
    goal = page.editors["overall_goal"]                      # a multi-line box too
    before = goal.toPlainText()
    goal.setFocus()
    QTest.keyClicks(goal, " more")
    QTest.keyClick(goal, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert goal.toPlainText() == before
    assert window.controller.value("fields.overall_goal") == before


def test_ctrl_z_in_a_dialog_box_stays_in_that_box(qtbot, window):
    """Only the draft's own boxes are routed: a line in a modal dialog keeps its own undo."""
    from ui.dialogs.new_draft import NewDraftDialog
    dialog = NewDraftDialog(window)
    dialog.old_path.setText("abc")
    QTest.keyClicks(dialog.old_path, "d")
    QTest.keyClick(dialog.old_path, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.old_path.text() == "abc"
    dialog.reject()


def test_activating_a_finding_moves_focus_to_its_field(qtbot, window):
    window.show_page("group.basic")
    edit = window.pages["group.basic"].editors["unit_name"]
    edit.clear()
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    window.controller.edit("fields.unit_name", None)
    window.show_page("indicators")                          # away from the field
    items = [window.findings.list.item(i) for i in range(window.findings.list.count())]
    item = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == "fields.unit_name")
    assert item.text().startswith("✖")                        # errors first, marked
    assert items[0].text().startswith("✖")
    assert item.foreground().color().name() == "#b3261e"      # red; warnings amber
    assert {i.foreground().color().name() for i in items if i.text().startswith("⚠")} == {"#8a5a00"}
    window.findings.list.itemActivated.emit(item)
    assert window.stack.currentWidget() is window.pages["group.basic"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    assert edit.property("error") is True


def test_activating_an_indicator_finding_selects_its_cell(qtbot, window):
    window.controller.edit("indicators.t2_cases.note", None)   # 9.5 < 10 needs a reason
    window.show_page("group.basic")
    items = [window.findings.list.item(i) for i in range(window.findings.list.count())]
    item = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == "indicators.t2_cases.note")
    window.findings.list.itemActivated.emit(item)
    page = window.pages["indicators"]
    assert window.stack.currentWidget() is page
    current = page.view.currentIndex()
    assert page.model.row_of(current).node.id == "t2_cases"
    from ui.indicator_cells import NOTE
    assert current.column() == NOTE


def test_report_section_starter_count_and_disagreeing_total(qtbot, window, monkeypatch):
    page = window.show_page("sections.s_conclusion")
    page.editor.clear()
    page.insert_button.click()
    text = page.editor.toPlainText()
    assert text.startswith("整体绩效自评得分：95.9分，等级为“优”。其中管理效能41.9分")   # no spaces around figures
    assert page.count.text() == f"{sum(1 for c in text if not c.isspace())} 字"
    assert page.warning.text() == ""
    assert window.actions_by_name["undo"].text() == "撤销 插入标准表述"
    window.controller.edit("indicators.t2_cases.score", "10")
    window.show_page("sections.s_conclusion")
    assert "95.9" in page.warning.text() and "96.4" in page.warning.text()


def test_the_starter_is_refused_while_its_figures_are_empty_and_the_reminder_stays(qtbot, make_window, messages):
    from core.registry import scan
    from core.session import Session
    window = make_window()
    window.controller.load(Session(scan().newest("gd-dept-overall")))   # a new draft: no figures yet
    page = window.show_page("sections.s_finance")
    page.insert_button.click()
    title, text = messages[-1]
    assert title == "插入标准表述" and "未填写" in text and "本年度收入—万元" in text
    assert window.controller.value("sections.s_finance") in (None, "")
    assert any(f.field == "sections.s_finance" for f in window.controller.result.findings)   # 尚未填写 stays


def test_inserting_the_starter_asks_before_replacing_the_clerks_text(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    page = window.show_page("sections.s_conclusion")
    window.controller.edit("sections.s_conclusion", "本单位自己写的结论。")
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: asked.append(self.text()) or 0)
    page.insert_button.click()                     # the answer is "取消" (no button clicked)
    assert asked and "已有文字" in asked[0]
    assert window.controller.value("sections.s_conclusion") == "本单位自己写的结论。"


def test_text_checks_find_a_stale_total_and_grade_but_not_group_scores():
    text = ("整体绩效自评得分：95.9 分，等级为“优”。1.履职效能指标方面，总分值：50 分，绩效自评得分：49 分。")
    names = ["优", "良", "中", "差"]
    assert mismatches(text, Decimal("95.9"), "优", names) == []
    found = mismatches(text, Decimal("89.5"), "良", names)
    assert [(m.kind, m.said, m.now) for m in found] == [("total", "95.9", "89.5"), ("grade", "优", "良")]
    assert mismatches("自评总分为 90 分", Decimal("90.0"), "优", names) == []
    tight = "整体绩效自评得分：95.9分，等级为“优”。"              # as 插入标准表述 now writes it
    assert [m.kind for m in mismatches(tight, Decimal("89.5"), "良", names)] == ["total", "grade"]


def test_large_font_option_is_remembered(qtbot, window):
    from ui import settings
    before = QApplication.font().pointSizeF()
    window.actions_by_name["large_font"].trigger()
    assert QApplication.font().pointSizeF() > before
    assert settings.get("large_font") is True
    window.actions_by_name["large_font"].trigger()
    assert QApplication.font().pointSizeF() == before


def test_score_panel_lists_every_first_level_group(window):
    labels = window.score_panel.group_labels
    assert set(labels) == {"mgmt", "duty", "bonus"}
    assert labels["mgmt"].text() == "41.9 / 45"
    assert total_text(window) == "95.9"
    assert "等级：优" == window.score_panel.grade.text()
    assert isinstance(window.pages["group.basic"].editors["unit_name"], QLineEdit)


def test_a_moved_figure_flashes_and_an_unmoved_one_does_not(qtbot, window):
    from PySide6.QtCore import QAbstractAnimation
    panel = window.score_panel
    window.controller.edit("indicators.t2_cases.score", "9")
    running = QAbstractAnimation.State.Running
    assert panel.flashes[panel.total].anim.state() == running
    assert panel.flashes[panel.group_labels["duty"]].anim.state() == running
    assert panel.flashes[panel.group_labels["mgmt"]].anim.state() != running


def test_a_draft_with_nothing_scored_says_so_instead_of_a_blank_grade(make_window):
    from pathlib import Path
    hunan = Path(__file__).resolve().parents[2] / "samples" / "hn-daxiang-2021.json"
    window = make_window(hunan)
    assert window.score_panel.grade.text() == "等级：未评分"


def test_a_length_limit_is_counted_as_the_clerk_types(qtbot, make_window, tmp_path):
    """Sichuan's 评价结论 is “200字以内”: the count follows each keystroke and turns red beyond it."""
    import shutil
    from pathlib import Path
    sample = Path(__file__).resolve().parents[2] / "samples" / "sc-project-published-qingshen-2023.json"
    shutil.copy(sample, tmp_path / "d.json")
    window = make_window(tmp_path / "d.json")
    page = window.show_page("group.conclusion")
    edit, counter = page.editors["eval_conclusion"], page.counters["eval_conclusion"]
    assert counter.text() == "已写 39 字，限 200 字"      # the instruction text the published table left
    edit.setFocus()
    edit.selectAll()
    type_chinese(edit, "好" * 201)
    assert counter.text() == "已写 201 字，限 200 字，超出 1 字"
    assert "c0392b" in counter.styleSheet()
    window.controller.stack.undo()
    assert counter.text() == "已写 39 字，限 200 字" and counter.styleSheet() == ""


def test_a_choice_field_shows_the_draft_s_option_and_a_pick_is_one_undoable_edit(make_window, tmp_path):
    """Hunan's 评价方式 is a choice: a combo box on the cover form (imported when a form has one)."""
    import shutil
    from pathlib import Path
    from PySide6.QtWidgets import QComboBox
    shutil.copy(Path(__file__).resolve().parents[2] / "samples" / "hn-daxiang-2021.json", tmp_path / "d.json")
    window = make_window(tmp_path / "d.json")
    combo = window.show_page("group.cover").editors["eval_method"]
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["（请选择）", "部门(单位)绩效自评", "直接组织评价", "委托第三方评价"]
    assert combo.currentText() == "部门(单位)绩效自评"
    combo.setCurrentIndex(3)
    combo.activated.emit(3)                                   # what a pick by the clerk sends
    assert window.controller.session.draft.fields["eval_method"] == "委托第三方评价"
    window.controller.stack.undo()
    assert combo.currentText() == "部门(单位)绩效自评"
    assert window.controller.session.draft.fields["eval_method"] == "部门(单位)绩效自评"

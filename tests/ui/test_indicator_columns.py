"""指标性质 and 度量单位 in the window: shown where the template prints them (Sichuan's
510000_0013zp, as 青神县发展和改革局 published it, https://www.scqs.gov.cn/info/13206/211004.htm:
指标性质 “=” | 指标值 “100” | 度量单位 “%”), hidden elsewhere; typed into, they rebuild the one
指标值 the score reads, and 指标性质 picks a row's rule in the same undo step."""

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ui.indicator_cells import ACTUAL, NAME, NATURE, SCORE, TARGET, UNIT

SC = Path(__file__).resolve().parents[2] / "samples" / "sc-project-published-qingshen-2023.json"


@pytest.fixture
def sc(make_window, tmp_path):
    path = tmp_path / "青神.json"
    shutil.copyfile(SC, path)
    window = make_window(path)
    window.show_page("indicators")
    return window, window.pages["indicators"]


def _rule(window, node_id):
    return window.controller.session.indicator(node_id).rule.type


def test_the_columns_show_only_where_the_template_prints_them(sc, window):
    _, page = sc
    assert not page.view.isColumnHidden(NATURE) and not page.view.isColumnHidden(UNIT)
    cells = [page.model.index_of("q_coverage", c).data() for c in (NATURE, TARGET, UNIT)]
    assert cells == ["=", "100", "%"]
    window.show_page("indicators")                        # 广东 has no such columns
    gd = window.pages["indicators"]
    assert gd.view.isColumnHidden(NATURE) and gd.view.isColumnHidden(UNIT)
    assert gd.model.index_of("t2_cases", TARGET).data() == window.controller.session.indicator("t2_cases").target


def test_typing_the_value_or_the_unit_keeps_the_rest_of_the_target(sc):
    window, page = sc
    assert page.model.setData(page.model.index_of("q_coverage", TARGET), "95")
    assert window.controller.value("indicators.q_coverage.target") == "=95%"
    assert page.model.setData(page.model.index_of("q_coverage", UNIT), "‰")
    assert window.controller.value("indicators.q_coverage.target") == "=95‰"
    window.controller.edit("indicators.q_coverage.actual", "90")
    assert page.model.index_of("q_coverage", SCORE).data() == "56.84"   # 90 ÷ 95 × 60


def test_picking_the_nature_sets_the_rule_and_the_sign_in_one_undo_step(sc):
    window, page = sc
    window.controller.edit("indicators.q_coverage.actual", "120%")
    assert page.model.index_of("q_coverage", SCORE).data() == "60"
    steps = window.controller.stack.count()
    index = page.model.index_of("q_coverage", NATURE)
    assert page.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    page.model.setData(index, "≤")
    assert _rule(window, "q_coverage") == "inverse_ratio"
    assert window.controller.value("indicators.q_coverage.target") == "≤100%"
    assert page.model.index_of("q_coverage", SCORE).data() == "50"      # 100 ÷ 120 × 60
    assert window.controller.stack.count() == steps + 1
    page.model.setData(page.model.index_of("q_coverage", NATURE), "定性")
    assert _rule(window, "q_coverage") == "qualitative"
    window.controller.stack.undo()
    window.controller.stack.undo()
    assert _rule(window, "q_coverage") == "ratio"
    assert [page.model.index_of("q_coverage", c).data() for c in (NATURE, TARGET, UNIT)] == ["=", "100", "%"]


def test_a_pasted_row_fills_nature_value_and_unit_and_a_bad_nature_is_named(sc, messages):
    window, page = sc
    page.view.setCurrentIndex(page.model.index_of("b_guarantee", NATURE))
    refused = page.view.paste_block("≥\t98\t%\t99%")
    assert refused == []
    assert _rule(window, "b_guarantee") == "ratio"
    assert window.controller.value("indicators.b_guarantee.target") == "≥98%"
    assert window.controller.value("indicators.b_guarantee.actual") == "99%"
    page.view.setCurrentIndex(page.model.index_of("b_guarantee", NATURE))
    refused = page.view.paste_block("越高越好")
    assert refused == ["「足额保障率(参保率)·指标性质」：指标性质只能是≥、=、≤、定性"]


def test_the_templates_own_rows_keep_their_rule(sc):
    window, page = sc
    row = page.model.row_of(page.model.index_of("q_coverage", NAME))
    assert page.model.editable(row, NATURE)                   # the clerk's row (extra_indicators)
    from core.template import walk_indicators
    fixed = [n for _, n in walk_indicators(window.controller.template.indicators) if n.rule and not n.children]
    assert [n.id for n in fixed] == ["budget_exec"]
    assert not page.model.editable(page.model.by_id["budget_exec"], NATURE)


def test_adding_a_row_asks_for_its_nature_and_unit(sc, monkeypatch):
    window, page = sc
    from ui.dialogs.indicator_dialogs import AddIndicatorDialog
    dialog = AddIndicatorDialog("成本指标", False, page, window.controller.template.indicator_columns)
    assert [dialog.rule.itemData(i) for i in range(dialog.rule.count())] == ["≥", "=", "≤", "定性"]
    dialog.name.setText("结余率")
    dialog.weight.setText("10")
    dialog.rule.setCurrentIndex(2)
    dialog.target.setText("5")
    dialog.unit.setText("%")
    node = dialog.node()
    assert (node.name, node.target, node.rule.type) == ("结余率", "≤5%", "inverse_ratio")
    dialog.deleteLater()


# -- found in review (2026-11-30) ------------------------------------------------------------

def test_a_sign_typed_into_a_lower_is_better_row_moves_its_rule(sc):
    """≥90 typed into a row picked ≤ is 正向 now, in one undo step; it was kept as ≥ but scored
    lower-is-better (95 against 90 got 56.84 of 60)."""
    window, page = sc
    page.model.setData(page.model.index_of("q_coverage", NATURE), "≤")
    window.controller.edit("indicators.q_coverage.actual", "95%")
    steps = window.controller.stack.count()
    page.model.setData(page.model.index_of("q_coverage", TARGET), "≥90")
    assert _rule(window, "q_coverage") == "ratio"
    assert window.controller.value("indicators.q_coverage.target") == "≥90%"
    assert [page.model.index_of("q_coverage", c).data() for c in (NATURE, SCORE)] == ["≥", "60"]
    assert window.controller.stack.count() == steps + 1


def test_a_unit_with_a_figure_is_refused_and_value_and_unit_are_two_undo_steps(sc, messages):
    window, page = sc
    page.view.setCurrentIndex(page.model.index_of("q_coverage", UNIT))
    assert page.view.paste_block("2次") == ["「发放(缴纳)覆盖率·度量单位」：度量单位不能含数字（数字请填在指标值中）"]
    assert window.controller.value("indicators.q_coverage.target") in (None, "=100%")
    steps = window.controller.stack.count()
    page.model.setData(page.model.index_of("q_coverage", TARGET), "98")
    page.model.setData(page.model.index_of("q_coverage", UNIT), "‰")
    assert window.controller.value("indicators.q_coverage.target") == "=98‰"   # the "=" kept, not made "≥"
    assert window.controller.stack.count() == steps + 2
    window.controller.stack.undo()
    assert window.controller.value("indicators.q_coverage.target") == "=98%"


def test_a_pasted_row_keeps_its_unit_on_a_row_with_no_target_yet(sc, messages):
    window, page = sc
    from ui.rows import new_row
    rows = list(window.controller.session.draft.extra_indicators["output_cost"] if "output_cost" in
                window.controller.session.draft.extra_indicators else [])
    row = new_row("结余率", 10, "", "manual")
    window.controller.set_rows("output_cost", rows + [row], "添加指标")
    page.view.setCurrentIndex(page.model.index_of(row.id, NATURE))
    assert page.view.paste_block("≤\t5\t%\t3%") == []
    assert (_rule(window, row.id), window.controller.value(f"indicators.{row.id}.target")) == ("inverse_ratio", "≤5%")
    assert page.model.index_of(row.id, SCORE).data() == "10"


def test_emptying_the_target_of_a_clerks_row_empties_it(sc):
    """Review 2026-11-30: the 指标值 given when the row was added came back when the cell was emptied."""
    window, page = sc
    page.model.setData(page.model.index_of("q_coverage", TARGET), "")
    assert [page.model.index_of("q_coverage", c).data() for c in (NATURE, TARGET, UNIT)] == ["≥", "", ""]
    assert not window.controller.session.indicator("q_coverage").target
    window.controller.stack.undo()
    assert [page.model.index_of("q_coverage", c).data() for c in (NATURE, TARGET, UNIT)] == ["=", "100", "%"]


def test_emptying_the_target_of_a_clerks_row_without_the_columns(qtbot, window, monkeypatch):
    from ui.dialogs import indicator_dialogs
    from ui.rows import new_row
    window.show_page("indicators")
    page = window.pages["indicators"]
    page.view.setCurrentIndex(page.model.index_of("task_reform", NAME))
    monkeypatch.setattr(indicator_dialogs.AddIndicatorDialog, "exec", lambda self: True)
    monkeypatch.setattr(indicator_dialogs.AddIndicatorDialog, "node", lambda self: new_row("接访群众满意度", 2, "≥90%", "ratio"))
    page.add_row()
    row_id = next(r.node.id for r in page.model.by_id.values() if r.node.name == "接访群众满意度")
    page.model.setData(page.model.index_of(row_id, TARGET), "")
    assert page.model.index_of(row_id, TARGET).data() == ""
    window.controller.stack.undo()
    assert page.model.index_of(row_id, TARGET).data() == "≥90%"

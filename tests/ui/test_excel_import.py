"""文件 → 从 Excel 导入 and 导出 一体化系统导入格式 in the window."""

from pathlib import Path

import pytest

from tests.ui.conftest import new_draft_dialog, total_text

ROOT = Path(__file__).resolve().parents[2]
MOF = ROOT / "samples" / "mof-project-qingshi-water-2023.json"


@pytest.fixture
def mof_xlsx(tmp_path):
    from core.opening import open_draft
    from exporters.api import export_bytes
    opened = open_draft(str(MOF))
    path = tmp_path / "上年自评表.xlsx"
    path.write_bytes(export_bytes("xlsx", opened.template, opened.draft))
    return path


def test_the_file_menu_offers_both(window):
    file_menu = window.menuBar().actions()[0]
    names = {a.text() for a in file_menu.menu().actions()}
    assert {"从 Excel 导入…", "导出 一体化系统导入格式…"} <= names
    assert window.actions_by_name["import_excel"].text() == "从 Excel 导入…"


def test_import_shows_the_report_then_opens_an_unsaved_draft(qtbot, window, mof_xlsx, monkeypatch):
    from ui import excel_import
    seen = []
    monkeypatch.setattr(excel_import, "confirm", lambda parent, report: seen.append(report.lines()) or True)
    assert excel_import.import_excel(window, str(mof_xlsx))
    assert seen and "没有未导入的单元格" in seen[0][-1]
    s = window.controller.session
    assert (s.template.id, s.path) == ("mof-project", None) and window.controller.is_modified()
    assert total_text(window) == "96.42"
    assert "从 Excel 导入的草稿" in window.windowTitle()


def test_declining_the_report_keeps_the_open_draft(window, mof_xlsx, monkeypatch):
    from ui import excel_import
    before = window.controller.session
    monkeypatch.setattr(excel_import, "confirm", lambda parent, report: False)
    assert not excel_import.import_excel(window, str(mof_xlsx))
    assert window.controller.session is before


def test_a_file_that_is_no_table_is_a_message(window, tmp_path, messages):
    from ui import excel_import
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a workbook")
    before = window.controller.session
    assert not excel_import.import_excel(window, str(path))
    assert messages and messages[-1][0] == "无法导入" and "无法作为 Excel 工作簿读取" in messages[-1][1]
    assert window.controller.session is before


def test_the_report_dialog_lists_the_cells_not_placed(qtbot, window, mof_xlsx):
    from importers.workbook import load_excel
    from ui.excel_import import ImportReportDialog
    _, report = load_excel(str(mof_xlsx))
    report.unplaced.append(_note())
    dialog = ImportReportDialog(window, report)
    qtbot.addWidget(dialog)
    assert "「表1」B24：“备注”" in dialog.text.toPlainText()


def _note():
    from importers.table import Note
    return Note("表1", "B24", "备注", "没有找到它所属的栏目")


def test_export_the_import_format_from_the_window(qtbot, make_window, tmp_path, monkeypatch):
    from ui import exporting
    window = make_window(MOF)
    done = []
    monkeypatch.setattr(exporting, "show_done", lambda parent, written, renamed, wanted: done.append(written))
    window.exports.export("xmlss", path=str(tmp_path / "导入.xml"), ask=False)
    qtbot.waitUntil(lambda: window.exports.last is not None, timeout=30_000)
    assert done and Path(done[0]).read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_new_draft_from_last_years_excel_table(qtbot, mof_xlsx, messages):
    session = new_draft_dialog(qtbot, "mof-project", mof_xlsx).session()
    assert session.draft.fields["year"] == "2024"
    assert session.draft.fields["project_name"] == "2023年青石县农村饮水安全工程维修养护项目"
    rows = [n.name for rows in session.draft.extra_indicators.values() for n in rows]
    assert "受益群众满意度" in rows and all(not e.actual for e in session.draft.indicators.values())


def test_new_draft_from_an_unreadable_excel_file_says_why(qtbot, tmp_path, messages):
    bad = tmp_path / "上年.xlsx"
    bad.write_bytes(b"nonsense")
    assert new_draft_dialog(qtbot, None, bad).session() is None
    assert messages[-1][0] == "无法读取上年自评表" and "无法作为 Excel 工作簿读取" in messages[-1][1]

"""文件 → 打开文件夹: 200 drafts read in the background while the window keeps turning,
filters, double-click, a saved draft's row refreshed, 全部导出 and the 汇总表."""

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog

from core.folder import DONE, FAILING, UNSCORED
from ui.folder_view import ENTRY_ROLE
from tests.conftest import ROOT

SAMPLES = ROOT / "samples"
WATER = SAMPLES / "mof-project-qingshi-water-2023.json"


def _generated(folder: Path, count: int) -> Path:
    """`count` project drafts of different projects, in sub-folders of 50, every 10th failing 审核."""
    base = json.loads(WATER.read_text(encoding="utf-8"))
    for i in range(count):
        data = json.loads(json.dumps(base))
        data["fields"]["project_name"] = f"第{i + 1}号维修养护项目"
        if i % 10 == 0:
            data["fields"]["competent_dept"] = ""   # a required field left empty: an error
        sub = folder / f"第{i // 50 + 1}批"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"项目{i + 1:03d}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture
def window(make_window):
    return make_window()


def test_200_drafts_are_read_while_the_event_loop_keeps_turning(qtbot, window, tmp_path, monkeypatch):
    folder = _generated(tmp_path / "2023年度", 200)
    monkeypatch.setattr("ui.folder_view.BATCH_SECONDS", 0.01)   # many hand-overs, on a fast machine too
    view = window.folders.open(str(folder))
    qtbot.addWidget(view)
    ticks, rows_seen = [], []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: (ticks.append(1), rows_seen.append(view.model.rowCount())))
    timer.start()
    qtbot.waitUntil(lambda: not view.reading(), timeout=120_000)
    timer.stop()
    assert view.model.rowCount() == view.proxy.rowCount() == 200
    # the event loop ran while the files were read, and rows arrived a few at a time
    partial = [n for n in rows_seen if 0 < n < 200]
    print(f"{len(ticks)} timer ticks while reading; row counts seen: {len(set(partial))}")
    assert len(ticks) >= 10 and len(set(partial)) >= 5, (len(ticks), sorted(set(partial))[:10])
    assert "共 200 个文件，草稿 200 份" in view.counts.text() and "审核未通过 20" in view.counts.text()
    view.filter.setCurrentText(FAILING)
    assert view.proxy.rowCount() == 20
    assert {e.path.name for e in view.visible_entries()} == {f"项目{i + 1:03d}.json" for i in range(0, 200, 10)}
    view.filter.setCurrentText(DONE)
    assert view.proxy.rowCount() == 180
    view.filter.setCurrentText(UNSCORED)
    assert view.proxy.rowCount() == 0
    view.filter.setCurrentText("全部")
    view.search.setText("第7号")
    assert [e.project for e in view.visible_entries()] == ["第7号维修养护项目"]


def _small(tmp_path) -> Path:
    folder = tmp_path / "收件"
    (folder / "下属单位").mkdir(parents=True)
    shutil.copy(WATER, folder / "供水.json")
    shutil.copy(WATER, folder / "下属单位" / "供水-收到.json")
    shutil.copy(SAMPLES / "mof-project-published-tianchang-2022.json", folder / "天长.json")
    (folder / "备注.json").write_text("[1, 2]", encoding="utf-8")
    return folder


def _opened(qtbot, window, folder):
    view = window.folders.open(str(folder))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.reading() and view.model.rowCount() == 4, timeout=60_000)
    return view


def test_problems_are_shown_not_hidden_and_sorting_by_budget(qtbot, window, tmp_path):
    view = _opened(qtbot, window, _small(tmp_path))
    states = {e.path.name: e.state for e in view.visible_entries()}
    assert states == {"供水.json": "重复", "供水-收到.json": "重复", "天长.json": FAILING, "备注.json": "不是草稿"}
    view.filter.setCurrentText("文件有问题")
    assert {e.path.name for e in view.visible_entries()} == {"供水.json", "供水-收到.json", "备注.json"}
    view.filter.setCurrentText("全部")
    view.view.sortByColumn(4, view.view.horizontalHeader().sortIndicatorOrder().DescendingOrder)
    assert [e.path.name for e in view.visible_entries()][0] == "天长.json"     # 880 万元 first


def test_double_click_opens_and_saving_refreshes_the_row(qtbot, window, tmp_path, messages):
    folder = _small(tmp_path)
    view = _opened(qtbot, window, folder)
    row = next(r for r in range(view.proxy.rowCount()) if view.proxy.index(r, 0).data(ENTRY_ROLE).path.name == "天长.json")
    rect = view.view.visualRect(view.proxy.index(row, 2))
    qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.controller.session.path.endswith("天长.json")
    entry = next(e for e in view.entries if e.path.name == "天长.json")
    assert entry.errors  # 主管部门 is empty in the published table
    window.controller.edit("fields.competent_dept", "天长市人民政府")
    assert window.files.save()
    refreshed = next(e for e in view.entries if e.path.name == "天长.json")
    assert refreshed is not entry and refreshed.errors == [] and refreshed.state == DONE


def test_export_all_and_summary(qtbot, window, tmp_path, messages, monkeypatch):
    folder = _small(tmp_path)
    view = _opened(qtbot, window, folder)
    out = tmp_path / "导出"
    view.export_all(str(out), formats=("xlsx", "pdf"))
    qtbot.waitUntil(lambda: hasattr(view.batch, "result"), timeout=60_000)
    written, failed, cancelled = view.batch.result
    assert (written, failed, cancelled) == (6, [], False) and len(list(out.iterdir())) == 6
    assert messages[-1][0] == "全部导出"
    shutil.copy(SAMPLES / "gd-huadu-xinfang-2021.json", folder / "下属单位" / "花都.json")
    view.refresh_file(folder / "下属单位" / "花都.json")
    view.write_summary(str(tmp_path))
    assert [Path(p).name for p in view.last_written] == [
        "项目支出绩效自评结果汇总表.xlsx", "项目支出绩效自评结果汇总表.docx",
        "部门整体支出绩效自评结果汇总表.xlsx", "部门整体支出绩效自评结果汇总表.docx"]


def test_reading_again_while_reading_leaves_one_row_per_file(qtbot, window, tmp_path):
    folder = _generated(tmp_path / "多", 60)
    view = window.folders.open(str(folder))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=60_000)
    view.check_all()                      # 全部审核 while the first reading is still going
    qtbot.waitUntil(lambda: not view.reading(), timeout=120_000)
    qtbot.wait(50)                        # anything the first reader left queued
    assert view.model.rowCount() == 60 and len(view.entries) == 60
    assert len({e.path for e in view.entries}) == 60


def test_receive_flags_the_same_project_and_report_text(qtbot, window, tmp_path, messages):
    folder = _small(tmp_path)
    view = _opened(qtbot, window, folder)
    view.receive([str(WATER), str(SAMPLES / "mof-project-published-tangxi-2022.json")])
    assert view.model.rowCount() == 6
    received = {r.source.name: r for r in view.received}
    assert received[WATER.name].target.name == WATER.name      # a new name in this folder: nothing overwritten
    assert {p.name for p in received[WATER.name].same_project} == {"供水.json", "供水-收到.json"}
    assert messages[-1][0] == "收取草稿" and "为同一项目" in messages[-1][1]
    row = next(e for e in view.entries if e.path.name == WATER.name)
    assert row.state == "重复" and len(row.duplicates) == 2
    view.show_report_text()
    from PySide6.QtWidgets import QPlainTextEdit, QPushButton
    text = view.report_dialog.findChild(QPlainTextEdit).toPlainText()
    assert text.startswith("本年度共对5个项目开展绩效自评，涉及资金")
    # the open draft is the 花都 部门整体 sample: its projects section is offered, and 插入 is one undo step
    assert view.report_dialog.section.currentData() == "s_projects"
    before = window.controller.value("sections.s_projects")
    next(b for b in view.report_dialog.findChildren(QPushButton) if b.text() == "插入到报告").click()
    after = window.controller.value("sections.s_projects")
    assert after.startswith(before.rstrip()) and after.endswith(text)
    window.controller.stack.undo()
    assert window.controller.value("sections.s_projects") == before


def test_export_all_stops_at_cancel(qtbot, window, tmp_path, messages, monkeypatch):
    view = _opened(qtbot, window, _small(tmp_path))
    import exporters.batch
    real = exporters.batch.export_draft

    def then_cancel(*args, **kwargs):          # the clerk presses 取消 while the first draft is exported
        outcome = real(*args, **kwargs)
        view.batch.dialog.cancel()
        return outcome
    monkeypatch.setattr(exporters.batch, "export_draft", then_cancel)
    out = tmp_path / "导出"
    view.export_all(str(out), formats=("xlsx",))
    qtbot.waitUntil(lambda: hasattr(view.batch, "result"), timeout=60_000)
    written, failed, cancelled = view.batch.result
    assert cancelled and written == 1 and len(list(out.iterdir())) == 1
    assert messages[-1][0] == "全部导出" and "已取消" in messages[-1][1]


def test_the_start_page_opens_a_folder_and_names_a_project_drafts_unit(qtbot, messages, tmp_path, monkeypatch):
    from ui import settings
    from ui.launch import make_app
    from ui.main_window import MainWindow
    project = tmp_path / "供水项目.json"
    shutil.copy(WATER, project)
    settings.remember(str(project))
    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_start()
    page = window.stack.currentWidget()
    qtbot.waitUntil(lambda: "读取中" not in page.recent.item(0).text())
    # 实施单位 is the project template's unit: found by its role, not by the id unit_name
    assert "青石县农村供水服务中心 · 2023 · 总分 96.42" in page.recent.item(0).text()
    folder = _small(tmp_path)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(folder))
    page.folder_button.click()
    view = window.folders.open_windows[-1]
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: not view.reading() and view.model.rowCount() == 4, timeout=60_000)


def test_files_copied_in_saved_into_or_deleted_from_the_folder_show_in_the_list(qtbot, window, tmp_path, messages):
    folder = _small(tmp_path)
    view = _opened(qtbot, window, folder)
    names = lambda: sorted(e.path.name for e in view.entries)   # noqa: E731
    shutil.copy(SAMPLES / "mof-project-published-tangxi-2022.json", folder / "下属单位" / "棠溪.json")
    qtbot.waitUntil(lambda: "棠溪.json" in names(), timeout=10_000)
    (folder / "备注.json").unlink()
    qtbot.waitUntil(lambda: "备注.json" not in names(), timeout=10_000)
    assert view.model.rowCount() == len(view.entries) == 4
    # 另存为 into the folder from the window: the new file is listed with its figures
    window.files.open_path(str(SAMPLES / "gd-huadu-xinfang-2021.json"))
    window.files._save_to(str(folder / "花都.json"))
    qtbot.waitUntil(lambda: "花都.json" in names(), timeout=10_000)
    huadu = next(e for e in view.entries if e.path.name == "花都.json")
    assert huadu.unit == "广州市花都区信访局" and str(huadu.total) == "95.9"
    assert "共 5 个文件" in view.counts.text()

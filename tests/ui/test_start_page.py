"""The first start: a start page instead of another unit's data."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.start_page import SAMPLE_LABEL, StartPage


def _start(qtbot, messages):
    from ui.launch import make_app, start
    from ui.main_window import MainWindow
    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    assert start(window, []) == "start"
    window.show()
    page = window.stack.currentWidget()
    assert isinstance(page, StartPage)
    return window, page


def test_first_start_shows_templates_with_descriptions_and_no_draft(qtbot, messages):
    window, page = _start(qtbot, messages)
    assert window.controller.session is None
    assert not window.nav.isVisible() and not window.actions_by_name["check"].isEnabled()
    texts = [page.templates.item(i).text() for i in range(page.templates.count())]
    assert any("项目支出" in t and "财预〔2020〕10号" in t for t in texts)   # name and its one line
    assert "他单位数据" in page.sample_button.text() and page.sample_button.text() == SAMPLE_LABEL
    assert page.recent.item(0).flags() == Qt.ItemFlag.NoItemFlags               # no drafts yet: said so


def test_new_from_the_start_page_takes_the_year(qtbot, messages):
    window, page = _start(qtbot, messages)
    row = next(i for i in range(page.templates.count())
               if page.templates.item(i).data(Qt.ItemDataRole.UserRole) == "mof-project")
    page.templates.setCurrentRow(row)
    page.year.setValue(2024)
    page.new_button.click()
    assert window.controller.template.id == "mof-project"
    assert window.controller.value("fields.year") == "2024"
    assert window.nav.isVisibleTo(window) and window.actions_by_name["save"].isEnabled()
    assert not isinstance(window.stack.currentWidget(), StartPage)


def test_recent_drafts_show_unit_year_total_and_check_state(qtbot, messages, draft_copy):
    from ui import settings
    settings.remember(str(draft_copy))
    window, page = _start_without_recent(qtbot, messages)
    qtbot.waitUntil(lambda: "读取中" not in page.recent.item(0).text())
    text = page.recent.item(0).text()
    assert text.startswith(draft_copy.name)
    assert "广州市花都区信访局 · 2021 · 总分 95.9 · 审核无错误" in text
    page._open_recent(page.recent.item(0))
    assert window.controller.session.path == str(draft_copy)


def _start_without_recent(qtbot, messages):
    """The start page with the recent list filled (start() would open the last draft itself)."""
    from ui.launch import make_app
    from ui.main_window import MainWindow
    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_start()
    return window, window.stack.currentWidget()


def test_the_sample_opens_only_when_asked_and_says_what_it_is(qtbot, messages):
    window, page = _start(qtbot, messages)
    page.sample_button.click()
    assert window.controller.session.path is None
    assert "示例" in window.windowTitle()
    assert "他单位数据" in window.statusBar().currentMessage()

"""ui/first_frame.py: work deferred to just after the first painted frame."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QMainWindow

from ui import fmt


def test_the_callback_waits_for_the_first_paint_and_runs_once(qtbot):
    from ui.first_frame import after_first_paint
    window = QMainWindow()
    qtbot.addWidget(window)
    calls = []
    after_first_paint(window, lambda: calls.append(window.isVisible()))
    qtbot.wait(30)
    assert calls == []                       # not shown, not painted: nothing yet
    window.show()
    qtbot.waitUntil(lambda: calls == [True])
    window.repaint()
    qtbot.wait(30)
    assert calls == [True]                   # a later paint does not call it again


def test_the_first_frame_shows_the_right_total_and_no_verdict_until_audit_has_run(qtbot, messages, tmp_path):
    """审核 runs just after the window's first paint. Before it: every score as core.evaluate
    gives it, "审核中…" where the verdict goes, no finding and no mark (no false pass); after
    it, without anyone asking: the list, the verdict and the marks of a full evaluation."""
    from core.evaluate import evaluate
    from core.store import read_draft, save_draft
    from tests.conftest import SAMPLE
    from tests.ui.conftest import total_text
    from ui.files import open_draft
    from ui.launch import make_app
    from ui.main_window import MainWindow
    draft = read_draft(SAMPLE)
    draft.fields["unit_name"] = None                       # a required field left empty: 1 error
    path = tmp_path / "无单位名称.json"
    save_draft(draft, path)
    opened = open_draft(str(path))
    expected = evaluate(opened.template, opened.draft)
    assert expected.scores.total == Decimal("95.9") and expected.audit_status == "审核未通过：1 个错误"

    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.files.open_path(str(path))
    c = window.controller
    assert not c.result.checked                            # building the first screen read no finding
    assert total_text(window) == "95.9"
    assert {gid: label.text() for gid, label in window.score_panel.group_labels.items()} == {
        g.id: f"{fmt.score(g.score)} / {fmt.weight(g.weight)}" for g in expected.scores.groups}
    status = window.score_panel.status.text()
    assert "审核中…" in status and "审核未通过" not in status and "全部指标已评分" in status
    assert window.findings.heading.text() == "审核：正在检查…" and window.findings.list.count() == 0
    unit_name = window.pages["group.basic"].editors["unit_name"]
    assert not unit_name.property("error")

    window.show()
    qtbot.waitUntil(lambda: c.result.checked)
    assert total_text(window) == "95.9"
    shown = [window.findings.list.item(i).text() for i in range(window.findings.list.count())]
    assert shown == [("✖ " if f.severity == "error" else "⚠ ") + f.message for f in expected.findings]
    assert window.findings.heading.text() == f"审核：{expected.tally}"
    status = window.score_panel.status.text()
    assert "审核未通过：1 个错误" in status and "审核中" not in status
    assert unit_name.property("error") is True


def test_a_draft_opened_in_a_shown_window_is_audited_without_asking(qtbot, window, tmp_path):
    from tests.conftest import SAMPLE
    other = tmp_path / "湘.json"
    other.write_bytes((SAMPLE.parent / "hn-daxiang-2021.json").read_bytes())
    assert window.files.open_path(str(other))
    assert "审核中…" in window.score_panel.status.text()       # the new draft's verdict is not the old one's
    qtbot.waitUntil(lambda: window.controller.result.checked)
    assert window.findings.list.count() == len(window.controller.result.findings) > 0
    assert window.findings.heading.text() == f"审核：{window.controller.result.tally}"



def test_the_first_frame_is_painted_before_audit_and_without_qt_s_namespace(tmp_path):
    """At the window's first paint (python main.py DRAFT, in its own process): the draft's
    审核 has not run yet, and PySide has not built the `Qt` namespace's ~90 enums (~20 ms,
    which a bare window never pays), nor the classes the first frame does not use (the
    combo box of a choice field, the 审核 list's items, the font database: each ~0.2–1.5 ms);
    PySide puts a name in its module's dict when it is first touched."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT, SAMPLE
    code = f"""
import PySide6.QtCore as core
import PySide6.QtGui as gui
import PySide6.QtWidgets as widgets
import ui.first_frame as first_frame
from ui.launch import launch

def watch(app, window):
    def painted():
        print("Qt" in core.__dict__, window.controller.result.checked, flush=True)
        print(*[name for name in ("QComboBox", "QListWidgetItem") if name in widgets.__dict__],
              *[name for name in ("QFontDatabase",) if name in gui.__dict__], "-", flush=True)
        app.quit()
    first_frame.after_first_paint(window, painted)

first_frame.exit_when_painted = watch
launch([{str(SAMPLE)!r}])
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JXZP_EXIT_WHEN_READY": "1", "JXZP_DATA_DIR": str(tmp_path),
           "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.stdout.split() == ["False", "False", "-"], out.stdout + out.stderr


def test_audit_read_early_by_someone_else_still_reaches_the_panels(qtbot, messages):
    """A page or an export may read the findings (and so run 审核) before the first
    frame's callback: the panels must not keep saying 审核中… for ever."""
    from tests.conftest import SAMPLE
    from ui.launch import make_app
    from ui.main_window import MainWindow
    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.files.open_path(str(SAMPLE))
    findings = window.controller.result.findings        # e.g. an export: runs 审核 now
    assert "审核中…" in window.score_panel.status.text()
    window.show()
    qtbot.waitUntil(lambda: "审核中" not in window.score_panel.status.text())
    assert window.findings.list.count() == len(findings) == 10
    assert window.findings.heading.text() == "审核：0 个错误，10 个提醒"


def test_garbage_collection_is_held_off_until_put_back():
    import gc

    from ui.launch import hold_garbage_collection
    before = gc.get_threshold()
    put_back = hold_garbage_collection()
    try:
        assert gc.get_threshold() == (100_000, *before[1:])
    finally:
        put_back()
    assert gc.get_threshold() == before

"""ui/exporting.py: an export from the window uses the session's current
evaluation, builds one render context for the name, the file and the PDF's
font check, and learns the end of the job from a signal, not a polling timer."""

from __future__ import annotations

import pytest


@pytest.fixture
def no_polling(monkeypatch):
    from ui import exporting

    class NoTimer:
        singleShot = staticmethod(lambda *a: None)

        def __init__(self, *a, **k):
            raise AssertionError("the export's end must be signalled, not polled with a QTimer")
    monkeypatch.setattr(exporting, "QTimer", NoTimer)


def test_three_exports_evaluate_nothing_again_and_build_one_context_each(qtbot, window, monkeypatch, tmp_path,
                                                                          count_calls, no_polling):
    pytest.importorskip("docxtpl")
    import exporters.api  # noqa: F401
    import exporters.pdf  # noqa: F401
    from ui import exporting
    done = []
    monkeypatch.setattr(exporting, "show_done", lambda parent, written, renamed, wanted: done.append(written))
    window.controller.edit("fields.preparer", "赵六")          # the export shows the latest edit
    evaluations = count_calls("core.evaluate", "evaluate")
    contexts = count_calls("exporters.context", "build")
    documents = count_calls("exporters.printing", "document")
    for fmt in ("docx", "xlsx", "pdf"):
        window.exports.export(fmt, path=str(tmp_path / f"out.{fmt}"), ask=False)
        qtbot.waitUntil(lambda: window.exports.running is None and len(done) == len(contexts), timeout=60_000)
    assert [p.name for p in done] == ["out.docx", "out.xlsx", "out.pdf"], window.exports.last
    assert (len(evaluations), len(contexts), len(documents)) == (0, 3, 1)
    assert all(args[2] is window.controller.session.result for args in contexts)   # the current evaluation
    import zipfile
    with zipfile.ZipFile(tmp_path / "out.docx") as z:
        assert "赵六" in z.read("word/document.xml").decode("utf-8")


def test_a_failed_threaded_export_is_reported_through_the_signal(qtbot, window, monkeypatch, messages, no_polling):
    import exporters.api

    def broken(fmt, template, ctx, notices=None):
        raise OSError("磁盘已满")
    monkeypatch.setattr(exporters.api, "export", broken)
    window.exports.export("xlsx", path="/tmp/never.xlsx", ask=False)
    qtbot.waitUntil(lambda: window.exports.running is None, timeout=10_000)
    assert isinstance(window.exports.last, OSError)
    assert any("磁盘已满" in text for _, text in messages)


def test_a_text_too_long_for_a_word_cell_is_announced_with_what_export_will_do(qtbot, window):
    from exporters.cell_limits import WORD_CELL_LIMIT
    window.controller.edit("fields.overall_goal", "目" * WORD_CELL_LIMIT)
    assert "附文" not in window.statusBar().currentMessage()
    window.controller.edit("fields.overall_goal", "目" * (WORD_CELL_LIMIT + 1))
    message = window.statusBar().currentMessage()
    assert f"共 {WORD_CELL_LIMIT + 1:,} 字" in message and "全文接在该表之后" in message

"""Window benchmarks. Prints figures only (no pass/fail):

  (a) start-up to an interactive window with the sample loaded (`python main.py`,
      first run) beside a bare PySide6 QMainWindow, each in a fresh subprocess,
      median of 5, and their ratio (goal ≤ 1.5×); also the same first screen built
      from plain widgets with no program code (bench/first_screen_widgets.py), which
      shows how much of the gap the widgets alone take;
  (b) keystroke in a score cell → total label repainted, with 1,000 indicators
      (synthetic rows under an extensible node; goal < 16 ms, one frame),
      timed from QTest.keyClick to the label's paint event, with Qt's 5 ms
      update pacing off (QT_QPA_UPDATE_IDLE_TIME=0).

    python bench/ui_bench.py            # offscreen unless a DISPLAY is set
    xvfb-run -a python bench/ui_bench.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
KEYS = 60
ROWS = 1000

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1440, 900); w.show()
QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit())))
app.exec()
"""


def _env() -> dict:
    env = dict(os.environ, JXZP_DATA_DIR=tempfile.mkdtemp(prefix="jxzp-bench-"), JXZP_EXIT_WHEN_READY="1",
               PYTHONPATH=str(ROOT))
    # A clerk's copy runs from cached bytecode; a development shell that sets
    # PYTHONDONTWRITEBYTECODE would recompile ~50 modules (~120 ms) on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _time_to_ready(args: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        if line.strip() == "ready":
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"{args} never reported ready")
    proc.wait()
    return elapsed * 1000


def startup() -> None:
    bare, widgets, app = [], [], []
    _time_to_ready([sys.executable, str(ROOT / "main.py")])  # warm-up: writes the bytecode caches
    for _ in range(RUNS):  # interleaved, so a busy moment hurts all alike
        bare.append(_time_to_ready([sys.executable, "-c", BARE]))
        widgets.append(_time_to_ready([sys.executable, str(ROOT / "bench" / "first_screen_widgets.py")]))
        app.append(_time_to_ready([sys.executable, str(ROOT / "main.py")]))
    b, w, a = statistics.median(bare), statistics.median(widgets), statistics.median(app)
    print(f"(a) start-up to an interactive window, median of {RUNS} fresh processes")
    print(f"    bare QMainWindow         {b:7.0f} ms   (runs: {', '.join(f'{x:.0f}' for x in bare)})")
    print(f"    same widgets, no program {w:7.0f} ms   (runs: {', '.join(f'{x:.0f}' for x in widgets)})"
          f"   {w / b:.2f} × bare: bench/first_screen_widgets.py")
    print(f"    main.py, sample loaded   {a:7.0f} ms   (runs: {', '.join(f'{x:.0f}' for x in app)})")
    print(f"    ratio                    {a / b:7.2f} ×   (goal ≤ 1.5 ×)")


def keystroke() -> None:
    os.environ.update({k: v for k, v in _env().items() if k in ("JXZP_DATA_DIR", "QT_QPA_PLATFORM")})
    # Qt's default requestUpdate waits 5 ms before painting (frame pacing, not our work)
    os.environ.setdefault("QT_QPA_UPDATE_IDLE_TIME", "0")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from core.template import IndicatorDef, RuleSpec
    from ui.indicator_cells import SCORE
    from ui.launch import make_app
    from ui.main_window import MainWindow

    app = make_app()
    window = MainWindow()
    window.files.open_sample()
    window.show()
    c = window.controller
    rows = [IndicatorDef(id=f"bench{i}", name=f"合成指标 {i}", weight=10, rule=RuleSpec(type="manual"))
            for i in range(ROWS)]
    group = IndicatorDef(id="bench", name="合成二级指标", weight=None, extensible=True, children=rows)
    c.apply_rows("duty", list(c.session.draft.extra_indicators["duty"]) + [group])
    page = window.show_page("indicators")
    leaves = sum(1 for n in c.result.scores.nodes.values() if n.leaf)
    index = page.model.index_of(f"bench{ROWS // 2}", SCORE)
    page.view.scrollTo(index)
    page.view.setCurrentIndex(index)
    page.view.setFocus()
    QTest.keyClick(page.view, "1")                      # opens the editor, typing "1"
    editor = next(iter(page.view.delegate.open_editors))
    QTest.qWait(50)

    painted = []

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                painted.append(time.perf_counter())
            return False
    watch = Watch()
    window.score_panel.total.installEventFilter(watch)

    times, core_times = [], []
    for i in range(KEYS):
        key = "0" if i % 2 == 0 else "\b"              # "1" → "10" → "1" → …: the total moves each time
        painted.clear()
        start = time.perf_counter()
        if key == "\b":
            QTest.keyClick(editor, Qt.Key.Key_Backspace)
        else:
            QTest.keyClick(editor, key)
        typed = time.perf_counter()
        while not painted and time.perf_counter() - typed < 0.5:
            QApplication.processEvents()                  # the queued repaint of the label and the tree
        if painted:
            times.append((painted[0] - start) * 1000)
            core_times.append((typed - start) * 1000)
        QTest.qWait(20)                                   # let the flash settle; not measured
    print(f"(b) keystroke in a score cell → total label repainted, {leaves} indicators "
          f"({len(times)} of {KEYS} keystrokes repainted the label)")
    print(f"    median {statistics.median(times):6.1f} ms   p90 {sorted(times)[int(len(times) * 0.9)]:6.1f} ms   "
          f"max {max(times):6.1f} ms   (goal < 16 ms)")
    print(f"    of which key → session → labels set (before painting): median {statistics.median(core_times):.1f} ms")
    window.controller.stack.clear()
    window.close()
    app.quit()


if __name__ == "__main__":
    if "--keys-only" not in sys.argv:
        startup()
    keystroke()

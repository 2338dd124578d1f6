"""A year folder of N generated project drafts (default 200):

  (a) core.folder.scan_folder, headless: seconds to read and evaluate them all;
  (b) the folder window reading them in its background thread: how often a 5 ms
      timer on the window's thread got to run meanwhile (median / 90th percentile /
      largest gap between two ticks) — how long a click could wait;
  (c) main.py summary on the folder, as a process (xlsx and docx).

    QT_QPA_PLATFORM=offscreen python bench/folder_bench.py [N]

Prints figures and asserts nothing; on a shared 2-core machine they vary with the load.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("JXZP_DATA_DIR", tempfile.mkdtemp(prefix="jxzp-bench-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(count: int) -> None:
    from tests.ui.test_folder_view import _generated
    folder = Path(tempfile.mkdtemp(prefix="jxzp-folder-")) / "年度"
    _generated(folder, count)

    from core.folder import scan_folder
    from core.registry import scan
    installed = scan()
    start = time.perf_counter()
    scan_folder(folder, installed)
    print(f"(a) scan_folder, {count} drafts: {time.perf_counter() - start:.2f} s")

    from PySide6.QtCore import QTimer
    from ui.launch import make_app
    from ui.main_window import MainWindow
    app = make_app()
    window = MainWindow()
    window.files.open_sample()
    window.show()
    stamps: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: stamps.append(time.perf_counter()))
    timer.start()
    start = time.perf_counter()
    view = window.folders.open(str(folder))
    while view.reading():
        app.processEvents()
        time.sleep(0.001)
    took = time.perf_counter() - start
    timer.stop()
    gaps = sorted((b - a) * 1000 for a, b in zip(stamps, stamps[1:])) or [0.0]
    print(f"(b) window, {view.model.rowCount()} rows in {took:.2f} s; timer gaps: median {gaps[len(gaps) // 2]:.0f} ms, "
          f"p90 {gaps[int(len(gaps) * 0.9)]:.0f} ms, max {gaps[-1]:.0f} ms ({len(stamps)} ticks)")

    out = folder.parent / "汇总表"
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "main.py"), "summary", str(folder), "--out", str(out)],
                   check=True, capture_output=True)
    print(f"(c) main.py summary, {count} drafts, xlsx + docx: {time.perf_counter() - start:.2f} s")
    shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)

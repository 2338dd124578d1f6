"""Screenshot of the indicator page with the sample, as the window opens on this
screen (run under Xvfb at the size to check):

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshot_indicators.py out.png

A fresh settings folder is used, so remembered sizes and widths play no part."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(out: str) -> int:
    os.environ["JXZP_DATA_DIR"] = tempfile.mkdtemp(prefix="jxzp-shot-")
    from PySide6.QtCore import QTimer

    from ui.launch import make_app
    from ui.main_window import MainWindow
    app = make_app()
    window = MainWindow()
    window.files.open_sample()
    window.show()
    window.show_page("indicators")
    page = window.pages["indicators"]
    page.view.setCurrentIndex(page.model.index_of("t2_cases", 6))

    def shoot():
        window.screen().grabWindow(0).save(out)   # the whole screen, as `import -window root`
        app.quit()
    QTimer.singleShot(1500, shoot)
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

"""Screenshot of the 审核 list (docs/screenshots/audit-list.png), for README's 审核 paragraph.

    xvfb-run -a -s "-screen 0 1500x920x24" python bench/screenshot_audit.py [OUT_DIR]

Opens the published 棠溪镇 2022 table (samples/mof-project-published-tangxi-2022.json: its
年度资金总额 row is 0 / 0 / 0 above 90 / 89.974 / 89.974) with one row edited into a mistake
another published table makes (完成值 copied from 指标值, sign and all), presses 审核 (F7)
and grabs the window.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("JXZP_DATA_DIR", tempfile.mkdtemp(prefix="jxzp-shots-"))


def main(out: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.launch import make_app
    from ui.main_window import MainWindow

    app = make_app()
    window = MainWindow()
    draft = Path(tempfile.mkdtemp()) / "棠溪镇委托业务项目2022.json"
    shutil.copyfile(ROOT / "samples" / "mof-project-published-tangxi-2022.json", draft)
    assert window.files.open_path(str(draft), show_errors=False), window.files.last_error
    window.resize(1500, 920)
    window.show()
    out.mkdir(parents=True, exist_ok=True)

    def run():
        QTest.qWait(400)
        c = window.controller
        rows = [n for n in c.session.result.scores.leaves() if n.target]
        c.edit(f"indicators.{rows[0].id}.actual", rows[0].target)           # 完成值 = 指标值, sign and all
        window.run_check()
        QTest.qWait(400)
        QApplication.processEvents()
        pixmap = window.screen().grabWindow(0, window.x(), window.y(), window.width(), window.height()) \
            if os.environ.get("DISPLAY") else window.grab()
        if pixmap.isNull() or pixmap.width() < 10:
            pixmap = window.grab()
        pixmap.save(str(out / "audit-list.png"))
        print(out / "audit-list.png")
        window.controller.close()
        app.quit()

    QTimer.singleShot(0, run)
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")

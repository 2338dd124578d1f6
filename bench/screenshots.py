"""Screenshots of the real window with the sample draft (docs/screenshots/).

    xvfb-run -a -s "-screen 0 1600x1000x24" python bench/screenshots.py [OUT_DIR] [--all]

Takes main-window.png (the sample as opened, on its indicator page),
print-preview.png (打印预览 open over it: the whole screen, as ImageMagick's
`import -window root` takes it; Xvfb has no window manager, so the dialog has no
title bar) and indicators-editing.png (a score being typed, the total flashing);
with --all also a refused keystroke and the other kinds of page. Grabbed from
inside the app with QScreen.grabWindow. JXZP_SHOT_SIZE=1280x690 with
QT_SCALE_FACTOR=1.5 shows a 1920×1080 screen at 150 %.

With --audit it takes audit-list.png instead (README's 审核 paragraph): the published
棠溪镇 2022 table (samples/mof-project-published-tangxi-2022.json: its 年度资金总额 row is
0 / 0 / 0 above 90 / 89.974 / 89.974) with one row's 完成值 copied from its 指标值, sign
and all, as another published table has it, after 审核 (F7).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("JXZP_DATA_DIR", tempfile.mkdtemp(prefix="jxzp-shots-"))


def main(out: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QToolTip

    from ui.launch import make_app, start
    from ui.main_window import MainWindow

    app = make_app()
    window = MainWindow()
    if AUDIT:
        import shutil
        draft = Path(tempfile.mkdtemp()) / "棠溪镇委托业务项目2022.json"
        shutil.copyfile(ROOT / "samples" / "mof-project-published-tangxi-2022.json", draft)
        assert window.files.open_path(str(draft), show_errors=False), window.files.last_error
    elif start(window, []) == "start":   # first start shows the start page: the sample is asked for
        window.files.open_sample()
    window.resize(*(int(x) for x in os.environ.get("JXZP_SHOT_SIZE", "1500x920").split("x")))
    window.show()
    out.mkdir(parents=True, exist_ok=True)

    def settle(ms=300):
        QTest.qWait(ms)
        QApplication.processEvents()

    def shot(name):
        settle()
        screen = window.screen()
        pixmap = screen.grabWindow(0, window.x(), window.y(), window.frameGeometry().width(),
                                   window.frameGeometry().height()) if os.environ.get("DISPLAY") else window.grab()
        if pixmap.isNull() or pixmap.width() < 10:
            pixmap = window.grab()
        pixmap.save(str(out / name))
        print(out / name)

    def preview_shot(name):
        window.actions_by_name["preview"].trigger()
        settle(1500)
        dialog = window.exports.preview_dialog
        pixmap = window.screen().grabWindow(0) if os.environ.get("DISPLAY") else dialog.grab()
        pixmap.save(str(out / name))
        print(out / name)
        dialog.close()

    def audit():
        settle(400)
        c = window.controller
        row = next(n for n in c.session.result.scores.leaves() if n.target)
        c.edit(f"indicators.{row.id}.actual", row.target)       # 完成值 = 指标值, sign and all
        window.run_check()
        shot("audit-list.png")
        window.controller.close()
        app.quit()

    def run():
        settle(500)
        window.show_page("indicators")
        shot("main-window.png")
        preview_shot("print-preview.png")
        page = window.pages["indicators"]
        index = page.model.index_of("t2_cases", 5)
        page.view.setCurrentIndex(index)
        page.view.setFocus()
        QTest.keyClick(page.view, "9")
        QTest.qWait(150)
        shot("indicators-editing.png")
        editor = next(iter(page.view.delegate.open_editors))
        if not EXTRAS:
            app.quit()
            return
        QTest.keyClick(editor, "4")  # refused: 94 > 10 — the tooltip says why
        QTest.qWait(100)
        shot("indicators-refused.png")
        QToolTip.hideText()
        window.controller.stack.undo()
        QTest.qWait(1500)  # let the flash fade before the other pages
        for key, name in (("group.basic", "page-basic.png"), ("grids.spending", "page-grid.png"),
                          ("sections.s_conclusion", "page-section.png")):
            window.show_page(key)
            shot(name)
        app.quit()

    QTimer.singleShot(0, audit if AUDIT else run)
    app.exec()


EXTRAS = "--all" in sys.argv
AUDIT = "--audit" in sys.argv

if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a not in ("--all", "--audit")]
    main(Path(args[0]) if args else ROOT / "docs" / "screenshots")

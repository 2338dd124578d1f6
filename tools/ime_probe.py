"""The window on the sample with the cursor in 单位名称 (emptied), for
tools/check_fcitx_input.sh: after PROBE_SECONDS it prints what the draft now
holds for that field, as FIELD=<text>. Keys are typed by xdotool meanwhile."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QTimer  # noqa: E402

from ui.launch import make_app  # noqa: E402  (make_app calls prepare_input_method)
from ui.main_window import MainWindow  # noqa: E402

app = make_app()
print(f"QT_IM_MODULE={os.environ.get('QT_IM_MODULE', '')} IBUS_USE_PORTAL={os.environ.get('IBUS_USE_PORTAL', '')}",
      flush=True)
window = MainWindow()
window.files.open_sample()
window.move(0, 0)
window.show()
edit = window.show_page("group.basic").editors["unit_name"]
edit.clear()
window.activateWindow()
edit.setFocus()


def report():
    print(f"FIELD={window.controller.value('fields.unit_name') or ''}", flush=True)
    window.controller.stack.setClean()  # nothing to ask about on quit
    app.quit()


QTimer.singleShot(int(float(os.environ.get("PROBE_SECONDS", "10")) * 1000), report)
app.exec()

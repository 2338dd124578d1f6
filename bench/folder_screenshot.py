"""docs/screenshots/folder-list.png: 文件 → 打开文件夹 on a year folder (the samples, a few
generated projects, a received duplicate, a broken file and a file that is not a draft).

    xvfb-run -a -s "-screen 0 1366x768x24" python bench/folder_screenshot.py [OUT_DIR]
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("JXZP_DATA_DIR", tempfile.mkdtemp(prefix="jxzp-shots-"))


def year_folder(folder: Path) -> Path:
    (folder / "下属单位-供水中心").mkdir(parents=True)
    for sample in sorted((ROOT / "samples").glob("*.json")):
        shutil.copy(sample, folder / sample.name)
    water = json.loads((ROOT / "samples" / "mof-project-qingshi-water-2023.json").read_text(encoding="utf-8"))
    for i, name in enumerate(("乡镇水厂提质改造项目", "农村供水水质检测项目", "小型水库安全运行管护项目")):
        data = json.loads(json.dumps(water))
        data["fields"]["project_name"] = f"2023年{name}"
        if i == 1:
            data["fields"]["competent_dept"] = ""
        (folder / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    shutil.copy(ROOT / "samples" / "mof-project-qingshi-water-2023.json", folder / "下属单位-供水中心" / "收到的维修养护项目.json")
    (folder / "项目清单.json").write_text('["不是草稿"]', encoding="utf-8")
    (folder / "保存中断.json").write_text('{"format": "jxzp-draft", "format_version": 1, "temp', encoding="utf-8")
    return folder


def main(out: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.launch import make_app
    from ui.main_window import MainWindow

    app = make_app()
    window = MainWindow()
    window.files.open_sample()
    window.show()
    folder = year_folder(Path(tempfile.mkdtemp(prefix="jxzp-folder-")) / "2023年度自评")
    out.mkdir(parents=True, exist_ok=True)

    def run():
        view = window.folders.open(str(folder))
        view.resize(1340, 560)
        view.move(0, 0)
        while view.reading():
            QTest.qWait(50)
        QTest.qWait(300)
        QApplication.processEvents()
        pixmap = view.screen().grabWindow(0, 0, 0, 1366, 600) if os.environ.get("DISPLAY") else view.grab()
        pixmap.save(str(out / "folder-list.png"))
        print(out / "folder-list.png")
        app.quit()

    QTimer.singleShot(300, run)
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")

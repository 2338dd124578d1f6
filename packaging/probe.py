"""Bundle probe (a PyInstaller runtime hook, packaging/jxzp.spec): with
JXZP_BUNDLE_PROBE=1 the built program imports every library it ships, makes a
QPrinter and asks for the printer list (which loads the print-support plugin),
prints one JSON line and exits — so packaging/check_bundle.py can prove the
denylist pruned nothing the program needs, including paths the sample run
does not reach (the print dialog). Without the variable it does nothing."""

import os

MODULES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtPrintSupport",
           "docx", "docxtpl", "openpyxl", "lxml.etree", "jinja2.sandbox", "yaml", "simpleeval",
           "defusedxml", "platformdirs", "core.session", "exporters.word", "exporters.excel", "exporters.pdf",
           "exporters.lint", "cli.commands", "ui.launch", "ui.main_window")


def probe() -> None:
    import importlib
    import json
    import sys

    failed = {}
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - every failure is the finding
            failed[name] = f"{type(exc).__name__}: {exc}"[:200]
    printers = None
    try:
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
        from PySide6.QtWidgets import QApplication
        app = QApplication.instance() or QApplication(["jxzp-probe"])
        QPrinter(QPrinter.PrinterMode.HighResolution)
        printers = len(QPrinterInfo.availablePrinterNames())
        import openpyxl
        if not openpyxl.DEFUSEDXML:
            failed["openpyxl.DEFUSEDXML"] = "defusedxml is not in effect"
        del app
    except Exception as exc:  # noqa: BLE001
        failed["QPrinter"] = f"{type(exc).__name__}: {exc}"[:200]
    sys.stdout.write(json.dumps({"probe": "done", "failed": failed, "printers": printers}) + "\n")
    sys.stdout.flush()
    os._exit(1 if failed else 0)


def ime() -> None:
    """JXZP_BUNDLE_PROBE=ime: tools/ime_probe.py inside the built program, for
    tools/check_fcitx_input.sh --bundle (Chinese input typed into the real window)."""
    import runpy
    import sys

    runpy.run_path(os.path.join(sys._MEIPASS, "tools", "ime_probe.py"), run_name="__main__")
    sys.stdout.flush()
    os._exit(0)


if os.environ.get("JXZP_BUNDLE_PROBE") == "ime":
    ime()
elif os.environ.get("JXZP_BUNDLE_PROBE"):
    probe()

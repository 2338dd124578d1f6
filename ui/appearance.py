"""Fonts, style sheet and Qt's own Chinese strings, set once at start-up.

No CJK font means every character is a box, so the font is a
preference list that covers Windows, 统信/麒麟 and a bare Debian with
WenQuanYi; a font file dropped into assets/fonts/ is registered first.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

ASSETS = Path(__file__).resolve().parent.parent / "assets"
FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
            "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "SimSun", "NSimSun"]
NORMAL_PT, LARGE_PT = 10.5, 13


def register_bundled_fonts() -> list[str]:
    families = []
    folder = ASSETS / "fonts"
    if folder.is_dir():
        from PySide6.QtGui import QFontDatabase   # built by PySide when first named: only when it is used
        for file in sorted(folder.iterdir()):
            if file.suffix.lower() in (".ttf", ".otf", ".ttc"):
                font_id = QFontDatabase.addApplicationFont(str(file))
                families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families


def base_font(large: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(_bundled + FAMILIES)
    font.setPointSizeF(LARGE_PT if large else NORMAL_PT)
    return font


_bundled: list[str] = []


def has_chinese_font() -> bool:
    """False when no installed family can draw 中文 (the clerk would see boxes)."""
    from PySide6.QtGui import QFontDatabase
    wanted = set(_bundled + FAMILIES)
    return any(f in wanted for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def install(app: QApplication, large: bool) -> None:
    global _bundled
    _bundled = register_bundled_fonts()
    app.setFont(base_font(large))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qss = ASSETS / "style.qss"
    if qss.is_file():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


def fit_to_screen(widget, width: int, height: int, screen_of=None) -> None:
    """Resize to width × height, or less where the screen is smaller: 1920×1080 at 150 %
    leaves 1280×720 logical pixels, and a window running off it hides its foot."""
    room = (screen_of or widget).screen().availableGeometry()
    widget.resize(min(width, room.width() - 40), min(height, room.height() - 60))


def set_large(large: bool) -> None:
    """大字号 at once: with a style sheet set, Qt does not pass a new application
    font on to widgets already shown until the sheet is applied again."""
    app = QApplication.instance()
    font = base_font(large)
    app.setFont(font)
    sheet = app.styleSheet()
    if sheet:  # re-applied: every widget is polished again, with the new font
        app.setStyleSheet("")
        app.setStyleSheet(sheet)


def prepare_input_method(env=os.environ) -> None:
    """PySide6 wheels carry no fcitx plugin; fcitx5 speaks the ibus protocol, so
    ask Qt for ibus (the fcitx maintainer's advice) before the app starts.

    Qt's ibus plugin switches itself off unless an `ibus-daemon` program is on
    PATH, which a fcitx5-only 统信/麒麟 PC does not have; through the IBus portal
    (IBUS_USE_PORTAL, which fcitx5 also serves) it talks to fcitx5 directly.
    Checked under Xvfb with fcitx5 + 拼音: "nihao" and space commit 你好
    (tools/check_fcitx_input.sh). fcitx 4 (older 麒麟 V10) serves neither."""
    im = env.get("QT_IM_MODULE", "")
    uses_fcitx = im.startswith("fcitx") or (not im and "fcitx" in env.get("XMODIFIERS", ""))
    if uses_fcitx:
        from PySide6 import __file__ as pyside_file
        plugins = Path(pyside_file).parent / "Qt" / "plugins" / "platforminputcontexts"
        if not any("fcitx" in p.name for p in plugins.glob("*")):
            env["QT_IM_MODULE"] = "ibus"
            env.setdefault("IBUS_USE_PORTAL", "1")

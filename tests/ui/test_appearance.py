"""Start-up choices that depend on the PC: which input method Qt is asked for."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ui.appearance import prepare_input_method

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("env, expected", [
    ({"QT_IM_MODULE": "fcitx"}, {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}),
    ({"QT_IM_MODULE": "fcitx5"}, {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}),
    ({"XMODIFIERS": "@im=fcitx"}, {"XMODIFIERS": "@im=fcitx", "QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}),
    ({"QT_IM_MODULE": "ibus"}, {"QT_IM_MODULE": "ibus"}),                      # an ibus desktop: left alone
    ({"XMODIFIERS": "@im=ibus"}, {"XMODIFIERS": "@im=ibus"}),
    ({}, {}),
])
def test_fcitx_desktops_get_qt_ibus_through_the_portal(env, expected):
    prepare_input_method(env)
    assert env == expected


@pytest.mark.slow
def test_pinyin_typed_through_fcitx5_reaches_the_draft():
    """The real thing: fcitx5 + 拼音 under Xvfb, "nihao" + space typed into 单位名称."""
    tools = [t for t in ("xvfb-run", "fcitx5", "xdotool", "dbus-launch") if shutil.which(t) is None]
    if tools:
        pytest.skip(f"not installed: {', '.join(tools)} (scripts/bootstrap.sh --test installs them)")
    out = subprocess.run(["bash", str(ROOT / "tools" / "check_fcitx_input.sh"), sys.executable],
                         capture_output=True, text=True, timeout=120)
    assert "FIELD=你好" in out.stdout, out.stdout + out.stderr[-2000:]


def test_large_font_applies_at_once_to_the_open_window(qtbot, window):
    from ui import appearance
    page = window.show_page("indicators")
    before = page.view.columnWidth(1)
    try:
        window.actions_by_name["large_font"].setChecked(True)
        window.toggle_large_font()
        assert page.view.font().pointSizeF() == appearance.LARGE_PT
        assert window.nav.font().pointSizeF() == appearance.LARGE_PT
        assert page.view.columnWidth(1) > before            # columns keep their width in characters
    finally:
        window.actions_by_name["large_font"].setChecked(False)
        window.toggle_large_font()
    assert page.view.font().pointSizeF() == appearance.NORMAL_PT

"""ui/settings.py: writes held back until the window's first frame."""

from __future__ import annotations

from ui import settings


def test_held_writes_are_read_back_and_written_on_flush(_private_data_dir):
    ini = _private_data_dir / "settings.ini"
    settings.hold()
    try:
        settings.remember("/tmp/某单位2021.json")
        assert settings.recent() == ["/tmp/某单位2021.json"]           # read back at once
        assert "2021" not in (ini.read_text(encoding="utf-8") if ini.exists() else "")
    finally:
        settings.flush()
    assert "2021" in ini.read_text(encoding="utf-8")
    settings.put("large_font", True)                                   # not held any more: written at once
    assert "large_font=true" in ini.read_text(encoding="utf-8")


def test_the_program_writes_the_opened_draft_to_the_recent_list_after_its_first_frame(tmp_path, draft_copy):
    import os
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, JXZP_EXIT_WHEN_READY="1", JXZP_DATA_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(root))
    out = subprocess.run([sys.executable, str(root / "main.py"), str(draft_copy)], cwd=root, env=env,
                         capture_output=True, text=True, timeout=120)
    assert "ready" in out.stdout, out.stderr[-2000:]
    assert draft_copy.name in (tmp_path / "settings.ini").read_text(encoding="utf-8")

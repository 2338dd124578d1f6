"""Windows-only code paths, run on Linux by substituting the platform: where
the user data folder goes (%LOCALAPPDATA%, not the roaming profile) and how a
save behaves when Windows reports the target as locked (WPS, Word, antivirus).
The Windows CI job (.github/workflows/bundle.yml) runs the real thing."""

from __future__ import annotations

import os
import types
from pathlib import Path

import platformdirs
import platformdirs.windows
import pytest

from core import paths, store
from core.errors import SaveError


@pytest.fixture
def windows_dirs(monkeypatch, tmp_path):
    """platformdirs as on Windows: its Windows class, folders read the way its
    environment-variable resolver reads them (the registry is not here)."""
    local, roaming = tmp_path / "张三" / "AppData" / "Local", tmp_path / "张三" / "AppData" / "Roaming"
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    monkeypatch.setenv("APPDATA", str(roaming))
    monkeypatch.delenv("JXZP_DATA_DIR", raising=False)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(platformdirs.windows, "_RESOLVE_WIN_FOLDER", platformdirs.windows.get_win_folder_from_env_vars)
    return local, roaming


def test_data_folder_is_localappdata_jxzp(windows_dirs):
    local, roaming = windows_dirs
    assert paths.data_dir() == local / "jxzp"          # no author folder (jxzp\jxzp), not Roaming
    assert paths.journal_dir() == local / "jxzp" / "journal"
    assert paths.user_templates_dir() == local / "jxzp" / "templates"
    assert paths.log_dir() == local / "jxzp" / "logs"
    assert roaming not in paths.data_dir().parents


def test_jxzp_data_dir_still_wins_on_windows(windows_dirs, monkeypatch, tmp_path):
    monkeypatch.setenv("JXZP_DATA_DIR", str(tmp_path / "U盘" / "jxzp-data"))
    assert paths.data_dir() == tmp_path / "U盘" / "jxzp-data"


def test_journal_is_written_under_localappdata(windows_dirs, gd_template):
    from core.draft import new_draft
    local, _ = windows_dirs
    draft = new_draft(gd_template)
    draft.fields["unit_name"] = "未保存的修改"
    store.write_journal(draft, None, "会话1")
    written = list((local / "jxzp" / "journal").iterdir())
    assert written, "the autosave journal did not land in %LOCALAPPDATA%\\jxzp\\journal"


class _WindowsOs(types.ModuleType):
    """`os` as core.store sees it on Windows: name "nt", everything else the real
    module (os.name itself must stay: pathlib and pytest read it)."""
    name = "nt"

    def __getattr__(self, attr):
        return getattr(os, attr)


@pytest.fixture
def on_windows(monkeypatch):
    """store's os.name checks as on Windows; sleeps recorded, not slept."""
    slept = []
    monkeypatch.setattr(store, "os", _WindowsOs("os"))
    monkeypatch.setattr(store.time, "sleep", slept.append)
    return slept


def _locked(times: int, winerror: int | None):
    """os.replace that fails `times` times as Windows does on a file held open."""
    real = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) <= times:
            err = PermissionError(13, "另一个程序正在使用此文件，进程无法访问。")
            if winerror is not None:
                err.winerror = winerror
            raise err
        return real(src, dst)
    return replace, calls


@pytest.mark.parametrize("winerror", [5, 32, 33, None])
def test_locked_target_is_retried_on_windows(on_windows, monkeypatch, tmp_path, winerror):
    """Access denied (5), sharing (32) and lock (33) violations — or a bare
    PermissionError, as some Windows paths raise — are retried, then succeed."""
    target = tmp_path / "草稿.json"
    target.write_bytes(b"old")
    replace, calls = _locked(3, winerror)
    monkeypatch.setattr(store.os, "replace", replace)
    store.write_atomic(target, b"new", keep_backup=False)
    assert target.read_bytes() == b"new"
    assert on_windows == list(store.RETRY_DELAYS[:3])
    assert not list(tmp_path.glob(".*.tmp")), "the temporary file was left behind"


def test_lock_that_stays_is_reported_and_loses_nothing(on_windows, monkeypatch, tmp_path):
    target = tmp_path / "草稿.json"
    target.write_bytes(b"old")
    replace, calls = _locked(100, 32)
    monkeypatch.setattr(store.os, "replace", replace)
    with pytest.raises(SaveError) as caught:
        store.write_atomic(target, b"new", keep_backup=False)
    assert "占用" in str(caught.value) and "WPS" in str(caught.value)
    assert target.read_bytes() == b"old"
    assert on_windows == list(store.RETRY_DELAYS)          # every delay once, then the report
    assert len(calls) == len(store.RETRY_DELAYS) + 1
    assert not list(tmp_path.glob(".*.tmp"))


def test_read_only_is_not_retried_off_windows(monkeypatch, tmp_path):
    """The same bare PermissionError on Linux means no permission: said at once, no waiting."""
    slept = []
    monkeypatch.setattr(store.time, "sleep", slept.append)
    target = tmp_path / "草稿.json"
    target.write_bytes(b"old")
    replace, calls = _locked(100, None)
    monkeypatch.setattr(store.os, "replace", replace)
    with pytest.raises(SaveError) as caught:
        store.write_atomic(target, b"new", keep_backup=False)
    assert "没有写入权限" in str(caught.value) and slept == [] and len(calls) == 1


def test_windows_save_skips_posix_only_steps(on_windows, monkeypatch, tmp_path):
    """On Windows no chmod of the new file and no fsync of the folder (os.open on a
    folder fails there); the save still lands."""
    touched = []
    monkeypatch.setattr(store.os, "fchmod", lambda *a: touched.append("fchmod"), raising=False)
    real_open = os.open

    def no_folder_open(path, flags, *args):
        if Path(path).is_dir():
            touched.append("open folder")
            raise PermissionError(13, "拒绝访问。")
        return real_open(path, flags, *args)

    monkeypatch.setattr(store.os, "open", no_folder_open)
    target = tmp_path / "草稿.json"
    store.write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and touched == []

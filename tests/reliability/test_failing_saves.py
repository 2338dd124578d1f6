"""Saving when the disk says no: a file another program holds, a read-only
folder, a full disk, a USB stick pulled out. Each time the clerk is told why
(SaveError, in Chinese), the file on disk is untouched, the draft in memory and
the autosave journal are intact, and saving somewhere else works.

Where the real condition can be made here it is (tests run as root: a child
drops to uid 65534 for a real EACCES; a tmpfs gives a real ENOSPC and a real
read-only mount when `mount` is allowed); otherwise the failing call is patched,
and the test says so in its id.
"""

from __future__ import annotations

import errno
import re
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import core.store as store
from core.draft import draft_to_bytes
from core.errors import SaveError
from core.paths import journal_dir
from core.session import Session
from core.store import read_draft, save_draft, write_atomic


def _undo_patches(monkeypatch) -> None:
    """Undo the test's own patches but not the private data folder the autouse fixture set
    with the same monkeypatch: without it the journal went to the real user folder, where
    any other run of the program leaves files."""
    data = os.environ["JXZP_DATA_DIR"]
    monkeypatch.undo()
    monkeypatch.setenv("JXZP_DATA_DIR", data)


def _dump(draft) -> bytes:
    return draft_to_bytes(draft)


def _temp_litter(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def session(gd_template, sample_draft, tmp_path):
    s = Session(gd_template, sample_draft.model_copy(deep=True), None)
    s.set("fields.unit_head", "张三")
    s.set("sections.s_problems", "问题一：预算编制不够精细。")
    return s


def _locked_replace(target: Path, times: int | None):
    """os.replace that fails like Windows when Word/WPS holds `target`
    (PermissionError, winerror 32) `times` times, or always when None."""
    real = os.replace
    calls = {"refused": 0}

    def fake(src, dst, *a, **kw):
        if Path(dst) == target and (times is None or calls["refused"] < times):
            calls["refused"] += 1
            exc = PermissionError(errno.EACCES, "另一个程序正在使用此文件，进程无法访问。")
            exc.winerror = 32
            raise exc
        return real(src, dst, *a, **kw)

    return fake, calls


# -- a file another program holds (Windows sharing violation) --------------------

def test_locked_target_is_retried_then_saved(tmp_path, monkeypatch, session):
    target = tmp_path / "自评.json"
    session.save(str(target))
    old = target.read_bytes()
    session.set("fields.preparer", "李四")
    fake, calls = _locked_replace(target, times=3)
    slept = []
    monkeypatch.setattr(store.os, "replace", fake)
    monkeypatch.setattr(store.time, "sleep", slept.append)
    session.save()
    assert calls["refused"] == 3 and len(slept) == 3
    assert read_draft(target).fields["preparer"] == "李四"
    assert target.with_name(target.name + ".bak").read_bytes() == old
    assert not session.dirty
    assert _temp_litter(tmp_path) == []


def test_locked_target_always_gives_a_clear_error_and_keeps_everything(tmp_path, monkeypatch, session):
    target = tmp_path / "自评.json"
    session.save(str(target))
    old_bytes, old_mtime = target.read_bytes(), target.stat().st_mtime_ns
    session.set("fields.preparer", "李四")
    before, saved_stamp, journal = _snapshot(session)
    fake, calls = _locked_replace(target, times=None)
    slept = []
    monkeypatch.setattr(store.os, "replace", fake)
    monkeypatch.setattr(store.time, "sleep", slept.append)
    with pytest.raises(SaveError) as info:
        session.save()
    assert "占用" in info.value.reason and "另存" in str(info.value)
    assert sum(slept) <= 3.0, "the retry is bounded (about 2.5 s on Windows)"
    assert target.read_bytes() == old_bytes and target.stat().st_mtime_ns == old_mtime
    assert _temp_litter(tmp_path) == []
    _assert_intact(session, before, saved_stamp, journal)
    _undo_patches(monkeypatch)
    _assert_saves_elsewhere(session, tmp_path / "另存" / "自评.json")


def _snapshot(session):
    """Journal the current draft and remember it; the last real save is dated
    long ago, so a failed save that re-stamps the draft is noticed."""
    session.draft.saved = "2001-01-01T08:00:00"
    journal = session.autosave()
    return _dump(session.draft), session.draft.saved, journal


def _assert_intact(session, before: bytes, saved_stamp, journal: Path) -> None:
    assert _dump(session.draft) == before, "the draft in memory changed"
    assert session.draft.saved == saved_stamp, "a failed save must not stamp the draft as saved"
    assert session.dirty
    assert journal.exists(), "the autosave journal was removed by a failed save"
    restored = store.draft_from_bytes(json.dumps(json.loads(journal.read_bytes())["draft"]).encode(), str(journal))
    assert _dump(restored) == before


def _assert_saves_elsewhere(session, elsewhere: Path) -> None:
    elsewhere.parent.mkdir(parents=True, exist_ok=True)
    session.save(str(elsewhere))
    assert not session.dirty and session.path == str(elsewhere)
    assert _dump(read_draft(elsewhere)) == _dump(session.draft)
    assert not list(journal_dir().glob("*.json")), "a clean save clears the journal"


# -- a read-only folder -----------------------------------------------------------

def _as_nobody(func) -> str:
    """Run func() in a forked child as uid/gid 65534; return 'ok' or the SaveError reason."""
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.close(rfd)
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            func()
            msg = "ok"
        except SaveError as exc:
            msg = "SaveError:" + exc.reason
        except BaseException as exc:  # noqa: BLE001
            msg = f"other:{type(exc).__name__}:{exc}"
        os.write(wfd, msg.encode())
        os._exit(0)
    os.close(wfd)
    os.waitpid(pid, 0)
    with os.fdopen(rfd, "rb") as fh:
        return fh.read().decode()


@pytest.fixture
def open_tmp():
    """A folder every user can reach (pytest's own tmp root is 0700, so uid 65534
    could not even look into it)."""
    folder = Path(tempfile.mkdtemp(prefix="jxzp-ro-", dir=os.environ.get("TMPDIR", "/tmp")))
    folder.chmod(0o755)
    yield folder
    for p in [folder, *folder.rglob("*")]:
        if p.is_dir():
            p.chmod(0o755)
    shutil.rmtree(folder)


def _save_outcome(func) -> str:
    """func() as an ordinary user: 'ok' or the SaveError reason ('other:…' for anything else)."""
    if os.geteuid() == 0:
        return _as_nobody(func)
    try:
        func()
        return "ok"
    except SaveError as exc:
        return "SaveError:" + exc.reason
    except BaseException as exc:  # noqa: BLE001
        return f"other:{type(exc).__name__}:{exc}"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX only")
def test_read_only_folder_real_permissions(open_tmp, session):
    """chmod 555 on the folder; as root the save runs in a forked child that
    dropped to uid 65534 (root ignores permissions)."""
    folder = open_tmp / "只读"
    folder.mkdir()
    target = folder / "自评.json"
    session.save(str(target))
    old = target.read_bytes()
    session.set("fields.preparer", "李四")
    folder.chmod(0o555)
    outcome = _save_outcome(lambda: save_draft(session.draft, target))
    assert outcome.startswith("SaveError:"), outcome
    assert "权限" in outcome or "只读" in outcome
    assert target.read_bytes() == old and _temp_litter(folder) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX only")
def test_unreachable_folder_is_a_save_error_not_a_crash(open_tmp, session):
    """A folder the clerk may not even look into (mode 000, e.g. a share without
    rights): SaveError, not a bare PermissionError."""
    locked = open_tmp / "无权访问"
    (locked / "子目录").mkdir(parents=True)
    locked.chmod(0o000)
    outcome = _save_outcome(lambda: save_draft(session.draft, locked / "子目录" / "自评.json"))
    assert outcome.startswith("SaveError:") and "权限" in outcome, outcome


def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


def _mount_tmpfs(point: Path, options: str) -> bool:
    point.mkdir(parents=True, exist_ok=True)
    if not _can_mount():
        return False
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
                          capture_output=True, text=True)
    return proc.returncode == 0


def _umount(point: Path) -> None:
    subprocess.run(["umount", "-l", str(point)], capture_output=True)


def test_read_only_mount(tmp_path, session):
    """A write-protected USB stick: a tmpfs remounted read-only (EROFS).
    Without mount rights the temp-file creation is patched to raise EROFS."""
    point = tmp_path / "usb"
    mounted = _mount_tmpfs(point, "size=4m")
    try:
        target = point / "自评.json"
        session.save(str(target))
        old = target.read_bytes()
        session.set("fields.preparer", "李四")
        before, stamp, journal = _snapshot(session)
        if mounted:
            assert subprocess.run(["mount", "-o", "remount,ro", str(point)], capture_output=True).returncode == 0
            with pytest.raises(SaveError) as info:
                session.save()
        else:
            real = store.tempfile.mkstemp

            def refuse(*a, **kw):
                raise OSError(errno.EROFS, "Read-only file system")
            store.tempfile.mkstemp = refuse
            try:
                with pytest.raises(SaveError) as info:
                    session.save()
            finally:
                store.tempfile.mkstemp = real
        assert "只读" in info.value.reason
        assert target.read_bytes() == old
        _assert_intact(session, before, stamp, journal)
    finally:
        if mounted:
            _umount(point)
    _assert_saves_elsewhere(session, tmp_path / "桌面" / "自评.json")


# -- a full disk ------------------------------------------------------------------

def test_full_disk(tmp_path, monkeypatch, session, report_line):
    """A 64 KB tmpfs holding a draft; the next save needs more room (real ENOSPC).
    Without mount rights the write is patched to raise ENOSPC."""
    point = tmp_path / "small"
    mounted = _mount_tmpfs(point, "size=64k")
    report_line(f"full disk: {'real 64 KB tmpfs' if mounted else 'patched write (no mount rights)'}")
    try:
        target = point / "自评.json"
        session.save(str(target))
        old = target.read_bytes()
        session.set("sections.s_results", "主要工作成效。" * 6000)  # about 126 KB as UTF-8
        before, stamp, journal = _snapshot(session)
        if not mounted:
            real_fdopen = os.fdopen

            class Full:
                def __init__(self, fd):
                    self._fh = real_fdopen(fd, "wb")

                def __enter__(self):
                    return self

                def __exit__(self, *exc):
                    self._fh.close()

                def write(self, data):
                    raise OSError(errno.ENOSPC, "No space left on device")

            monkeypatch.setattr(store.os, "fdopen", lambda fd, mode="r", *a, **k: Full(fd))
        with pytest.raises(SaveError) as info:
            session.save()
        _undo_patches(monkeypatch)
        assert "磁盘空间已满" in info.value.reason
        assert target.read_bytes() == old, "the draft on the full disk was damaged"
        assert _temp_litter(point) == [], "the half-written temp file was left on the full disk"
        _assert_intact(session, before, stamp, journal)
    finally:
        if mounted:
            _umount(point)
    _assert_saves_elsewhere(session, tmp_path / "另存" / "自评.json")


# -- a folder that vanished -------------------------------------------------------

def _on_usb(tmp_path, session):
    """The draft saved on a 'USB stick', edited and journaled since."""
    usb = tmp_path / "U盘"
    usb.mkdir()
    target = usb / "自评.json"
    session.save(str(target))
    session.set("fields.preparer", "李四")
    return (usb, target, *_snapshot(session))


def test_vanished_folder(tmp_path, session):
    usb, target, before, stamp, journal = _on_usb(tmp_path, session)
    shutil.rmtree(usb)
    with pytest.raises(SaveError) as info:
        session.save()
    assert "不存在" in info.value.reason and "U 盘" in info.value.reason
    assert not usb.exists(), "saving must not re-create a vanished folder"
    _assert_intact(session, before, stamp, journal)
    _assert_saves_elsewhere(session, tmp_path / "桌面" / "自评.json")


def test_folder_vanishing_during_the_write(tmp_path, monkeypatch, session):
    """The stick is pulled between the temp file and the replace (ENOENT)."""
    usb, target, before, stamp, journal = _on_usb(tmp_path, session)
    real = os.replace

    def pulled(src, dst, *a, **kw):
        if Path(dst) == target:
            shutil.rmtree(usb)
            raise FileNotFoundError(errno.ENOENT, "No such file or directory")
        return real(src, dst, *a, **kw)

    monkeypatch.setattr(store.os, "replace", pulled)
    with pytest.raises(SaveError) as info:
        session.save()
    _undo_patches(monkeypatch)
    assert "不存在" in info.value.reason
    _assert_intact(session, before, stamp, journal)
    _assert_saves_elsewhere(session, tmp_path / "桌面" / "自评.json")


def test_write_atomic_refuses_a_folder_as_target(tmp_path):
    (tmp_path / "自评.json").mkdir()
    with pytest.raises(SaveError):
        write_atomic(tmp_path / "自评.json", b"{}")
    assert (tmp_path / "自评.json").is_dir() and _temp_litter(tmp_path) == []


# -- smaller points of issue 16 ----------------------------------------------------

def test_a_full_disk_during_the_backup_leaves_no_bak_tmp(tmp_path, session):
    """The new file fits but the copy kept as .bak does not: no 自评.json.bak.tmp is left."""
    target = tmp_path / "自评.json"
    session.save(str(target))
    old = target.read_bytes()
    session.set("fields.preparer", "李四")

    def full(src, dst, *a, **kw):
        Path(dst).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.MonkeyPatch.context() as patch:   # only this patch is undone, not the private data folder
        patch.setattr(store.shutil, "copyfile", full)
        with pytest.raises(SaveError) as info:
            session.save()
    assert info.value.reason == "磁盘空间已满"
    assert target.read_bytes() == old and _temp_litter(tmp_path) == []


def test_a_stale_bak_tmp_is_cleared_by_the_next_save(tmp_path, session):
    """Left by a save killed while copying the backup; the next save (here of a file
    that no longer exists, so no backup copy overwrites it) removes it."""
    target = tmp_path / "自评.json"
    stale = tmp_path / "自评.json.bak.tmp"
    stale.write_bytes(b"left by a crash")
    os.utime(stale, (1, 1))
    session.save(str(target))
    assert target.exists() and not stale.exists() and _temp_litter(tmp_path) == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_a_read_only_draft_is_not_silently_replaced(tmp_path, session):
    target = tmp_path / "自评.json"
    session.save(str(target))
    target.chmod(0o444)
    old = target.read_bytes()
    session.set("fields.preparer", "李四")
    with pytest.raises(SaveError) as info:
        session.save()
    assert "只读" in info.value.reason
    assert target.read_bytes() == old and (target.stat().st_mode & 0o777) == 0o444


@pytest.mark.parametrize("code", [errno.EISDIR, errno.EROFS, errno.ENOTDIR, errno.EIO, errno.ENAMETOOLONG, 999])
def test_os_errors_are_said_in_chinese(code):
    from core.store import os_reason
    text = os_reason(OSError(code, os.strerror(code) if code != 999 else "Unknown error 999"))
    assert re.search("[\u4e00-\u9fff]", text) and not re.search("[A-Za-z]{3}", text), text


def test_a_folder_in_place_of_the_draft_is_said_in_chinese(tmp_path):
    (tmp_path / "自评.json").mkdir()
    with pytest.raises(SaveError) as info:
        write_atomic(tmp_path / "自评.json", b"{}")
    assert not re.search("[A-Za-z]{3}", info.value.reason), info.value.reason

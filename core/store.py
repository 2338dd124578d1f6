"""Drafts on disk, saved so that a power cut or a locked file never loses work.

save: write a temporary file beside the target, flush, fsync, keep the old
file as .bak, then replace. On Windows a target held open by another program
(WinError 5/32/33) is retried briefly, then reported; nothing is half-written.
The autosave journal lives in the user data folder, apart from the clerk's file.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .draft import Draft, draft_from_bytes, draft_to_bytes, json_bytes
from .errors import DraftError, SaveError
from .paths import journal_dir

RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.0)  # about 2.5 s in all
_LOCKED_WINERRORS = {5, 32, 33}


def _local_time(seconds: float | None = None) -> str:
    """"2026-11-30T17:45:42" (now, or a file's time), as datetime's isoformat(timespec="seconds")
    writes it; by `time`, as importing datetime was ~1 ms of the window's start-up."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(seconds))


def read_draft(path: str | os.PathLike) -> Draft:
    path = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise DraftError(path, "文件不存在") from None
    except IsADirectoryError:
        raise DraftError(path, "这是一个文件夹，不是草稿文件") from None
    except PermissionError:
        raise DraftError(path, "没有读取权限（文件可能正被其他程序占用）") from None
    except OSError as exc:
        raise DraftError(path, f"读取失败（{os_reason(exc)}）") from None
    return draft_from_bytes(data, path)


def write_atomic(path: str | os.PathLike, data: bytes, keep_backup: bool = True) -> None:
    """Replace `path` with `data` all at once, or not at all."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder_exists = folder.is_dir()
    except PermissionError:  # a folder on the way may not even be looked into
        raise SaveError(str(target), "没有访问该文件夹的权限") from None
    except OSError as exc:
        raise SaveError(str(target), os_reason(exc)) from None
    if not folder_exists:
        raise SaveError(str(target), "所在文件夹不存在（U 盘是否已拔出？）")
    _refuse_read_only(target)
    _clear_stale_temps(folder, target.name)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise SaveError(str(target), "没有写入该文件夹的权限") from None
    except OSError as exc:
        raise SaveError(str(target), os_reason(exc)) from None
    try:
        _set_mode(fd, target)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise SaveError(str(target), os_reason(exc)) from None
        if keep_backup and target.exists():
            _retry(lambda: _backup(target), target)
        _retry(lambda: os.replace(tmp, target), target)
        _fsync_dir(folder)
    finally:
        if os.path.exists(tmp):
            try:
                os.unlink(tmp)
            except OSError:
                pass


STALE_TEMP_SECONDS = 60


def _refuse_read_only(target: Path) -> None:
    """A draft the clerk (or a colleague) marked read-only is not silently replaced:
    the replace would succeed on Linux, so the mode is looked at, as exports do."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return
    import stat
    if stat.S_ISREG(mode) and not mode & 0o222:
        raise SaveError(str(target), "文件是只读的（属性中勾选了“只读”），未覆盖它；请另存为其他文件，或先取消只读")


def _clear_stale_temps(folder: Path, name: str) -> None:
    """A save killed mid-way (power cut, crash, full disk) leaves its hidden .name.xxxx.tmp
    or name.bak.tmp behind; the next save of the same file removes those older than a
    minute (never one in progress)."""
    now = time.time()
    import glob
    stale_names = [*folder.glob(f".{glob.escape(name)}.*.tmp"), folder / f"{name}.bak.tmp"]
    for stale in stale_names:
        try:
            if now - stale.stat().st_mtime > STALE_TEMP_SECONDS:
                stale.unlink()
        except OSError:
            pass


def _set_mode(fd: int, target: Path) -> None:
    """mkstemp makes 0600 files; a draft or export should keep the target's mode,
    or get the usual one, so a colleague on a shared folder can open it."""
    if os.name == "nt":
        return
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        os.fchmod(fd, mode)
    except OSError:
        pass


def _backup(target: Path) -> None:
    bak = target.with_name(target.name + ".bak")
    tmp = bak.with_name(bak.name + ".tmp")
    try:
        shutil.copyfile(target, tmp)  # copy, so the target stays in place until the replace
        os.replace(tmp, bak)
    except BaseException:
        try:  # a full disk: no half-copied backup left beside the draft
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _retry(action, target: Path) -> None:
    for delay in RETRY_DELAYS + (None,):
        try:
            action()
            return
        except PermissionError as exc:
            locked = getattr(exc, "winerror", None) in _LOCKED_WINERRORS or os.name == "nt"
            if delay is None or not locked:
                reason = "文件正被其他程序（如 WPS、Word 或杀毒软件）占用" if locked else "没有写入权限（文件或文件夹是只读的）"
                raise SaveError(str(target), reason) from None
            time.sleep(delay)
        except OSError as exc:
            raise SaveError(str(target), os_reason(exc)) from None


def os_reason(exc: OSError) -> str:
    """An operating-system error in Chinese: never the system's own English text."""
    import errno
    reasons = {
        errno.ENOSPC: "磁盘空间已满", errno.EROFS: "磁盘或文件夹是只读的", errno.EACCES: "磁盘或文件夹是只读的",
        errno.EPERM: "磁盘或文件夹是只读的", errno.ENOENT: "所在文件夹已不存在（U 盘是否已拔出？）",
        errno.EISDIR: "这是一个文件夹，不是文件", errno.ENOTDIR: "路径中有一项不是文件夹",
        errno.ENAMETOOLONG: "文件名或路径过长", errno.EIO: "读写磁盘出错（U 盘或硬盘可能有故障）",
        errno.EBUSY: "文件或磁盘正被占用", errno.EEXIST: "已有同名的文件或文件夹", errno.ELOOP: "路径中的链接太多",
        errno.EMFILE: "打开的文件太多", errno.EFBIG: "文件过大", errno.EINVAL: "文件名或路径不可用",
        getattr(errno, "EDQUOT", -1): "磁盘配额已满", getattr(errno, "ETXTBSY", -2): "文件正被占用",
    }
    if exc.errno in reasons:
        return reasons[exc.errno]
    return f"系统错误（错误码 {exc.errno}）" if exc.errno is not None else "系统错误"




def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save_draft(draft: Draft, path: str | os.PathLike) -> None:
    previous = draft.saved
    draft.saved = _local_time()
    try:
        write_atomic(path, draft_to_bytes(draft))
    except BaseException:
        draft.saved = previous  # a save that did not happen leaves no trace in memory
        raise


# -- autosave journal -----------------------------------------------------------

@dataclass
class JournalEntry:
    """An autosaved draft in the journal, offered for recovery after a crash."""
    file: Path              # the journal file itself
    draft_path: str | None  # the clerk's file it shadows, None for an unsaved new draft
    saved_at: str
    draft: Draft


def journal_key(draft_path: str | None, session_id: str) -> str:
    import hashlib  # here, not at import: loading OpenSSL was ~4 ms of the window's start-up
    basis = os.path.abspath(draft_path) if draft_path else f"untitled:{session_id}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def write_journal(draft: Draft, draft_path: str | None, session_id: str) -> Path:
    folder = journal_dir()
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / f"{journal_key(draft_path, session_id)}.json"
    payload = {"draft_path": os.path.abspath(draft_path) if draft_path else None,
               "saved_at": _local_time(),
               "draft": json.loads(draft_to_bytes(draft))}
    write_atomic(file, json_bytes(payload), keep_backup=False)
    file.with_suffix(EDITS).unlink(missing_ok=True)   # the snapshot holds every edit logged so far
    return file


def clear_journal(draft_path: str | None, session_id: str) -> None:
    file = journal_dir() / f"{journal_key(draft_path, session_id)}.json"
    for name in (file, file.with_suffix(EDITS)):
        name.unlink(missing_ok=True)


# -- the edit log: each edit since the last snapshot, one JSON line -------------
# A snapshot of a large draft takes tens of milliseconds, too long for every
# keystroke; a line appended to the log takes a fraction of one. A crash then
# loses at most the edit in flight: recovery replays the log onto the snapshot.
# No fsync: a killed program keeps what the OS was given (a power cut may not).

EDITS = ".edits"


def set_record(address: str, value) -> dict:
    return {"set": address, "value": value}


def rows_record(parent_id: str, rows: list, drop=(), restore: dict | None = None) -> dict:
    return {"rows": parent_id,
            "value": [n.model_dump(mode="json", exclude_defaults=True, exclude={"folder"}) for n in rows],
            "drop": list(drop),
            "restore": {k: e.model_dump(mode="json") for k, e in (restore or {}).items()}}


def append_edit(draft_path: str | None, session_id: str, record: dict) -> None:
    file = journal_dir() / f"{journal_key(draft_path, session_id)}{EDITS}"
    with open(file, "ab") as fh:   # ASCII JSON: a lone surrogate cannot break the line
        fh.write((json.dumps(record) + "\n").encode("ascii"))


def replay_edits(draft: Draft, file: Path) -> int:
    """Apply a journal's logged edits to its snapshot; a line the crash cut short ends it."""
    from .draft import IndicatorEntry
    from .session import put, put_rows
    from .template import IndicatorDef
    try:
        text = file.read_bytes().decode("ascii", errors="replace")
    except OSError:
        return 0
    done = 0
    for line in text.split("\n")[:-1]:   # the part after the last newline was not finished
        try:
            record = json.loads(line)
            if "set" in record:
                put(draft, record["set"], record["value"])
            else:
                put_rows(draft, record["rows"], [IndicatorDef.model_validate(x) for x in record["value"]],
                         record["drop"], {k: IndicatorEntry.model_validate(v) for k, v in record["restore"].items()})
        except (ValueError, KeyError, TypeError, AttributeError):
            break
        done += 1
    return done


def _same_content(a: Draft, b: Draft) -> bool:
    return a.model_dump(exclude={"saved"}) == b.model_dump(exclude={"saved"})


def recoverable() -> list[JournalEntry]:
    """Journal entries left by a session that did not close cleanly, newest first.
    An entry whose draft file was saved after it is stale and skipped."""
    folder = journal_dir()
    entries = []
    if not folder.is_dir():
        return entries
    for file in folder.glob("*.json"):
        try:
            payload = json.loads(file.read_text(encoding="utf-8"))
            draft = draft_from_bytes(json.dumps(payload["draft"]).encode("utf-8"), str(file))
        except (OSError, ValueError, KeyError, TypeError, DraftError):
            continue
        saved_at = str(payload.get("saved_at", ""))
        edits = file.with_suffix(EDITS)
        if edits.exists() and replay_edits(draft, edits):
            saved_at = max(saved_at, _local_time(edits.stat().st_mtime))
        path = payload.get("draft_path")
        if path and os.path.exists(path):
            try:
                if _same_content(read_draft(path), draft):
                    continue  # nothing newer than the saved file
            except DraftError:
                pass
        entries.append(JournalEntry(file, path, saved_at, draft))
    entries.sort(key=lambda e: e.saved_at, reverse=True)
    return entries

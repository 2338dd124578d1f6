"""Where an export goes: a file name a clerk recognises, and never silently over
a file someone has open. (Exporters only make bytes; this picks the path.)

A target that is locked (open in Word/WPS on Windows) or read-only is not
overwritten: the next free name "…(2).docx" is used and reported.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import SaveError
from .store import write_atomic

_BAD = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])", re.I)
MAX_NAME_BYTES = 200   # ext4 and NTFS allow 255; "(99).docx" must still fit


def safe_name(name: str, limit: int = 80) -> str:
    """A file name from a title or template name: no folders, no device names."""
    name = _BAD.sub("", name).strip().strip(".")[:limit]
    while len(name.encode("utf-8")) > MAX_NAME_BYTES:  # 80 emoji are 320 bytes
        name = name[:-1]
    name = name.strip().strip(".")
    if _RESERVED.fullmatch(name.split(".")[0].strip()):
        name = "_" + name   # CON.docx would open the console on Windows, not a file
    return name or "导出"


def candidates(path: Path):
    yield path
    for n in range(2, 100):
        yield path.with_name(f"{path.stem}({n}){path.suffix}")


def is_locked(path: Path) -> bool:
    """True when another program holds the file (Windows share lock) or it is read-only."""
    if not path.exists():
        return False
    if not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222:  # the mode too: root may write anything
        return True
    # Office's owner file (~$name.docx) sits beside a document it has open.
    if path.with_name("~$" + path.name[2:]).exists() or path.with_name("~$" + path.name).exists():
        return True
    try:
        with open(path, "r+b"):
            pass
    except PermissionError:
        return True
    except OSError:
        return False
    return False


def write_export(path: str | os.PathLike, data: bytes) -> tuple[Path, bool]:
    """Write `data` to `path` or the next free name; returns (written path, renamed?)."""
    first = Path(path)
    if not first.parent.is_dir():
        raise SaveError(str(first), "输出文件夹不存在")
    for candidate in candidates(first):
        if is_locked(candidate):
            continue
        try:
            write_atomic(candidate, data, keep_backup=False)
        except SaveError as exc:
            if "占用" in exc.reason:
                continue
            raise
        return candidate, candidate != first
    raise SaveError(str(first), "同名文件均被占用，请关闭 WPS/Word 后重试")

"""The one door to a template's files.

A template folder comes from outside (a USB stick, a chat group), so every file
the program reads from it comes through here: named relative to the folder,
never through a symbolic link, only a regular file (not a device or a pipe),
no larger than its kind allows; an Office file's zip members are counted and
their uncompressed sizes added up before anything unpacks them, and its XML
is parsed once with DTDs (hence entities) refused. A refusal is a
TemplateError whose Problem says in Chinese what is wrong and what to do.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from .errors import Problem, TemplateError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """The most a template file may hold before it is refused unread."""
    size: int                  # bytes on disk
    members: int = 0           # zip: most members; 0 = not a zip
    unpacked: int = 0          # zip: all members together, uncompressed
    xml: int = 0               # zip: the XML parts together, uncompressed


# Shipped files are 5–30 KB (zips under 100 KB unpacked): every limit is far above them.
LIMITS = {
    "form.yaml": Limit(2 * MB),
    "form.parsed.json": Limit(4 * MB),
    "print.html.j2": Limit(1 * MB),
    "report.docx": Limit(20 * MB, members=500, unpacked=64 * MB, xml=16 * MB),
    "table.xlsx": Limit(5 * MB, members=200, unpacked=16 * MB, xml=8 * MB),
    "xmlss.yaml": Limit(256 * 1024),   # the 一体化系统 row map beside a template
    # the 汇总表 layouts (summaries/<kind>/ or a 财政局's own folder): as report.docx / table.xlsx
    "summary.docx": Limit(20 * MB, members=500, unpacked=64 * MB, xml=16 * MB),
    "summary.xlsx": Limit(5 * MB, members=200, unpacked=16 * MB, xml=8 * MB),
}
IMAGE_LIMIT = Limit(10 * MB)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")
FIX_COPY = "从程序自带的模板复制一份再修改"


def _refuse(folder, name: str, code: str, what: str, fix: str = FIX_COPY) -> TemplateError:
    return TemplateError(str(folder), [Problem(code, name, what, fix)])


def _relative_parts(name: str) -> list[str] | None:
    """The parts of a name relative to the folder, or None when it could climb out."""
    if not name or "\x00" in name:
        return None
    win = PureWindowsPath(name)
    if win.drive or win.root or PurePosixPath(name).is_absolute():
        return None
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return parts


def _no_links(folder: Path, parts: list[str], name: str) -> Path:
    """The path inside `folder`, refused if any part of it is a link (the folder
    itself may be anywhere the clerk put it)."""
    path = folder
    for part in parts:
        path = path / part
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            raise _refuse(folder, name, "file.missing", f"模板文件夹中没有 {name}") from None
        except OSError as exc:
            raise _refuse(folder, name, "file.unreadable", f"{name} 无法读取（{_reason(exc)}）") from None
        if stat.S_ISLNK(st.st_mode) or getattr(st, "st_file_attributes", 0) & 0x400:  # 0x400: a Windows reparse point
            raise _refuse(folder, name, "file.link", f"{name} 是一个快捷链接（符号链接），指向模板文件夹以外的文件；"
                          "为防止把本机其他文件带进导出的表格，模板中不接受链接",
                          "把真正的文件复制到模板文件夹中，替换这个链接")
    return path


def _reason(exc: OSError) -> str:
    import errno
    return {errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限", errno.EISDIR: "这是一个文件夹",
            errno.ENOENT: "文件不存在", errno.ELOOP: "是一个链接"}.get(exc.errno, "系统错误")


def _read_regular(folder: Path, path: Path, name: str, limit: Limit) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)   # non-blocking: a named pipe must not hang the open
    except OSError as exc:
        raise _refuse(folder, name, "file.unreadable", f"{name} 无法读取（{_reason(exc)}）") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise _refuse(folder, name, "file.not_regular", f"{name} 不是普通文件（是文件夹、设备或管道）")
    with os.fdopen(fd, "rb") as fh:
        if st.st_size > limit.size:
            raise _refuse(folder, name, "file.size", f"{name} 有 {_mb(st.st_size)}，超过这类文件的上限 {_mb(limit.size)}，"
                          "不像是模板文件")
        data = fh.read(limit.size + 1)   # a file growing while read is still cut at the limit
    if len(data) > limit.size:
        raise _refuse(folder, name, "file.size", f"{name} 超过这类文件的上限 {_mb(limit.size)}，不像是模板文件")
    return data


def _mb(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n // 1024} KB"


def check_zip(data: bytes, name: str, limit: Limit, folder=".") -> None:
    """An Office file's members counted and sized from its directory before any is
    unpacked (zipfile never unpacks more than a member's declared size), then its
    XML parsed once with DTDs refused: no entity is ever expanded."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refuse(folder, name, "file.zip", f"{name} 已损坏或不是 Office 文件（无法按 zip 打开）") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limit.members:
            raise _refuse(folder, name, "file.zip_members", f"{name} 内含 {len(infos)} 个部件，超过上限 {limit.members}，"
                          "不是 Word/Excel 正常保存的文件")
        unpacked = sum(i.file_size for i in infos)
        xml_parts = [i for i in infos if i.filename.endswith((".xml", ".rels", ".vml"))]
        xml = sum(i.file_size for i in xml_parts)
        if unpacked > limit.unpacked or xml > limit.xml:
            raise _refuse(folder, name, "file.zip_size", f"{name} 解压后有 {_mb(max(unpacked, xml))}，超过上限"
                          f" {_mb(limit.xml if xml > limit.xml else limit.unpacked)}（可能是“压缩炸弹”）")
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import fromstring
        for info in xml_parts:
            try:
                fromstring(archive.read(info), forbid_dtd=True)
            except DefusedXmlException:
                raise _refuse(folder, name, "file.xml_entity", f"{name} 的 {info.filename} 含有 XML 实体声明"
                              "（DOCTYPE/ENTITY），不是 Word/Excel/WPS 正常保存的文件，可能有害",
                              "用 Word、Excel 或 WPS 重新另存，或" + FIX_COPY) from None
            except Exception:  # noqa: BLE001 - bad XML, bad CRC: the file is broken, said once
                raise _refuse(folder, name, "file.xml", f"{name} 的 {info.filename} 已损坏（不是有效的 XML）") from None


def read(folder, name: str, limit: Limit | None = None) -> bytes:
    """The bytes of the template file `name` (relative to `folder`), through every check."""
    folder = Path(folder)
    limit = limit or LIMITS.get(name) or IMAGE_LIMIT
    parts = _relative_parts(name)
    if parts is None:
        raise _refuse(folder, name, "file.outside", f"“{name}”不在模板文件夹内（绝对路径或含 ..）",
                      "只能使用模板文件夹中的文件，写相对路径")
    data = _read_regular(folder, _no_links(folder, parts, name), name, limit)
    if limit.members:
        check_zip(data, name, limit, folder)
    return data


def exists(folder, name: str) -> bool:
    """Whether `name` is there at all (a link or a folder counts: read() then says why it is refused)."""
    try:
        os.lstat(Path(folder) / name)
        return True
    except OSError:
        return False


def image(folder, name: str) -> bytes:
    """An image a print layout names: inside the folder, a picture file, bounded."""
    if not name.lower().endswith(IMAGE_SUFFIXES):
        raise _refuse(folder, name, "file.image_kind", f"“{name}”不是图片文件（只接受 {'、'.join(IMAGE_SUFFIXES)}）",
                      "把图片放进模板文件夹，用相对路径引用")
    return read(folder, name, IMAGE_LIMIT)

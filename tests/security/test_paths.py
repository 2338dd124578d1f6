"""A template cannot make the program read or write outside where it should:
layouts are read from the template's own folder, an export is written only to
the path the clerk chose, and names made from a template's id, name or title
cannot climb out of the export folder or hit a Windows device name."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
import yaml

from core.evaluate import evaluate
from core.registry import load_template
from exporters.api import file_stem
from exporters.context import build
from core.outputs import safe_name, write_export

HOSTILE_NAMES = [
    "../../../etc/passwd", "..\\..\\Windows\\System32\\drivers\\etc\\hosts", "/etc/cron.d/x", "C:\\boot.ini",
    "C:", "\\\\server\\share\\x", "..", ".", "...", " ", "", "a/../../b", "报告\x00.docx", "报告\n换行",
    "CON", "con", "NUL", "PRN", "AUX", "COM1", "LPT9", "con.txt", "NUL.tar.gz", "CONIN$", "报告. ", "报告...",
    "名" * 300, "<>:\"|?*", "😀" * 100, "~$报告", "-rf", "$(touch x)", "`touch x`", "%APPDATA%",
]
WINDOWS_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?$", re.I)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_safe_name_stays_a_plain_file_name(name, tmp_path):
    safe = safe_name(name)
    assert safe and safe == safe.strip() and not safe.endswith(".")
    assert not set(safe) & set('\\/:*?"<>|'), safe
    assert not any(ord(c) < 32 for c in safe)
    assert safe not in (".", "..")
    assert not WINDOWS_RESERVED.match(safe), f"{safe!r} is a device name on Windows"
    assert len(f"{safe}(99).docx".encode("utf-8")) <= 255, "too long for ext4/NTFS"
    target = tmp_path / "导出" / f"{safe}.docx"
    assert target.parent == tmp_path / "导出"
    assert target.resolve().parent == (tmp_path / "导出").resolve()


@pytest.mark.parametrize("title", ["../../{{ unit_name }}", "/tmp/{{ year }}/x", "CON", "..\\..\\x"])
def test_report_title_from_the_template_cannot_escape(title, template_copy, sample_draft, tmp_path):
    form = template_copy / "form.yaml"
    data = yaml.safe_load(form.read_text(encoding="utf-8"))
    data["report"]["title"] = title
    data["name"] = title
    form.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    t = load_template(template_copy)
    stem = file_stem(build(t, sample_draft, evaluate(t, sample_draft)))
    out = tmp_path / "导出"
    out.mkdir()
    before = _snapshot(tmp_path)
    written, _ = write_export(out / f"{stem}.docx", b"PK")
    assert written.parent == out and written.read_bytes() == b"PK"
    assert set(_snapshot(tmp_path)) - set(before) == {str(written)}


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}


def test_write_export_touches_only_its_target(tmp_path):
    out = tmp_path / "导出"
    out.mkdir()
    (out / "旧的.docx").write_bytes(b"old")
    (tmp_path / "邻居.txt").write_bytes(b"neighbour")
    before = _snapshot(tmp_path)
    written, renamed = write_export(out / "报告.docx", b"new")
    after = _snapshot(tmp_path)
    assert (written, renamed) == (out / "报告.docx", False)
    assert set(after) - set(before) == {str(written)}
    assert {k: v for k, v in after.items() if k != str(written)} == before


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_export_over_a_symlink_replaces_the_link_not_its_target(tmp_path):
    """A link planted where the export goes must not redirect the write."""
    outside = tmp_path / "外面" / "重要.txt"
    outside.parent.mkdir()
    outside.write_bytes(b"keep me")
    out = tmp_path / "导出"
    out.mkdir()
    (out / "报告.docx").symlink_to(outside)
    written, _ = write_export(out / "报告.docx", b"PK-new")
    assert outside.read_bytes() == b"keep me"
    assert written.parent == out and not written.is_symlink() and written.read_bytes() == b"PK-new"


@pytest.mark.parametrize("module, name", [("exporters.word", "report.docx"), ("exporters.excel", "table.xlsx")])
def test_layouts_are_read_from_the_template_folder(module, name, gd_template):
    import importlib
    path = importlib.import_module(module).layout_path(gd_template)
    assert Path(path) == Path(gd_template.folder) / name


def test_template_id_cannot_name_a_path(tmp_path):
    """An id with ../ never becomes a folder name the program writes into:
    the journal is keyed by a hash, exports by safe_name."""
    from core.store import journal_key
    key = journal_key("../../../etc/passwd", "../x")
    assert re.fullmatch(r"[0-9a-f]{16}", key)


def _pdf_images(data: bytes) -> list[bytes]:
    return re.findall(rb"/Width (\d+)", data)


@pytest.mark.slow
def test_print_layout_cannot_pull_files_from_the_disk(template_copy, sample_draft, tmp_path):
    """<img src="/elsewhere/seal.png"> must not copy a file from the clerk's disk
    into the PDF; an image inside the template folder still shows."""
    from PySide6.QtGui import QColor, QImage

    from exporters.api import export_bytes

    secret = tmp_path / "公章.png"
    img = QImage(37, 23, QImage.Format.Format_RGB32)
    img.fill(QColor("red"))
    assert img.save(str(secret))
    assert img.save(str(template_copy / "logo.png"))
    t = load_template(template_copy)
    refused = "".join(f'<img src="{s}">' for s in (secret, secret.as_uri(), f"../{secret.name}",
                                                   "http://127.0.0.1:9/x.png", "qrc:/x.png"))
    (template_copy / "print.html.j2").write_text(f"<p>甲</p>{refused}<p>乙</p>", encoding="utf-8")
    pdf = export_bytes("pdf", t, sample_draft)
    assert b"37" not in _pdf_images(pdf), "a file from outside the template folder is in the PDF"
    (template_copy / "print.html.j2").write_text('<p>甲</p><img src="logo.png"><p>乙</p>', encoding="utf-8")
    assert b"37" in _pdf_images(export_bytes("pdf", t, sample_draft))


# -- links Word/WPS would follow by themselves ----------------------------------------

UNC_IMAGE = ('<Relationship Id="rIdEvil" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/image" Target="file://///10.0.0.66/share/pixel.png" TargetMode="External"/>')
REMOTE_TEMPLATE = ('<Relationship Id="rIdTpl" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/attachedTemplate" Target="http://10.0.0.66/t.dotm" TargetMode="External"/>')
HYPERLINK = ('<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/hyperlink" Target="http://www.mof.gov.cn/" TargetMode="External"/>')


def _add_relationship(path: Path, rels_part: str, relationship: str) -> None:
    import zipfile
    data = path.read_bytes()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for name in names:
            body = src.read(name)
            if name == rels_part:
                body = body.replace(b"</Relationships>", relationship.encode() + b"</Relationships>")
            dst.writestr(name, body)
        if rels_part not in names:
            dst.writestr(rels_part, '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                                    f'openxmlformats.org/package/2006/relationships">{relationship}</Relationships>')
    path.write_bytes(out.getvalue())


@pytest.mark.parametrize("rels_part, relationship", [
    ("word/_rels/document.xml.rels", UNC_IMAGE), ("word/_rels/settings.xml.rels", REMOTE_TEMPLATE)],
    ids=["unc-image", "remote-template"])
def test_word_layout_with_an_external_link_is_flagged_and_not_exported(
        rels_part, relationship, template_copy, sample_draft):
    from core.errors import TemplateError
    from exporters.api import export_bytes
    from exporters.lint import lint_layouts

    _add_relationship(template_copy / "report.docx", rels_part, relationship)
    t = load_template(template_copy)
    assert any("外部的链接" in p and "10.0.0.66" in p for p in lint_layouts(t))
    try:
        data = export_bytes("docx", t, sample_draft)
    except TemplateError as exc:
        assert "外部的链接" in str(exc)
    else:
        assert b"10.0.0.66" not in data, "the export carries a link Word follows on opening"


def test_excel_layout_with_an_external_link_is_flagged(template_copy, sample_draft):
    from exporters.api import export_bytes
    from exporters.lint import lint_layouts

    _add_relationship(template_copy / "table.xlsx", "xl/worksheets/_rels/sheet1.xml.rels", UNC_IMAGE)
    t = load_template(template_copy)
    assert any("外部的链接" in p for p in lint_layouts(t))
    try:
        data = export_bytes("xlsx", t, sample_draft)
    except Exception as exc:  # refused: fine, if it says why
        assert "外部的链接" in str(exc)
    else:
        assert b"10.0.0.66" not in data


def test_hyperlinks_are_allowed(template_copy):
    from exporters.lint import external_links
    _add_relationship(template_copy / "report.docx", "word/_rels/document.xml.rels", HYPERLINK)
    assert external_links("report.docx", (template_copy / "report.docx").read_bytes()) == []

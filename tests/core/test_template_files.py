"""core/template_files.py: the one door to a template's files. Links, devices,
pipes, oversized files, zip bombs and XML entity declarations are refused with
a Chinese problem before anything is unpacked or parsed."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from core import template_files
from core.errors import TemplateError
from core.registry import load_template
from tests.office_files import rezip

ROOT = Path(__file__).resolve().parents[2]
GD = ROOT / "templates" / "gd-dept-overall"
posix_only = pytest.mark.skipif(os.name == "nt", reason="symlinks and pipes need privileges on Windows")


def _refusal(folder, name, **kw) -> str:
    with pytest.raises(TemplateError) as exc:
        template_files.read(folder, name, **kw)
    problem = exc.value.problems[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in problem.what), problem
    return problem.code


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "gd"
    shutil.copytree(GD, target)
    return target


def test_the_shipped_files_pass(folder):
    for name in ("form.yaml", "form.parsed.json", "print.html.j2", "report.docx", "table.xlsx"):
        assert template_files.read(folder, name) == (folder / name).read_bytes()


@posix_only
@pytest.mark.parametrize("name", ["form.yaml", "form.parsed.json", "print.html.j2", "report.docx", "table.xlsx"])
def test_a_link_is_refused_whatever_it_points_at(name, folder, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0 秘密", encoding="utf-8")
    (folder / name).unlink()
    (folder / name).symlink_to(secret)
    assert _refusal(folder, name) == "file.link"


@posix_only
def test_a_link_inside_the_folder_to_a_folder_outside_is_refused(folder, tmp_path):
    outside = tmp_path / "外面"
    outside.mkdir()
    (outside / "seal.png").write_bytes(b"\x89PNG")
    (folder / "img").symlink_to(outside)
    with pytest.raises(TemplateError) as exc:
        template_files.image(folder, "img/seal.png")
    assert exc.value.problems[0].code == "file.link"


@posix_only
def test_dev_zero_is_never_read(folder):
    (folder / "report.docx").unlink()
    (folder / "report.docx").symlink_to("/dev/zero")
    assert _refusal(folder, "report.docx") == "file.link"


@posix_only
def test_a_pipe_does_not_hang_the_open(folder):
    (folder / "print.html.j2").unlink()
    os.mkfifo(folder / "print.html.j2")
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("code", _refusal(folder, "print.html.j2")), daemon=True)
    worker.start()
    worker.join(10)
    assert result.get("code") == "file.not_regular"


@posix_only
def test_a_folder_named_like_a_file_is_refused(folder):
    (folder / "print.html.j2").unlink()
    (folder / "print.html.j2").mkdir()
    assert _refusal(folder, "print.html.j2") == "file.not_regular"


@pytest.mark.parametrize("name", ["../secret.png", "/etc/passwd.png", "C:\\Windows\\x.png", "a/../../x.png",
                                  "\\\\server\\share\\x.png", ""])
def test_a_name_outside_the_folder_is_refused(name, folder):
    with pytest.raises(TemplateError) as exc:
        template_files.image(folder, name or "x.png") if name else template_files.read(folder, name)
    assert exc.value.problems[0].code in ("file.outside", "file.missing")
    if name:
        assert exc.value.problems[0].code == "file.outside"


def test_an_image_must_be_a_picture_file(folder):
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        template_files.image(folder, "notes.txt")
    assert exc.value.problems[0].code == "file.image_kind"


@pytest.mark.parametrize("name", ["form.yaml", "form.parsed.json"])
def test_form_and_its_parsed_copy_have_the_same_kind_of_limit(name, folder):
    limit = template_files.LIMITS[name].size
    assert limit <= 4 * template_files.MB
    with open(folder / name, "ab") as fh:
        fh.write(b" " * (limit + 1))
    assert _refusal(folder, name) == "file.size"
    with pytest.raises(TemplateError) as exc:
        load_template(folder)
    assert exc.value.problems[0].code == "file.size"


@pytest.mark.parametrize("name, member", [("report.docx", "word/document.xml"), ("table.xlsx", "xl/worksheets/sheet1.xml")])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(name, member, folder):
    rezip(folder / name, bomb=(member, 2 * template_files.LIMITS[name].unpacked))
    assert (folder / name).stat().st_size < template_files.LIMITS[name].size
    assert _refusal(folder, name) == "file.zip_size"


def test_too_many_members_are_refused(folder):
    rezip(folder / "table.xlsx", extra={f"xl/media/x{i}.bin": b"" for i in range(300)})
    assert _refusal(folder, "table.xlsx") == "file.zip_members"


@pytest.mark.parametrize("name, member", [("report.docx", "word/document.xml"), ("table.xlsx", "xl/styles.xml"),
                                          ("report.docx", "[Content_Types].xml")])
def test_an_xml_entity_declaration_is_refused(name, member, folder):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>')
    rezip(folder / name, replace={member: laughs})
    assert _refusal(folder, name) == "file.xml_entity"


def test_a_broken_zip_is_refused(folder):
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04 not really")
    assert _refusal(folder, "table.xlsx") == "file.zip"

"""Installed templates: the program's own templates/ and the clerk's user folder.

A template is a folder with form.yaml; copying a folder into the user
templates folder installs it, with no code change.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from . import template_files
from .errors import TemplateError
from .paths import user_templates_dir
from .template import Template, load_template_data

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "templates"
# A clerk's copy of a built-in template keeps its own name in every list, so a
# folder from a USB stick can never stand in for the program's own silently.
LOCAL_SUFFIX = " (本机安装)"
ORIGINS = {"builtin": "程序自带", "user": "本机安装"}

# Beside a shipped form.yaml: the same file already parsed (tools/build_parsed_forms.py),
# used only while it names this exact form.yaml. Importing and running the YAML parser
# was ~25 ms of the window's start-up; a template a clerk installs is simply parsed.
PARSED = "form.parsed.json"
_PARSED_FORMAT = 1  # raise when form_yaml.parse changes what it accepts: old copies are then ignored


def parsed_key(raw: bytes) -> str:
    return f"{_PARSED_FORMAT}:{zlib.crc32(raw):08x}:{len(raw)}"


def _parsed_copy(folder: Path, raw: bytes):
    """The shipped parsed copy of this form.yaml, or None (absent or stale). One
    that is a link, or too large, is refused like any other template file."""
    if not template_files.exists(folder, PARSED):
        return None
    try:
        cached = json.loads(template_files.read(folder, PARSED))
    except (ValueError, RecursionError):
        return None
    if isinstance(cached, dict) and cached.get("source") == parsed_key(raw) and isinstance(cached.get("data"), dict):
        return cached["data"]
    return None


def load_template(folder: str | os.PathLike) -> Template:
    folder = Path(folder)
    where = str(folder / "form.yaml")
    raw = template_files.read(folder, "form.yaml")
    data = _parsed_copy(folder, raw)
    if data is None:
        from .form_yaml import read_form  # the YAML parser only when there is no parsed copy
        data = read_form(raw, where)
    template = load_template_data(data, where)
    template.folder = str(folder)
    return template


@dataclass
class Installed:
    """The installed templates by id, and the folders that could not be loaded."""
    templates: dict[str, list[Template]]     # id → versions, newest first
    broken: list[TemplateError]

    def newest(self, template_id: str) -> Template | None:
        versions = self.templates.get(template_id)
        return versions[0] if versions else None

    def find(self, template_id: str, version: str | None = None) -> Template | None:
        for t in self.templates.get(template_id, []):
            if version is None or t.version == version:
                return t
        return None


def version_key(version: str) -> tuple:
    """"2022.1" < "2022.10"; parts that are not numbers sort after numbers, as text
    ((0, n) and (1, s) pairs, so an int is never compared with a str)."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\-]", version))


def search_path() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("JXZP_TEMPLATES_PATH", "").split(os.pathsep) if p]
    return extra + [user_templates_dir(), BUILTIN_DIR]


def base_id(template_id: str) -> str:
    """The id a form.yaml declares: 'gd-dept-overall (本机安装)' → 'gd-dept-overall'."""
    return template_id[:-len(LOCAL_SUFFIX)] if template_id.endswith(LOCAL_SUFFIX) else template_id


_ID_LINE = re.compile(r"^id:\s*[\"']?([A-Za-z0-9_-]+)", re.MULTILINE)


def declares_other_id(folder: Path, template_id: str) -> bool:
    """A cheap look at form.yaml's top-level `id:` line; unsure → False (parse it)."""
    try:
        m = _ID_LINE.search(template_files.read(folder, "form.yaml").decode("utf-8-sig", errors="replace"))
    except TemplateError:
        return False
    return m is not None and m.group(1) != template_id


def scan(paths: list[Path] | None = None, only: str | None = None) -> Installed:
    """Every installed template; with `only`, just the folders that declare that id
    (opening one draft need not parse every template's YAML).

    The program's own templates keep their ids; a folder the clerk installed that
    declares a built-in id is listed as 'id (本机安装)', so a draft names the one
    it was made with and a copy never replaces the original unnoticed."""
    roots = paths or search_path()
    loaded: list[Template] = []
    broken: list[TemplateError] = []
    for root in roots:
        if not root.is_dir():
            continue
        origin = "builtin" if root.resolve() == BUILTIN_DIR else "user"
        for folder in sorted(p for p in root.iterdir() if template_files.exists(p, "form.yaml")):
            if only is not None and declares_other_id(folder, base_id(only)):
                continue
            try:
                t = load_template(folder)
            except TemplateError as exc:
                broken.append(exc)
                continue
            t.origin = origin
            loaded.append(t)
    builtin_ids = {t.id for t in loaded if t.origin == "builtin"}
    found: dict[str, list[Template]] = {}
    for t in loaded:
        if t.origin == "user" and t.id in builtin_ids:
            t.id += LOCAL_SUFFIX
        versions = found.setdefault(t.id, [])
        if not any(v.version == t.version for v in versions):  # earlier roots win
            versions.append(t)
    for versions in found.values():
        versions.sort(key=lambda t: version_key(t.version), reverse=True)
    # by id: a built-in first, its local copy right after it
    found = {k: v for k, v in sorted(found.items()) if only is None or k == only}
    return Installed(found, broken)

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

from .errors import Problem, TemplateError
from .paths import user_templates_dir
from .template import Template, load_template_data

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "templates"
MAX_FORM_BYTES = 2 * 1024 * 1024

# Beside a shipped form.yaml: the same file already parsed (tools/build_parsed_forms.py),
# used only while it names this exact form.yaml. Importing and running the YAML parser
# was ~25 ms of the window's start-up; a template a clerk installs is simply parsed.
PARSED = "form.parsed.json"
_PARSED_FORMAT = 1  # raise when form_yaml.parse changes what it accepts: old copies are then ignored


def parsed_key(raw: bytes) -> str:
    return f"{_PARSED_FORMAT}:{zlib.crc32(raw):08x}:{len(raw)}"


def _parsed_copy(folder: Path, raw: bytes):
    """The shipped parsed copy of this form.yaml, or None (absent, unreadable or stale)."""
    try:
        cached = json.loads((folder / PARSED).read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if isinstance(cached, dict) and cached.get("source") == parsed_key(raw) and isinstance(cached.get("data"), dict):
        return cached["data"]
    return None


def load_template(folder: str | os.PathLike) -> Template:
    folder = Path(folder)
    form = folder / "form.yaml"
    where = str(form)
    if not form.is_file():
        raise TemplateError(str(folder), [Problem("file.missing", str(folder), "文件夹中没有 form.yaml",
                                                  "模板文件夹必须包含 form.yaml")])
    if form.stat().st_size > MAX_FORM_BYTES:
        raise TemplateError(where, [Problem("file.size", where, "form.yaml 超过 2 MB，不像是表单定义", "")])
    raw = form.read_bytes()
    data = _parsed_copy(folder, raw)
    if data is None:
        from .form_yaml import read_form  # the YAML parser only when there is no parsed copy
        data = read_form(raw, where)
    template = load_template_data(data, where)
    template.folder = str(folder)
    return template


@dataclass
class Installed:
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


_ID_LINE = re.compile(r"^id:\s*[\"']?([A-Za-z0-9_-]+)", re.MULTILINE)


def declares_other_id(folder: Path, template_id: str) -> bool:
    """A cheap look at form.yaml's top-level `id:` line; unsure → False (parse it)."""
    try:
        m = _ID_LINE.search((folder / "form.yaml").read_text(encoding="utf-8-sig", errors="replace"))
    except OSError:
        return False
    return m is not None and m.group(1) != template_id


def scan(paths: list[Path] | None = None, only: str | None = None) -> Installed:
    """Every installed template; with `only`, just the folders that declare that id
    (opening one draft at start-up need not parse every template's YAML)."""
    found: dict[str, list[Template]] = {}
    broken: list[TemplateError] = []
    for root in paths or search_path():
        if not root.is_dir():
            continue
        for folder in sorted(p for p in root.iterdir() if (p / "form.yaml").is_file()):
            if only is not None and declares_other_id(folder, only):
                continue
            try:
                t = load_template(folder)
            except TemplateError as exc:
                broken.append(exc)
                continue
            versions = found.setdefault(t.id, [])
            if not any(v.version == t.version for v in versions):  # earlier roots win
                versions.append(t)
    for versions in found.values():
        versions.sort(key=lambda t: version_key(t.version), reverse=True)
    return Installed(found, broken)

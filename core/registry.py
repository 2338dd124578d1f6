"""Installed templates: the program's own templates/ and the clerk's user folder.

A template is a folder with form.yaml; copying a folder into the user
templates folder installs it, with no code change.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import Problem, TemplateError
from .paths import user_templates_dir
from .template import Template, load_template_data

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "templates"
MAX_FORM_BYTES = 2 * 1024 * 1024


# libyaml when present: parsing form.yaml is 3 ms instead of 40 ms at start-up.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_DEPTH = 64  # a real form nests about 10 deep
_OPEN = (yaml.BlockSequenceStartToken, yaml.BlockMappingStartToken,
         yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_CLOSE = (yaml.BlockEndToken, yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)


def _parse_yaml(text: str):
    """Safe YAML, its tokens scanned first so nothing is built from a hostile file:
    anchors/aliases (how a 'billion laughs' file blows up) are refused, and so is
    nesting deeper than MAX_DEPTH (libyaml composes recursively in C: a deep file
    would crash the process instead of raising)."""
    depth = 0
    for token in yaml.scan(text, Loader=_FAST_LOADER):
        if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
            raise yaml.MarkedYAMLError(None, None, "不支持 YAML 锚点和别名（&xxx / *xxx）", token.start_mark)
        if isinstance(token, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(None, None, f"嵌套超过 {MAX_DEPTH} 层，不像是表单定义", token.start_mark)
        elif isinstance(token, _CLOSE):
            depth -= 1
    return yaml.load(text, Loader=_FAST_LOADER)


def load_template(folder: str | os.PathLike) -> Template:
    folder = Path(folder)
    form = folder / "form.yaml"
    where = str(form)
    if not form.is_file():
        raise TemplateError(str(folder), [Problem("file.missing", str(folder), "文件夹中没有 form.yaml",
                                                  "模板文件夹必须包含 form.yaml")])
    if form.stat().st_size > MAX_FORM_BYTES:
        raise TemplateError(where, [Problem("file.size", where, "form.yaml 超过 2 MB，不像是表单定义", "")])
    try:
        data = _parse_yaml(form.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise TemplateError(where, [Problem("file.encoding", where, "不是 UTF-8 编码", "用 UTF-8 编码保存")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else "文件中"
        problem = getattr(exc, "problem", None) or str(exc)
        raise TemplateError(where, [Problem("yaml.syntax", f"form.yaml {line}", f"YAML 格式错误：{problem}",
                                            "检查缩进（只能用空格）、冒号后的空格和引号")]) from None
    except RecursionError:
        raise TemplateError(where, [Problem("yaml.depth", where, "嵌套层次过深", "")]) from None
    except ValueError:  # PyYAML's int(): a number of more than 4300 digits
        raise TemplateError(where, [Problem("yaml.number", where, "有一个无法读取的数字（位数过多）",
                                            "检查 form.yaml 中的数字")]) from None
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
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\-]", version))


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

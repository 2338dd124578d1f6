"""Checks of a template's layout files, run by `main.py validate-template DIR`
before a template is accepted: each layout file has its own check, and all
problems are collected as Chinese lines, never raised.

To add a check for another layout, give its module a function
`lint_layout(template, path) -> list[str]` and name it in LAYOUT_CHECKS.
The hostile test draft below is shared: every layout must render it and show
the clerk's text exactly as typed.
"""

from __future__ import annotations

import importlib
import io
import re
import zipfile
from pathlib import Path

# file name → "module:function"; a module that is absent or lacks the function
# means only the file's presence is checked.
LAYOUT_CHECKS = {
    "report.docx": "exporters.docx_lint:lint_layout",
    "table.xlsx": "exporters.excel:lint_layout",
    "print.html.j2": "exporters.pdf:lint_layout",
}
# layouts a template may have; checked only when present
OPTIONAL_LAYOUT_CHECKS = {"xmlss.yaml": "exporters.xmlss:lint_layout"}

# Every trap in one line: XML specials, Jinja braces (must not be evaluated),
# a leading "=" (formula in a spreadsheet), a vertical tab (Word's manual line
# break), an emoji, and a CJK Extension B character (a surrogate pair in UTF-16).
HOSTILE = "=1+1 A&B<C>D\"E'F {{ 7*7 }} {% if 1 %}x{% endif %} 😀𠀀 甲\x0b乙"


def hostile_expected() -> str:
    """HOSTILE as every output must show it (the vertical tab becomes a line break)."""
    from core.text import clean_text
    return clean_text(HOSTILE)


def hostile_draft(template, text: str = HOSTILE):
    """A draft of `template` with `text` in every text field, section and note."""
    from core.draft import IndicatorEntry, new_draft
    from core.template import NUMERIC_TYPES, walk_indicators

    draft = new_draft(template)
    for group in template.field_groups:
        for fd in group.fields:
            if fd.type not in NUMERIC_TYPES and fd.type not in ("date", "choice"):
                draft.fields[fd.id] = text
    for _, section in template.report_sections():
        draft.sections[section.id] = text
    for _, node in walk_indicators(template.indicators):
        if not node.children:
            draft.indicators[node.id] = IndicatorEntry(note=text)
    return draft


def context_for(template, draft) -> dict:
    from core.evaluate import evaluate

    from .context import build
    return build(template, draft, evaluate(template, draft))


def context_names(template) -> set[str]:
    """The top-level names a layout may use: the keys of the context of an empty draft."""
    from core.draft import new_draft
    return set(context_for(template, new_draft(template)))


def _check_function(spec: str):
    module_name, _, func = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, func, None)


_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*>")


def external_links(name: str, data: bytes) -> list[str]:
    """Links in an Office file that Word/WPS follow by themselves when the file is
    opened: an image linked instead of embedded, an attached template, an OLE
    link. A layout from outside could point them at \\\\server\\x.png and learn
    the clerk's Windows login when the export is opened. Hyperlinks (followed
    only when clicked) are allowed. [] for a file that is not a zip."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return []
    problems = []
    with z:
        for part in z.namelist():
            if not part.endswith(".rels"):
                continue
            xml = z.read(part)[:4_000_000].decode("utf-8", "replace")
            for rel in _RELATIONSHIP.findall(xml):
                if re.search(r"TargetMode\s*=\s*[\"']External", rel) and "/hyperlink" not in rel:
                    target = re.search(r"Target\s*=\s*[\"']([^\"']*)", rel)
                    problems.append(f"{name}：含有指向外部的链接“{(target.group(1) if target else '?')[:80]}”"
                                    f"（{part}），打开导出的文件时 Word/WPS 会自动访问它 —— 把图片等改为嵌入，或删除该链接")
    return problems


def lint_layouts(template) -> list[str]:
    """Every problem in the template's layout files, one Chinese line each."""
    from core import template_files
    from core.errors import TemplateError

    folder = Path(template.folder or ".")
    problems: list[str] = []
    optional = {n: spec for n, spec in OPTIONAL_LAYOUT_CHECKS.items() if (folder / n).is_file()}
    for name, spec in (LAYOUT_CHECKS | optional).items():
        path = folder / name
        if not template_files.exists(folder, name):
            problems.append(f"{name}：模板文件夹“{folder}”中缺少这个版式文件 —— 从程序自带的模板复制一份再修改")
            continue
        try:  # a link, a device, an oversized file or a zip bomb is refused before any check opens it
            data = template_files.read(folder, name)
        except TemplateError as exc:
            problems.extend(f"{name}：{p.what}" + (f" —— {p.fix}" if p.fix else "") for p in exc.problems)
            continue
        if name.endswith(("docx", "xlsx")):
            problems.extend(external_links(name, data))
        check = _check_function(spec)
        if check is None:
            continue
        try:
            problems.extend(check(template, path))
        except Exception as exc:  # a broken check must not hide the other layouts' problems
            problems.append(f"{name}：检查时出错（{type(exc).__name__}: {exc}）")
    return problems

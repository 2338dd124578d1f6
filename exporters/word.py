"""Word output: templates/<id>/report.docx rendered with docxtpl.

A narrow adapter around docxtpl: a fresh template object per export, our
one sandboxed Jinja2 environment passed to every render path, autoescape on
(so `&` and `<` in a clerk's text neither truncate nor corrupt the file), and
a Jinja error turned into a Chinese message naming the layout file and the
text around the faulty tag. docxtpl is imported here, not at start-up.

One tag beyond docxtpl's own: `{% vm CONDITION %}` in a table cell inside a
`{%tr for %}` loop merges the cell with the one above, starting a new merged
block on rows where CONDITION is true (docxtpl's `{% vm %}` can only merge a
whole loop). The indicator table uses `{% vm r.l1_first %}{{ r.l1 }}`.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

from core.errors import Problem, TemplateError

from .docx_long_text import fit_long_text
from .env import environment

LAYOUT = "report.docx"

# a cell (<w:tc>) holding a conditional merge tag; the tag text itself
_VM_CELL = re.compile(r"<w:tc[ >](?:(?!<w:tc[ >]).)*?{%\s*vm\s+(?:(?!%}).)+?%}.*?</w:tc>", re.S)
_VM_TAG = re.compile(r"{%\s*vm\s+((?:(?!%}).)+?)\s*%}", re.S)
_TEXT = re.compile(r"(<w:t(?: [^>]*)?>)(.*?)(</w:t>)", re.S)
# children of w:tcPr that must come after w:vMerge (ECMA-376 order)
_AFTER_VMERGE = re.compile(r"<w:(?:tcBorders|shd|noWrap|tcMar|textDirection|tcFitText|vAlign|hideMark)[ />]|</w:tcPr>")


class LayoutError(TemplateError):
    """A layout that cannot be rendered; the message names the file and the place.
    A TemplateError, so callers that report template problems report this too."""

    def __init__(self, path, what: str):
        Exception.__init__(self, f"Word 版式“{path}”{what}")
        self.source = str(path)
        self.problems = [Problem("layout.docx", str(path), what)]


def layout_path(template) -> Path:
    return Path(template.folder or ".") / LAYOUT


def conditional_vmerge(xml: str) -> str:
    """Rewrite `{% vm COND %}` cells: vMerge restart/continue by COND, text only on restart."""
    def cell(m: re.Match) -> str:
        tc = m.group(0)
        cond = _VM_TAG.search(tc).group(1).strip()
        tc = _VM_TAG.sub("", tc)
        merge = f'<w:vMerge w:val="{{% if {cond} %}}restart{{% else %}}continue{{% endif %}}"/>'
        tc = tc.replace("<w:tcPr/>", "<w:tcPr></w:tcPr>", 1)
        start = tc.find("<w:tcPr")
        if start < 0:  # a bare cell: give it properties to carry the merge
            head = re.match(r"<w:tc[^>]*>", tc).end()
            tc = f"{tc[:head]}<w:tcPr>{merge}</w:tcPr>{tc[head:]}"
        else:
            at = _AFTER_VMERGE.search(tc, start).start()
            tc = tc[:at] + merge + tc[at:]
        return _TEXT.sub(lambda t: f"{t.group(1)}{{% if {cond} %}}{t.group(2)}{{% endif %}}{t.group(3)}", tc)
    return _VM_CELL.sub(cell, xml)


@lru_cache(maxsize=1)
def _template_class():
    from docxtpl import DocxTemplate

    class LayoutTemplate(DocxTemplate):
        def patch_xml(self, src_xml):
            return conditional_vmerge(super().patch_xml(src_xml))

    return LayoutTemplate


def open_layout(source: bytes):
    """A fresh docxtpl template over the layout's bytes (never reused across exports)."""
    return _template_class()(io.BytesIO(source))


def read_layout(template) -> tuple[Path, bytes]:
    """The layout's bytes through the template-file gate (no links, bounded, no zip bomb)."""
    from core import template_files
    path = layout_path(template)
    if not template_files.exists(path.parent, LAYOUT):
        raise LayoutError(path, f"无法读取：找不到 Word 版式文件。请在模板文件夹中放入 {LAYOUT}（可从程序自带的模板复制）")
    try:
        return path, template_files.read(path.parent, LAYOUT)
    except TemplateError as exc:
        raise LayoutError(path, "；".join(p.what + (f" —— {p.fix}" if p.fix else "") for p in exc.problems)) from None


def near_text(doc, exc: Exception) -> list[str]:
    """The layout's text around the failing tag: docxtpl's docx_context for syntax
    errors; for runtime errors, the template line from the traceback."""
    lines = [ln.strip() for ln in getattr(exc, "docx_context", None) or ()]
    if not lines:
        lineno, tb = None, exc.__traceback__
        while tb is not None:  # Jinja maps frames of the compiled layout to "<template>" lines
            if tb.tb_frame.f_code.co_filename == "<template>":
                lineno = tb.tb_lineno
            tb = tb.tb_next
        part = getattr(doc, "current_rendering_part", None)
        if lineno is not None and part is not None:
            xml = doc.get_xml() if part is doc.docx.part else doc.get_part_xml(part)
            source = re.sub(r"<w:p([ >])", r"\n<w:p\1", doc.patch_xml(xml)).splitlines()
            lines = [re.sub(r"<[^>]+>", "", ln).strip() for ln in source[max(lineno - 2, 0):lineno + 1]]
    return [ln for ln in lines if ln]


def describe(exc: Exception, near: list[str] = ()) -> str:
    """A Jinja/docxtpl error in words a template author can act on."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError

    text = str(exc).rstrip(".")
    if isinstance(exc, SecurityError) and ("已停止生成" in text or "已拒绝计算" in text or "已拒绝" in text):
        reason = f"超出了安全沙箱的生成限额（exporters/env.py），已停止：{text}"
    elif isinstance(exc, SecurityError):
        reason = f"标签试图访问安全沙箱禁止的内容（已拦截，未执行）：{text}"
    elif isinstance(exc, UndefinedError):
        name = re.search(r"'([^']+)' is undefined", text)
        reason = (f"用到了渲染数据中没有的名称“{name.group(1)}”" if name else f"用到了不存在的名称或属性：{text}")
        reason += "（可用名称见 docs/render-context.md）"
    elif isinstance(exc, TemplateSyntaxError):
        reason = f"标签语法错误：{exc.message}"
    else:
        reason = f"{type(exc).__name__}: {text}"
    if near:
        reason += "。出错处附近的文字：" + " ／ ".join(near)[:300]
    return reason


def render(template, ctx: dict) -> bytes:
    """The Word report as bytes; raises LayoutError with a Chinese message."""
    path, source = read_layout(template)
    from .env import render_budget
    env = environment(autoescape=True)
    doc = open_layout(source)
    try:
        with render_budget():   # body, headers, footers and properties share one budget
            doc.render(ctx, jinja_env=env, autoescape=True)
        fit_long_text(doc.docx)          # long cells and paragraphs that office suites open quickly
        out = io.BytesIO()
        doc.save(out)
    except Exception as exc:  # any failure inside a layout is the layout's, reported as such
        raise LayoutError(path, f"无法生成报告：{describe(exc, near_text(doc, exc))}") from exc
    from .layout_links import notify, strip_docx
    data, notices = strip_docx(out.getvalue(), LAYOUT)  # no DDE/INCLUDE field or outside hyperlink is exported
    notify(notices)
    return data

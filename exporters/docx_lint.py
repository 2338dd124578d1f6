"""Checks of a Word layout (report.docx) before it is accepted:

1. tags split across <w:t> runs (Word's spell check or a format change does it);
2. tag syntax, per part (正文 / 页眉 / 页脚);
3. names the layout uses that the render context does not provide;
4. attributes and filters the sandbox refuses, and `x.items`-style slips;
5. a test render of a draft full of hostile text, which must show it as typed.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from pathlib import Path

from defusedxml import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAME = "report.docx"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_OPEN = re.compile(r"\{[{%#]")
# dict methods that shadow a key of the same name: signature.items is the method
_DICT_METHODS = {"items", "keys", "values", "get", "pop", "copy", "update"}


def _source(path: Path) -> bytes:
    from core import template_files
    return template_files.read(path.parent, path.name)


def _parts(path: Path) -> list[tuple[str, bytes]]:
    label = {"document": "正文", "header": "页眉", "footer": "页脚", "footnotes": "脚注"}
    out = []
    with zipfile.ZipFile(io.BytesIO(_source(path))) as z:
        for name in sorted(z.namelist()):
            m = re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes)\.xml", name)
            if m:
                out.append((label[re.sub(r"\d+", "", m.group(1))], z.read(name)))
    return out


def split_tags(path: Path) -> list[str]:
    """Tags whose text is spread over several <w:t> elements, or left unclosed."""
    problems = []
    for where, xml in _parts(path):
        root = ElementTree.fromstring(xml)
        for p in root.iter(f"{W}p"):
            pieces = [t.text or "" for t in p.iter(f"{W}t")]
            text = "".join(pieces)
            if "{" not in text:
                continue
            bounds, pos = [], 0
            for piece in pieces:
                pos += len(piece)
                bounds.append(pos)
            for m in _TAG.finditer(text):
                runs = sum(1 for b in bounds if m.start() < b < m.end())
                if runs:
                    problems.append(f"{NAME}（{where}）：标签“{m.group(0)}”被拆成了 {runs + 1} 段文字"
                                    f"（拼写检查、修订或中途改格式造成），生成时可能失效 —— "
                                    f"选中整个标签删除，再一次性重新输入或以“只保留文本”粘贴")
            rest = _TAG.sub("", text)
            if _OPEN.search(rest):
                problems.append(f"{NAME}（{where}）：段落“{text[:40]}”中有未在同一段内闭合的标签 —— "
                                f"每个 {{{{ }}}} 或 {{% %}} 标签必须写在同一段里")
    return problems


def _sandbox_problems(ast, env, unknown_filters: set[str]) -> list[str]:
    from jinja2 import nodes
    from jinja2.sandbox import (UNSAFE_FUNCTION_ATTRIBUTES, UNSAFE_GENERATOR_ATTRIBUTES,
                                UNSAFE_METHOD_ATTRIBUTES)

    unsafe = UNSAFE_FUNCTION_ATTRIBUTES | UNSAFE_METHOD_ATTRIBUTES | UNSAFE_GENERATOR_ATTRIBUTES
    problems: set[str] = set()
    called = {id(c.node) for c in ast.find_all(nodes.Call)}
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        attr = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        if not isinstance(attr, str):
            continue
        if attr.startswith("_") or attr in unsafe:
            problems.add(f"{NAME}：标签访问了“{attr}”，安全沙箱禁止访问以下划线开头的属性和内部属性 —— 删除该标签")
        elif isinstance(node, nodes.Getattr) and attr in _DICT_METHODS and id(node) not in called:
            owner = node.node.name if isinstance(node.node, nodes.Name) else "…"
            problems.add(f"{NAME}：“{owner}.{attr}”取到的是字典自带的方法而不是数据 —— 改写为 {owner}['{attr}']")
    for node in ast.find_all(nodes.Filter):
        if node.name not in env.filters:
            unknown_filters.add(node.name)
            problems.add(f"{NAME}：过滤器“{node.name}”不存在 —— 可用的过滤器见 docs/render-context.md")
    return sorted(problems)


def tag_problems(template, path: Path) -> list[str]:
    from jinja2 import TemplateSyntaxError

    from .env import environment
    from .lint import context_names
    from .word import open_layout

    env = environment(autoescape=True)
    doc = open_layout(_source(path))
    doc.init_docx()
    xml = [("正文", doc.get_xml())]
    for uri, where in ((doc.HEADER_URI, "页眉"), (doc.FOOTER_URI, "页脚")):
        xml += [(where, doc.get_part_xml(part)) for _, part in doc.get_headers_footers(uri)]
    # one paragraph per line, as docxtpl renders it, so an error's line points at a paragraph
    sources = [(where, re.sub(r"<w:p([ >])", r"\n<w:p\1", doc.patch_xml(x))) for where, x in xml]
    problems, syntax_ok, unknown_filters = [], True, set()
    for where, source in sources:
        try:
            ast = env.parse(source)
        except TemplateSyntaxError as exc:
            lines = source.splitlines()[max(exc.lineno - 2, 0):exc.lineno + 1]
            near = " ／ ".join(t for t in (re.sub(r"<[^>]+>", "", ln).strip() for ln in lines) if t)
            problems.append(f"{NAME}（{where}）：标签语法错误（{exc.message}），出错处附近的文字：“{near[:120]}”")
            syntax_ok = False
            continue
        problems += _sandbox_problems(ast, env, unknown_filters)
    if not syntax_ok:
        return problems
    if unknown_filters:  # already reported; stand-ins let the name check still run
        env = env.overlay()
        env.filters = {**env.filters, **{name: (lambda value, *a, **k: value) for name in unknown_filters}}
    used = doc.get_undeclared_template_variables(jinja_env=env)
    for name in sorted(used - context_names(template) - set(env.globals)):
        problems.append(f"{NAME}：用到了渲染数据中没有的名称“{name}” —— 检查拼写；可用名称见 docs/render-context.md")
    return problems


def hostile_render(template) -> list[str]:
    """Render a draft full of hostile text; it must succeed and show the text as typed."""
    import docx

    from .lint import context_for, hostile_draft, hostile_expected
    from .word import LayoutError, render

    try:
        data = render(template, context_for(template, hostile_draft(template)))
    except LayoutError as exc:
        return [f"{NAME}：用含特殊字符的测试文字试生成失败：{exc}"]
    expected = hostile_expected()
    with tempfile.TemporaryDirectory(prefix="jxzp-lint-") as tmp:
        out = Path(tmp) / NAME
        out.write_bytes(data)
        document = docx.Document(str(out))
        texts = [p.text for p in document.paragraphs]
        for table in document.tables:
            texts += [p.text for row in table.rows for c in row.cells for p in c.paragraphs]
    if expected not in "\n".join(texts):  # a line break may also have become a new paragraph
        return [f"{NAME}：用含特殊字符的测试文字（& < > \" {{{{ }}}} = 表情 生僻字 换行）试生成后，"
                f"文档中找不到原样的文字 —— 检查是否对填报文字用了 safe、replace 等过滤器"]
    return []


def lint_layout(template, path: Path) -> list[str]:
    from .layout_links import docx_problems
    problems = [f"{p} —— 在 Word/WPS 中删除这个域或超链接" for p in docx_problems(_source(path), NAME)]
    problems += split_tags(path)
    problems += tag_problems(template, path)
    if not problems:  # a broken layout would only repeat the same faults in the test render
        problems += hostile_render(template)
    return problems

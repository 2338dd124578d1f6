"""Templates come from outside (a folder on a USB stick from another bureau).
A Word, print or text layout that reaches for Python internals is refused by
the sandbox with a message, and nothing runs: each payload tries to create a
marker file, which must never appear."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
import yaml

from core.errors import TemplateError
from core.evaluate import evaluate
from core.registry import load_template
from exporters.context import build, render_starter
from exporters.env import environment, render_text

ROOT = Path(__file__).resolve().parents[2]

# MARK is replaced by the marker file's path.
PAYLOADS = [
    "{{ cycler.__init__.__globals__.os.system('touch MARK') }}",
    "{{ joiner.__init__.__globals__.os.popen('touch MARK').read() }}",
    "{{ lipsum.__globals__['os'].popen('touch MARK') }}",
    "{{ namespace.__init__.__globals__.os.system('touch MARK') }}",
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context }}",
    "{{ self.__init__.__globals__ }}",
    "{{ range.__self__ }}",
    "{{ range.__globals__ }}",
    "{{ f.__class__.__init__.__globals__['os'].system('touch MARK') }}",
    "{{ total.__class__.__mro__ }}",
    "{{ groups[0].__class__ }}",
    "{{ groups.__class__.__base__.__subclasses__() }}",
    "{{ ''|attr('__class__') }}",
    "{% set x = ''.__class__ %}{{ x }}",
    "{{ ''.format.__self__ }}",
    "{{ '{0.__class__.__mro__}'.format(total) }}",
    "{{ '%s'.__mod__ }}",
    "{{ f.update({'unit_name': 'x'}) }}",
    "{{ groups.append(1) }}",
    "{% for x in range(10**9) %}{% endfor %}",
    "{{ range(10**9)|list|length }}",
    "{{ 7**(10**10) }}",
    "{{ 'x' * 10**10 }}",
    "{% include '/etc/passwd' %}",
    "{% import 'os' as os %}{{ os }}",
    "{% extends '../../../etc/passwd' %}",
    "{% from 'os' import system %}{{ system('touch MARK') }}",
    "{{ config }}",
    "{{ request.application.__globals__ }}",
    "{{ ''.__class__.__mro__[-1].__subclasses__()[132].__init__.__globals__['system']('touch MARK') }}",
]


def _payload(text: str, marker: Path) -> str:
    return text.replace("MARK", str(marker))


def _refused(call) -> BaseException:
    """call() must raise one of the sandbox's refusals, never render."""
    try:
        out = call()
    except (jinja2.TemplateError, TemplateError, OverflowError) as exc:
        return exc
    except TypeError as exc:  # {% include %} and friends: the environment has no loader at all
        if "no loader" not in str(exc):
            raise
        return exc
    raise AssertionError(f"rendered instead of refusing: {str(out)[:200]!r}")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_layouts_refuse(payload, marker, gd_template, sample_draft):
    """Starter texts and the report title render through render_text."""
    ctx = build(gd_template, sample_draft, evaluate(gd_template, sample_draft))
    exc = _refused(lambda: render_text(_payload(payload, marker), ctx))
    assert not any(leak in str(exc) for leak in ("<module", "<built-in", "root:x:0:0"))


@pytest.mark.parametrize("autoescape", [False, True])
def test_both_environments_are_sandboxed(autoescape):
    env = environment(autoescape)
    assert isinstance(env, jinja2.sandbox.ImmutableSandboxedEnvironment)
    assert env.loader is None, "a loader would let {% include %} read files"
    assert set(env.globals) == {"range"}
    assert "attr" not in env.filters and "format" not in env.filters


def _docx_with(text: str, where: str) -> bytes:
    import docx
    doc = docx.Document()
    if where == "body":
        doc.add_paragraph(text)
    elif where == "table":
        doc.add_table(rows=1, cols=1).cell(0, 0).text = text
    elif where == "header":
        doc.sections[0].header.paragraphs[0].text = text
    elif where == "footer":
        doc.sections[0].footer.paragraphs[0].text = text
    elif where == "properties":
        doc.core_properties.title = text
        doc.add_paragraph("正文")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize("where", ["body", "table", "header", "footer", "properties"])
@pytest.mark.parametrize("payload", PAYLOADS[:4] + PAYLOADS[6:8] + PAYLOADS[10:11] + PAYLOADS[21:25])
def test_word_layout_refuses(payload, where, marker, template_copy, sample_draft):
    from exporters.word import render
    (template_copy / "report.docx").write_bytes(_docx_with(_payload(payload, marker), where))
    t = load_template(template_copy)
    ctx = build(t, sample_draft, evaluate(t, sample_draft))
    exc = _refused(lambda: render(t, ctx))
    assert isinstance(exc, TemplateError), f"a Word layout's failure must be a TemplateError, got {exc!r}"
    assert "report.docx" in str(exc)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_print_layout_refuses(payload, marker, template_copy, sample_draft):
    from exporters.printing import html
    (template_copy / "print.html.j2").write_text(
        f"<html><body><p>{_payload(payload, marker)}</p></body></html>", encoding="utf-8")
    t = load_template(template_copy)
    ctx = build(t, sample_draft, evaluate(t, sample_draft))
    _refused(lambda: html(t, ctx))


def _form_with(folder: Path, title: str | None = None, starter: str | None = None) -> None:
    form = folder / "form.yaml"
    data = yaml.safe_load(form.read_text(encoding="utf-8"))
    if title is not None:
        data["report"]["title"] = title
    if starter is not None:
        data["report"]["sections"][0]["children"][2]["starter"] = starter
    form.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("payload", PAYLOADS[:4] + PAYLOADS[23:25])
def test_form_title_and_starter_refuse(payload, marker, template_copy, sample_draft):
    _form_with(template_copy, title=_payload(payload, marker), starter=_payload(payload, marker))
    try:
        t = load_template(template_copy)
    except TemplateError:
        return  # refused at load: fine
    result = evaluate(t, sample_draft)
    _refused(lambda: build(t, sample_draft, result))
    _refused(lambda: render_starter(t, sample_draft, result, "s_finance"))


# -- the clerk's view: the command line says what is wrong, in Chinese -------------

@pytest.mark.slow
@pytest.mark.parametrize("layout", ["report.docx", "print.html.j2", "form title"])
def test_export_command_reports_a_hostile_template(layout, marker, template_copy, tmp_path):
    payload = _payload(PAYLOADS[0], marker)
    if layout == "report.docx":
        (template_copy / layout).write_bytes(_docx_with(payload, "body"))
    elif layout == "print.html.j2":
        (template_copy / layout).write_text(f"<p>{payload}</p>", encoding="utf-8")
    else:
        _form_with(template_copy, title=payload)
    # the copy is installed beside the built-in one, as "gd-dept-overall (本机安装)"
    _bump_version(template_copy)
    out = tmp_path / "导出"
    env = {**os.environ, "JXZP_TEMPLATES_PATH": str(template_copy.parent), "QT_QPA_PLATFORM": "offscreen"}
    draft = tmp_path / "草稿.json"
    draft.write_text((ROOT / "samples" / "gd-huadu-xinfang-2021.json").read_text(encoding="utf-8")
                     .replace('"version": "2021.1"', '"version": "9999.1"', 1)
                     .replace('"id": "gd-dept-overall"', '"id": "gd-dept-overall (本机安装)"', 1), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", str(draft), "--out", str(out)],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and "程序内部错误" not in proc.stderr, proc.stderr
    assert "沙箱" in proc.stderr or "安全" in proc.stderr, proc.stderr


def _bump_version(folder: Path) -> None:
    form = folder / "form.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace('version: "2021.1"', 'version: "9999.1"')
                    .replace("version: '2021.1'", "version: '9999.1'"), encoding="utf-8")
    assert "9999.1" in form.read_text(encoding="utf-8")

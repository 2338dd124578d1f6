"""Layout checks (`validate-template`): each fault gives a Chinese problem line, never a crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from exporters.docx_lint import lint_layout
from exporters.lint import HOSTILE, LAYOUT_CHECKS, hostile_draft, lint_layouts

ROOT = Path(__file__).resolve().parents[2]


def docx_problems(template) -> list[str]:
    return lint_layout(template, Path(template.folder) / "report.docx")


def test_shipped_word_layout_is_clean(gd_template):
    assert docx_problems(gd_template) == []


def test_tag_split_across_runs_is_reported(template_with_docx):
    template = template_with_docx(["本单位：{{ unit_", "name }}。"], keep_shipped=True)
    problems = docx_problems(template)
    assert len(problems) == 1
    assert "{{ unit_name }}" in problems[0] and "拆成了 2 段" in problems[0] and "（正文）" in problems[0]


def test_unclosed_tag_is_reported(template_with_docx):
    problems = docx_problems(template_with_docx("合计 {{ total|score"))
    assert any("未在同一段内闭合" in p for p in problems)


def test_unknown_variable_is_reported(template_with_docx):
    problems = docx_problems(template_with_docx("{{ unit_nmae }}", "{{ unit_name }}"))
    assert problems == ["report.docx：用到了渲染数据中没有的名称“unit_nmae” —— 检查拼写；"
                        "可用名称见 docs/render-context.md"]


def test_sandbox_escape_is_reported(template_with_docx):
    problems = docx_problems(template_with_docx("{{ cycler.__init__.__globals__ }}"))
    assert sum("安全沙箱禁止" in p for p in problems) == 2  # __init__ and __globals__
    assert any("“cycler”" in p for p in problems)  # not a name our context offers


def test_dict_method_slip_and_unknown_filter_are_reported(template_with_docx):
    problems = docx_problems(template_with_docx("{%p for it in signature.items %}", "{{ it.label }}",
                                                "{%p endfor %}", "{{ total|money2 }}"))
    assert any("signature.items" in p and "signature['items']" in p for p in problems)
    assert any("过滤器“money2”不存在" in p for p in problems)


def test_syntax_error_is_a_problem_line_with_the_place(template_with_docx):
    problems = docx_problems(template_with_docx("前一段", "{% if total %}", "后一段"))
    assert len(problems) == 1
    assert "标签语法错误" in problems[0] and "{% if total %}" in problems[0]


def test_layout_that_mangles_clerk_text_fails_the_hostile_render(template_with_docx):
    problems = docx_problems(template_with_docx("{{ unit_name|upper }}"))
    assert len(problems) == 1 and "找不到原样的文字" in problems[0]


def test_layout_that_cannot_render_fails_the_hostile_render(template_with_docx):
    problems = docx_problems(template_with_docx("{{ unit_name }}", "{{ total / 0 }}"))
    assert len(problems) == 1 and "试生成失败" in problems[0] and "{{ total / 0 }}" in problems[0]


def test_hostile_draft_fills_every_text(gd_template):
    draft = hostile_draft(gd_template)
    assert draft.fields["unit_name"] == HOSTILE and draft.sections["s_overview"] == HOSTILE
    assert draft.indicators["budget_diff"].note == HOSTILE and "year" not in draft.fields


def test_missing_layout_files_are_problem_lines(tmp_path):
    import shutil

    from core.registry import load_template
    folder = tmp_path / "bare"
    folder.mkdir()
    shutil.copy(ROOT / "templates" / "gd-dept-overall" / "form.yaml", folder)
    problems = lint_layouts(load_template(folder))
    assert [p.split("：")[0] for p in problems] == list(LAYOUT_CHECKS)
    assert all("缺少这个版式文件" in p for p in problems)


def test_validate_template_command_lists_word_problems(template_with_docx):
    template = template_with_docx("{{ unit_nmae }}", ["{{ to", "tal }}"])
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), "validate-template", template.folder],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 1, p.stdout + p.stderr
    assert "report.docx" in p.stdout and "unit_nmae" in p.stdout and "拆成了 2 段" in p.stdout
    assert "Traceback" not in p.stdout + p.stderr


def test_every_context_name_is_documented_for_template_authors(gd_template, sample_ctx):
    import re
    doc = (ROOT / "docs" / "render-context.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)", doc))
    field_ids = {f.id for g in gd_template.field_groups for f in g.fields}  # documented as a family
    assert set(sample_ctx) - field_ids - documented == set()
    row_keys = set(sample_ctx["indicator_rows"][0])
    assert {k for k in row_keys if f"r.{k}" not in doc} == set()

"""validate-template sees broken Excel and print layouts, not only Word ones."""

import shutil
from pathlib import Path

from core.registry import load_template
from exporters.lint import lint_layouts

GD = Path(__file__).resolve().parents[2] / "templates" / "gd-dept-overall"


def _copy(tmp_path) -> Path:
    folder = tmp_path / "gd"
    shutil.copytree(GD, folder)
    return folder


def test_shipped_layouts_pass():
    assert lint_layouts(load_template(GD)) == []


def test_corrupt_xlsx_is_a_problem_line(tmp_path):
    folder = _copy(tmp_path)
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    problems = lint_layouts(load_template(folder))
    assert [p for p in problems if p.startswith("table.xlsx：")]


def test_print_layout_with_a_typo_or_unescaped_text(tmp_path):
    folder = _copy(tmp_path)
    layout = folder / "print.html.j2"
    text = layout.read_text(encoding="utf-8")
    layout.write_text(text.replace("unit_name", "unit_nmae", 1), encoding="utf-8")
    assert [p for p in lint_layouts(load_template(folder)) if p.startswith("print.html.j2：")]
    layout.write_text("<p>{{ unit_name|safe }}</p>", encoding="utf-8")
    problems = [p for p in lint_layouts(load_template(folder)) if p.startswith("print.html.j2：")]
    assert problems and "原样" in problems[0]


def test_a_sandbox_escape_in_the_print_layout_is_refused(tmp_path):
    folder = _copy(tmp_path)
    (folder / "print.html.j2").write_text("{{ cycler.__init__.__globals__ }}", encoding="utf-8")
    problems = [p for p in lint_layouts(load_template(folder)) if p.startswith("print.html.j2：")]
    assert problems

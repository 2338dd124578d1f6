"""Hostile form.yaml: wrong types, missing keys, huge numbers, NaN, 10 MB
strings, deep nesting, alias bombs. load_template either returns a Template or
raises TemplateError whose every problem is Chinese; nothing else escapes, and
`main.py validate-template` answers without a traceback."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.commands import run
from cli.guard import guarded
from core.errors import TemplateError
from core.registry import load_template
from tests.reliability.hostile import all_paths, mutate, mutations

ROOT = Path(__file__).resolve().parents[2]
GD_FORM = (ROOT / "templates" / "gd-dept-overall" / "form.yaml").read_text(encoding="utf-8")
GD_DATA = yaml.safe_load(GD_FORM)
CJK = re.compile("[\u4e00-\u9fff]")
ENGLISH = re.compile(r"\b(Input|should|valid|required|Value error|Field|Extra inputs)\b")
FUZZ = settings(max_examples=int(os.environ.get("JXZP_FUZZ_EXAMPLES", "300")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

BILLION_LAUGHS = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

HOSTILE_FORMS = {
    "billion laughs": BILLION_LAUGHS,
    "alias in a real form": GD_FORM.replace("grades:\n", "grades: &g\n", 1) + "\nextra: *g\n",
    "10 MB string": "id: t\nname: " + "长" * (10 * 1024 * 1024 // 3) + "\nversion: '1'\n",
    "just under the cap": "id: t\nname: '" + "x" * (2 * 1024 * 1024 - 200) + "'\nversion: '1'\n",
    "deep nesting": "id: " + "[" * 50_000 + "]" * 50_000 + "\n",
    "deep mapping": "".join(" " * i + f"k{i}:\n" for i in range(3000)),
    "huge integer": "id: t\nname: x\nversion: '1'\nfull_marks: " + "9" * 5000 + "\n",
    "NaN weight": GD_FORM.replace("full_marks: 100", "full_marks: .nan"),
    "infinite weight": GD_FORM.replace("weight: 5\n", "weight: .inf\n", 1),
    "negative weight": GD_FORM.replace("weight: 5\n", "weight: -5\n", 1),
    "1e400 weight": GD_FORM.replace("weight: 5\n", "weight: 1.0e+400\n", 1),
    "python tag": "id: !!python/object/apply:os.system ['touch /tmp/jxzp-pwned']\n",
    "binary tag": "id: !!binary aGVsbG8=\nname: x\nversion: '1'\n",
    "date version": "id: t\nname: x\nversion: 2021-01-01\n",
    "list at top": "- id: t\n",
    "a number at top": "42\n",
    "empty": "",
    "only a comment": "# 空\n",
    "tabs": "id: t\n\tname: x\n",
    "unhashable key": "? [a]\n: b\n",
    "not utf-8": "id: 模板\n".encode("gbk"),
    "utf-16": "id: t\nname: 模板\n".encode("utf-16"),
    "nul bytes": b"id: t\x00\n",
    "bom": "\ufeff" + GD_FORM,
    "no indicators": "\n".join(ln for ln in GD_FORM.splitlines() if not ln.startswith("indicators")),
    "everything missing": "id: t\n",
    "wrong types everywhere": "id: [1]\nname: {a: 1}\nversion: 1.5\nfull_marks: abc\ngrades: 7\nfield_groups: x\n",
    "unknown rule": GD_FORM.replace("rule: {type: manual}", "rule: {type: eval, code: \"__import__('os')\"}"),
    "formula injection": GD_FORM.replace('formula: "actual / budget * 100"',
                                         'formula: "__import__(\'os\').system(\'touch /tmp/jxzp-pwned\')"'),
    "formula with attribute": GD_FORM.replace('formula: "actual / budget * 100"', 'formula: "actual.__class__"'),
    "formula power bomb": GD_FORM.replace('formula: "actual / budget * 100"', 'formula: "9 ** 9 ** 9 ** 9"'),
    "formula cycle": GD_FORM.replace('formula: "income_fiscal + income_other"', 'formula: "income_total + 1"'),
}


def _problems_ok(exc: TemplateError) -> None:
    assert exc.problems, "a TemplateError must name at least one problem"
    for p in exc.problems:
        text = f"{p.what} {p.fix}"
        assert CJK.search(p.what), p
        assert not ENGLISH.search(text), p


def _write(folder: Path, form) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = form if isinstance(form, bytes) else form.encode("utf-8", "surrogatepass")
    (folder / "form.yaml").write_bytes(data)


def _validate_command(folder: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = guarded(run, ["validate-template", str(folder)])
    return code, out.getvalue() + err.getvalue()


@pytest.mark.parametrize("name", sorted(HOSTILE_FORMS))
def test_hostile_forms(name, tmp_path):
    folder = tmp_path / "模板"
    _write(folder, HOSTILE_FORMS[name])
    try:
        load_template(folder)
    except TemplateError as exc:
        _problems_ok(exc)
    code, text = _validate_command(folder)
    assert code in (0, 1), text
    assert "Traceback" not in text and "程序内部错误" not in text, text
    assert not Path("/tmp/jxzp-pwned").exists()


def test_alias_bomb_is_refused_by_name(tmp_path):
    _write(tmp_path / "t", BILLION_LAUGHS)
    with pytest.raises(TemplateError) as info:
        load_template(tmp_path / "t")
    assert "别名" in str(info.value)


# -- hypothesis: mutate the real form ----------------------------------------------

ALL_PATHS = list(all_paths(GD_DATA))

yaml_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**20, max_value=10**300),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.sampled_from(["", "manual", "ratio", "deduct_per_point", "checklist", "bonus", "优", "100%", "-1",
                     "1e999", "NaN", "{{ 7*7 }}", "actual / budget", "actual / 0", "x" * 5000,
                     "income_total", "duty", "error", "warning", "=="]),
)
yaml_value = st.recursive(yaml_leaf, lambda kids: st.one_of(
    st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=12), kids, max_size=4)), max_leaves=10)

mutation_lists = mutations(ALL_PATHS, yaml_value, st.sampled_from(
    ["id", "weight", "rule", "children", "type", "formula", "extensible", "kind", "x", "items", "severity"]))


def apply(changes) -> str:
    return yaml.safe_dump(mutate(yaml.safe_load(GD_FORM), changes), allow_unicode=True, sort_keys=False)


@pytest.mark.slow
@FUZZ
@given(mutation_lists)
def test_mutated_form(tmp_path_factory, mutations):
    """Any mutation of the real form: a Template, or a TemplateError whose every
    problem is Chinese; then the sample's check runs on a template that loaded."""
    folder = tmp_path_factory.mktemp("form")
    _write(folder, apply(mutations))
    try:
        template = load_template(folder)
    except TemplateError as exc:
        _problems_ok(exc)
        return
    from core.draft import new_draft
    from core.evaluate import evaluate
    evaluate(template, new_draft(template))


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutation_lists)
def test_mutated_form_through_validate_template(tmp_path_factory, mutations):
    folder = tmp_path_factory.mktemp("form")
    _write(folder, apply(mutations))
    for layout in ("report.docx", "table.xlsx", "print.html.j2"):
        shutil.copy(ROOT / "templates" / "gd-dept-overall" / layout, folder / layout)
    code, text = _validate_command(folder)
    assert code in (0, 1), text
    assert "Traceback" not in text and "程序内部错误" not in text, text

"""A layout cannot keep the program busy or fill the memory: one budget per
render (per export of a layout, however many parts) counts loop iterations and
calls across nesting, limits call depth, the length of any string a filter,
operator, method or macro makes, the text written out and the wall clock. A
shipped layout uses a small fraction of it."""

import resource
import time
from pathlib import Path

import pytest
from jinja2.sandbox import SecurityError

from exporters import env as budget_module
from exporters.env import (MAX_DEPTH, MAX_LOOP_STEPS, MAX_OUTPUT, MAX_TEXT, environment, render_budget,
                           render_text)

ROOT = Path(__file__).resolve().parents[2]
BIG = "{% set s = 'x' * 100000 %}"

# name → (layout, the words the refusal must contain)
HOSTILE = {
    "nested loops over ranges": ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", "循环"),
    "nested loops over a string": ("{% for i in 'x'*100000 %}{% for j in 'x'*100000 %}{% endfor %}{% endfor %}", "循环"),
    "macro calling itself twice": ("{% macro f(n) %}{{ f(n) }}{{ f(n) }}{% endmacro %}{{ f(1) }}", "嵌套"),
    "macro tree 2**30": ("{% macro f(n) %}{% if n > 0 %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(30) }}",
                         "调用"),
    "printf width": ("{{ '%0999999999d' % 1 }}", "宽度"),
    "printf star width": ("{{ '%*d' % (999999999, 1) }}", "宽度"),
    "indent": ("{{ ('x\n' * 50000)|indent(99999) }}", "字符"),
    "replace": (BIG + "{{ s|replace('x', 'y' * 100) }}", "字符"),
    "str.replace": (BIG + "{{ s.replace('x', 'y' * 100) }}", "字符"),
    "join": (BIG + "{{ [s, s]|join('z' * 100000) }}|{{ range(90)|map('string')|join(s) }}", "字符"),
    "concat": (BIG + "{{ " + "~".join(["s"] * 90) + " }}", "字符"),
    "plus": (BIG + "{{ " + " + ".join(["s"] * 90) + " }}", "字符"),
    "loop output": (BIG + "{% for i in range(100000) %}{{ s }}{% endfor %}", "文字"),
    "set block of literal text": ("{% set s %}{% for i in range(100000) %}{% for j in range(9) %}" + "L" * 1000
                                  + "{% endfor %}{% endfor %}{% endset %}{{ s|length }}", "文字"),
    "doubling macro": ("{% macro m(k) %}{% if k %}{{ m(k-1) }}{{ m(k-1) }}{% else %}{{ 'x'*100000 }}{% endif %}"
                       "{% endmacro %}{{ m(25) }}", "文字"),
    "str.center": ("{{ 'x'.center(10**9) }}", "参数"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_layout_is_refused_quickly_and_small(name):
    source, words = HOSTILE[name]
    start = time.monotonic()
    with pytest.raises(SecurityError) as exc:
        render_text(source, {})
    assert words in str(exc.value), str(exc.value)
    assert time.monotonic() - start < budget_module.MAX_SECONDS + 2  # a guard against a hang, not a speed test
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1_500_000  # KB: nothing near gigabytes


def test_the_wall_clock_stops_a_render(monkeypatch):
    monkeypatch.setattr(budget_module, "MAX_SECONDS", 0.0)
    with pytest.raises(SecurityError, match="秒"):
        render_text("{% for i in range(10) %}{{ i }}{% endfor %}", {})


def test_each_render_gets_a_fresh_budget_and_loops_share_one():
    # about 300,000 steps: fits one budget, but two renders together would not
    source = "{% for k in range(6) %}{% for i in range(50000) %}{% endfor %}{% endfor %}ok"
    assert 300_000 < MAX_LOOP_STEPS < 600_000
    assert render_text(source, {}) == "ok"
    assert render_text(source, {}) == "ok"   # a fresh budget, not what the first render left
    with render_budget():                    # ... unless both run inside one export
        render_text(source, {})
        with pytest.raises(SecurityError):
            render_text(source, {})
    assert environment(autoescape=True).from_string("{% for i in range(3) %}{{ i }}{% endfor %}").render() == "012"


@pytest.mark.parametrize("source", ["{{ 'x'.ljust(10**10) }}", "{{ 'x'.center(10**9) }}", "{{ '7'.zfill(10**9) }}",
                                    "{{ '{:>9999999999}'.format('x') }}"])
def test_string_methods_cannot_allocate_gigabytes(source):
    with pytest.raises(SecurityError):
        render_text(source, {})


def test_ordinary_layout_work_still_works():
    assert render_text("{{ 'a'.ljust(3) }}|{{ '7'.zfill(3) }}|{{ 'ab'.upper() }}", {}) == "a  |007|AB"
    assert render_text("{{ '%05.1f' % 3.14159 }}|{{ 'a\nb'|indent(2) }}|{{ ['a','b']|join('、') }}|"
                       "{{ 'x' ~ 1 ~ 'y' }}|{{ 'ab'|replace('a', 'cc') }}|{{ 'a' + 'b' }}", {}) == \
        "003.1|a\n  b|a、b|x1y|ccb|ab"
    macro = "{% macro row(n) %}[{{ n }}]{% endmacro %}{% for i in range(3) %}{{ row(i) }}{% endfor %}"
    assert render_text(macro, {}) == "[0][1][2]"


def test_autoescape_still_escapes_a_concatenation():
    env = environment(autoescape=True)
    assert env.from_string("{{ a ~ '<b>' }}").render(a="&") == "&amp;&lt;b&gt;"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_shipped_template_uses_a_small_fraction_of_the_budget(fmt):
    from core.registry import load_template
    from core.store import read_draft
    from exporters.api import export_bytes

    for sample in sorted((ROOT / "samples").glob("*.json")):
        draft = read_draft(sample)
        template = load_template(ROOT / "templates" / draft.template.id)
        with render_budget() as used:
            export_bytes(fmt, template, draft)
        assert used.steps < MAX_LOOP_STEPS / 100, (sample.name, used.steps)
        assert used.chars < MAX_OUTPUT / 100, (sample.name, used.chars)
        assert used.deepest < MAX_DEPTH / 4
        assert used.steps > 0 and used.chars > 0, "the budget counted nothing: it is not wired in"


def test_one_string_cap_is_far_above_a_long_report():
    # a 100,000-character paragraph (tests/reliability/hostile.py) written ten times over still fits
    assert MAX_TEXT > 10 * 100_000 * 2

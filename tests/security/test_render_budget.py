"""A layout cannot keep the program busy for hours: nested loops share one budget per render."""

import time

import pytest
from jinja2.sandbox import SecurityError

from exporters.env import MAX_LOOP_STEPS, environment, render_text


def test_nested_loops_stop_at_the_budget_quickly():
    source = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
    start = time.monotonic()
    with pytest.raises(SecurityError):
        render_text(source, {})
    assert time.monotonic() - start < 30  # a guard against a hang, not a speed test


def test_each_render_gets_a_fresh_budget_and_real_layouts_fit():
    # about 600,000 steps: fits one budget, but two renders together would not
    source = "{% for k in range(6) %}{% for i in range(100000) %}{% endfor %}{% endfor %}ok"
    assert 600_000 < MAX_LOOP_STEPS < 1_200_000
    assert render_text(source, {}) == "ok"
    assert render_text(source, {}) == "ok"   # a fresh budget, not what the first render left
    assert environment(autoescape=True).from_string("{% for i in range(3) %}{{ i }}{% endfor %}").render() == "012"


@pytest.mark.parametrize("source", ["{{ 'x'.ljust(10**10) }}", "{{ 'x'.center(10**9) }}", "{{ '7'.zfill(10**9) }}",
                                    "{{ '{:>9999999999}'.format('x') }}"])
def test_string_methods_cannot_allocate_gigabytes(source):
    with pytest.raises(SecurityError):
        render_text(source, {})


def test_ordinary_string_methods_still_work():
    assert render_text("{{ 'a'.ljust(3) }}|{{ '7'.zfill(3) }}|{{ 'ab'.upper() }}", {}) == "a  |007|AB"

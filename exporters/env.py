"""The one Jinja2 environment: sandboxed, strict about undefined names, and
with every filter registered explicitly. Templates come from outside (a
finance bureau's folder on a USB stick), so nothing else is exposed."""

from __future__ import annotations

import threading
from decimal import Decimal
from functools import lru_cache

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment, SecurityError

from core.format import cn_number, money, num, pct, pct1, score

def _blank_none(value):
    """An empty field prints as nothing, never as the word "None"."""
    return "" if value is None else value


FILTERS = {"money": money, "pct": pct, "pct1": pct1, "score": score, "num": num, "cn": cn_number}


MAX_POWER_BITS = 4096          # 2**4096: far beyond any figure, computed instantly
MAX_REPEAT = 100_000           # characters/items from "text" * n


MAX_LOOP_STEPS = 1_000_000  # range() steps in one render: far beyond any real layout
_budget = threading.local()


class _BudgetedTemplate(Template):
    """Each render gets a fresh loop budget: range() alone is capped per call, so
    nested loops ({% for i in range(99999) %}{% for j in range(99999) %}) would
    otherwise run for hours inside the sandbox."""

    def render(self, *args, **kwargs):
        _budget.left = MAX_LOOP_STEPS
        return super().render(*args, **kwargs)


def _budgeted_range(*args):
    steps = range(*args)
    if len(steps) > MAX_RANGE:
        raise SecurityError(f"range 超过 {MAX_RANGE} 项，已拒绝")
    _budget.left = getattr(_budget, "left", MAX_LOOP_STEPS) - len(steps)
    if _budget.left < 0:
        raise SecurityError(f"版式中的循环次数超过 {MAX_LOOP_STEPS}，已停止生成")
    return steps


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with ** and * intercepted. Jinja folds constant expressions
    while compiling, so without this a layout or title holding
    {{ 7**(10**10) }} hangs the program before anything renders, and
    {{ 'x' * 10**10 }} fills the memory."""

    intercepted_binops = frozenset({"**", "*"})
    template_class = _BudgetedTemplate

    def wrap_str_format(self, value):
        return None  # Jinja would hand out a sandboxed str.format; refused below instead

    def is_safe_attribute(self, obj, attr, value):
        # str.format's width ("{:>9999999999}") builds any size of string; no layout needs it
        if isinstance(obj, str) and attr in ("format", "format_map"):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        # 'x'.ljust(10**10) and the like: a width or count beyond MAX_REPEAT is refused
        if isinstance(getattr(__obj, "__self__", None), str) and any(
                isinstance(a, int) and not isinstance(a, bool) and a > MAX_REPEAT for a in (*args, *kwargs.values())):
            raise SecurityError(f"参数超过 {MAX_REPEAT}，已拒绝计算")
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, operator, left, right):
        if operator == "**" and _too_big_power(left, right):
            raise SecurityError("乘方结果过大，已拒绝计算")
        if operator == "*" and _too_long_repeat(left, right):
            raise SecurityError(f"重复后的文字或列表超过 {MAX_REPEAT} 项，已拒绝计算")
        return super().call_binop(context, operator, left, right)


def _too_big_power(base, exponent) -> bool:
    if not isinstance(exponent, (int, float, Decimal)) or isinstance(exponent, bool):
        return False
    if isinstance(base, int) and not isinstance(base, bool):
        return abs(exponent) > 64 and abs(base) > 1 or max(base.bit_length(), 1) * abs(exponent) > MAX_POWER_BITS
    return abs(exponent) > MAX_POWER_BITS


def _too_long_repeat(left, right) -> bool:
    for seq, n in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and not isinstance(n, bool):
            return len(seq) * n > MAX_REPEAT
    return False


@lru_cache(maxsize=2)
def environment(autoescape: bool = False) -> ImmutableSandboxedEnvironment:
    """Built here and only here. Word layouts need autoescape (XML); plain text
    (starter texts, titles, Qt's HTML is escaped by the print layout) does not.
    Two cached instances, so docxtpl switching autoescape on never leaks."""
    env = BoundedSandbox(undefined=StrictUndefined, autoescape=autoescape,
                                        keep_trailing_newline=False, finalize=_blank_none)
    env.filters = {name: env.filters[name] for name in ("length", "join", "default", "first", "last",
                                                         "replace", "trim", "upper", "lower", "round",
                                                         "int", "string", "batch", "list", "sum", "safe",
                                                         "e", "escape", "abs", "selectattr", "rejectattr",
                                                         "map", "truncate", "indent")}
    env.filters.update(FILTERS)
    env.globals = {"range": _budgeted_range}
    return env


def render_text(source: str, context: dict) -> str:
    """Render a short text template (a starter text, a title) in the sandbox."""
    return environment().from_string(source).render(context)

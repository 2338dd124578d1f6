"""The one Jinja2 environment: sandboxed, strict about undefined names, and
with every filter registered explicitly. Templates come from outside (a
finance bureau's folder on a USB stick), so nothing else is exposed."""

from __future__ import annotations

import functools
import re
import threading
import time
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache

from jinja2 import StrictUndefined, Template, nodes
from jinja2.runtime import Macro, markup_join, str_join
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import _PassArg, pass_eval_context

from core.format import cn_number, money, num, pct, pct1, score

def _blank_none(value):
    """An empty field prints as nothing, never as the word "None"."""
    return "" if value is None else value


FILTERS = {"money": money, "pct": pct, "pct1": pct1, "score": score, "num": num, "cn": cn_number}


MAX_POWER_BITS = 4096          # 2**4096: far beyond any figure, computed instantly
MAX_REPEAT = 100_000           # characters/items from "text" * n, a width or a count

# -- the render budget ------------------------------------------------------------
# One export (or one validate-template check) of one layout shares one budget,
# however many parts and nested loops, macros or templates it renders. A shipped
# layout uses well under 1 % of it (tests/security/test_render_budget.py).
MAX_LOOP_STEPS = 500_000       # loop iterations and calls (macros, methods) together
MACRO_STEPS = 5                # a macro call costs as much as five loop steps (it is ~10 µs)
MAX_DEPTH = 40                 # calls inside calls: a macro calling itself
MAX_TEXT = 8_000_000           # characters in any one string a filter, operator or macro makes
MAX_OUTPUT = 32_000_000        # characters written out, counted where they are made
MAX_SECONDS = 6.0              # wall clock, checked at every step


class Budget:
    """What one render has used; refuses (SecurityError, in Chinese) past any limit."""

    def __init__(self):
        self.steps = self.chars = self.depth = self.deepest = 0
        self.started = time.monotonic()

    def step(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > MAX_LOOP_STEPS:
            raise SecurityError(f"版式中的循环和调用次数超过 {MAX_LOOP_STEPS}，已停止生成")
        self._clock()

    def text(self, n: int) -> None:
        self.chars += n
        if self.chars > MAX_OUTPUT:
            raise SecurityError(f"版式生成的文字超过 {MAX_OUTPUT} 个字符，已停止生成")
        self._clock()

    def _clock(self) -> None:
        if time.monotonic() - self.started > MAX_SECONDS:
            raise SecurityError(f"版式生成超过 {MAX_SECONDS:g} 秒，已停止生成")

    def seconds(self) -> float:
        return time.monotonic() - self.started


_local = threading.local()


@contextmanager
def render_budget():
    """One budget for everything rendered inside (a Word export renders body,
    headers, footers and properties; they share it). Nested: the outer one counts."""
    outer = getattr(_local, "budget", None)
    if outer is not None:
        yield outer
        return
    _local.budget = budget = Budget()
    try:
        yield budget
    finally:
        _local.budget = None


def _budget() -> Budget | None:
    return getattr(_local, "budget", None)


def _long(n: int, what: str = "文字") -> None:
    if n > MAX_TEXT:
        raise SecurityError(f"生成的{what}超过 {MAX_TEXT} 个字符，已拒绝计算")


def _size(value) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


class _BudgetedTemplate(Template):
    """Each render runs inside a budget: a fresh one unless an export already opened one."""

    def render(self, *args, **kwargs):
        with render_budget():
            return super().render(*args, **kwargs)


def _budgeted_range(*args):
    steps = range(*args)
    if len(steps) > MAX_RANGE:
        raise SecurityError(f"range 超过 {MAX_RANGE} 项，已拒绝")
    return steps


def _steps(iterable, literal: int = 0):
    """A loop's items, each charged one step plus the loop body's fixed text."""
    budget = _budget()
    if budget is None:
        yield from iterable
        return
    for item in iterable:
        budget.step()
        if literal:
            budget.text(literal)
        yield item


@pass_eval_context
def _concat(eval_ctx, values):
    """`a ~ b ~ c`, its length checked before it is built."""
    values = list(values)
    _long(sum(len(str(v)) for v in values))
    return (markup_join if eval_ctx.autoescape else str_join)(values)


_WIDTHS = re.compile(r"%[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _format_too_wide(fmt: str) -> bool:
    """'%0999999999d' % 1: a width or precision from the layout builds any size of string."""
    for m in _WIDTHS.finditer(fmt):
        for part in m.groups():
            if part == "*" or part and int(part) > MAX_REPEAT:
                return True
    return False


def _checked_filter(name, func):
    """A filter whose result can be sized before it is made is checked before; every
    result is checked after (no single filter result beyond MAX_TEXT)."""
    passes_first = _PassArg.from_obj(func) is not None   # context / eval context / environment first

    @functools.wraps(func)
    def run(*args, **kwargs):
        plain = list(args[1:] if passes_first else args)
        if name == "indent" and plain:
            width = kwargs.get("width", plain[1] if len(plain) > 1 else 4)
            width = len(width) if isinstance(width, str) else int(width) if isinstance(width, int) else 4
            _long(len(str(plain[0])) + max(width, 0) * (str(plain[0]).count("\n") + 1))
        elif name == "replace" and len(plain) >= 3:
            text, old, new = (str(x) for x in plain[:3])
            grow = len(new) - len(old)
            if grow > 0:
                _long(len(text) + grow * (text.count(old) if old else len(text) + 1))
        elif name == "join" and plain:
            items = list(plain[0]) if not isinstance(plain[0], (str, list, tuple)) else plain[0]
            sep = kwargs.get("d", plain[1] if len(plain) > 1 else "")
            _long(sum(len(str(x)) for x in items) + len(str(sep)) * len(items))
            args = tuple(items if a is plain[0] else a for a in args)
        result = func(*args, **kwargs)
        _long(_size(result) if isinstance(result, str) else 0)
        return result
    return run


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with a budget that holds. Jinja folds constant expressions
    while compiling, so ** * % and + are intercepted: without this a layout or
    title holding {{ 7**(10**10) }} hangs the program before anything renders,
    and {{ 'x' * 10**10 }} or {{ '%0999999999d' % 1 }} fills the memory. Every
    loop is charged per item and every call per call (core of the step budget),
    every value written is counted, and no filter, operator, method or macro
    may make a string longer than MAX_TEXT."""

    intercepted_binops = frozenset({"**", "*", "%", "+"})
    template_class = _BudgetedTemplate

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):   # charge each iteration, with the body's fixed text
            literal = sum(len(d.data) for d in loop.find_all(nodes.TemplateData))
            loop.iter = nodes.Filter(loop.iter, "_steps", [nodes.Const(literal)], [], None, None, lineno=loop.lineno)
        for concat in list(tree.find_all(nodes.Concat)):
            concat.nodes = [nodes.Filter(nodes.List(list(concat.nodes)), "_concat", [], [], None, None,
                                         lineno=concat.lineno)]
        return tree

    def wrap_str_format(self, value):
        return None  # Jinja would hand out a sandboxed str.format; refused below instead

    def is_safe_attribute(self, obj, attr, value):
        # str.format's width ("{:>9999999999}") builds any size of string; no layout needs it
        if isinstance(obj, str) and attr in ("format", "format_map"):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            # 'x'.ljust(10**10) and the like: a width or count beyond MAX_REPEAT is refused
            if any(isinstance(a, int) and not isinstance(a, bool) and a > MAX_REPEAT
                   for a in (*args, *kwargs.values())):
                raise SecurityError(f"参数超过 {MAX_REPEAT}，已拒绝计算")
            name = getattr(__obj, "__name__", "")
            if name == "replace" and len(args) >= 2 and len(str(args[1])) > len(str(args[0])):
                _long(len(owner) + (len(str(args[1])) - len(str(args[0]))) * (owner.count(str(args[0])) or 1))
            elif name == "join" and args:
                items = list(args[0])
                _long(sum(len(str(x)) for x in items) + len(owner) * len(items))
                args = (items, *args[1:])
        budget = _budget()
        if budget is None:
            return super().call(__context, __obj, *args, **kwargs)
        budget.step(MACRO_STEPS if isinstance(__obj, Macro) else 1)
        budget.depth += 1
        budget.deepest = max(budget.deepest, budget.depth)
        try:
            if budget.depth > MAX_DEPTH:
                raise SecurityError(f"版式中的宏或调用嵌套超过 {MAX_DEPTH} 层（宏调用了自己？），已停止生成")
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.depth -= 1
        if isinstance(result, str):
            _long(len(result))
            budget.text(len(result))
        return result

    def call_binop(self, context, operator, left, right):
        if operator == "**" and _too_big_power(left, right):
            raise SecurityError("乘方结果过大，已拒绝计算")
        if operator == "*" and _too_long_repeat(left, right):
            raise SecurityError(f"重复后的文字或列表超过 {MAX_REPEAT} 项，已拒绝计算")
        if operator == "%" and isinstance(left, str):
            if _format_too_wide(left):
                raise SecurityError(f"格式中的宽度或精度超过 {MAX_REPEAT}，已拒绝计算")
            _long(len(left) + sum(len(str(x)) for x in (right if isinstance(right, tuple) else (right,))))
        if operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            _long(len(left) + len(right))
        return super().call_binop(context, operator, left, right)


def _counted(value):
    """finalize: every value a layout writes out, wherever (a macro, a loop, a set block)."""
    value = _blank_none(value)
    budget = _budget()
    if budget is not None and isinstance(value, str):
        budget.text(len(value))
    return value


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
                         keep_trailing_newline=False, finalize=_counted)
    env.filters = {name: env.filters[name] for name in ("length", "join", "default", "first", "last",
                                                         "replace", "trim", "upper", "lower", "round",
                                                         "int", "string", "batch", "list", "sum", "safe",
                                                         "e", "escape", "abs", "selectattr", "rejectattr",
                                                         "map", "truncate", "indent")}
    env.filters.update(FILTERS)
    env.filters = {name: _checked_filter(name, f) for name, f in env.filters.items()}
    env.filters.update({"_steps": _steps, "_concat": _concat})
    env.globals = {"range": _budgeted_range}
    return env


def render_text(source: str, context: dict) -> str:
    """Render a short text template (a starter text, a title) in the sandbox."""
    return environment().from_string(source).render(context)

"""Formulas in form.yaml (computed fields, grid rows/columns, checks), evaluated
safely with simpleeval over Decimals. Never `eval`.

Names are field ids or dotted grid cells (`spending.total.actual`). An empty
or missing input makes the result None (shown as "—"), and so does a division
by zero: a rate over a zero budget is not a number.
"""

from __future__ import annotations

import ast
import operator
import threading
from decimal import Decimal
from typing import Callable, Mapping

from simpleeval import SimpleEval

_FUNCS = {"min": min, "max": max, "abs": abs}
_ALLOWED_NODES = (
    ast.Expression, ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp, ast.Name, ast.Attribute,
    ast.Constant, ast.Call, ast.Load, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.And, ast.Or, ast.IfExp,
)


_local = threading.local()


class FormulaError(ValueError):
    """A formula that cannot be parsed or uses something not allowed (message in Chinese)."""


def _none_safe(op: Callable) -> Callable:
    def apply(a, b):
        if a is None or b is None:
            return None
        return op(a, b)
    return apply


def _divide(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def _neg(a):
    return None if a is None else -a


class _DecimalEval(SimpleEval):
    def __init__(self):
        super().__init__(functions=dict(_FUNCS))
        self.operators = {
            ast.Add: _none_safe(operator.add), ast.Sub: _none_safe(operator.sub),
            ast.Mult: _none_safe(operator.mul), ast.Div: _divide,
            ast.USub: _neg, ast.UAdd: lambda a: a,
            ast.Eq: _none_safe(operator.eq), ast.NotEq: _none_safe(operator.ne),
            ast.Lt: _none_safe(operator.lt), ast.LtE: _none_safe(operator.le),
            ast.Gt: _none_safe(operator.gt), ast.GtE: _none_safe(operator.ge),
        }

    def _eval_constant(self, node):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise FormulaError(f"公式中只能使用数字常量，不能使用“{value!r}”")
        return Decimal(str(value))

    def _eval_name(self, node):
        return self.values.get(node.id)

    def _eval_attribute(self, node):
        # Dotted names are whole keys (grid cells), never attribute access.
        return self.values.get(_dotted(node))

    def _eval_call(self, node):
        args = [self._eval(a) for a in node.args]
        if any(a is None for a in args):
            return None
        return super()._eval_call(node)


class Formula:
    """A parsed formula: its source, the names it reads, and a way to evaluate it."""

    __slots__ = ("source", "names", "_tree")

    def __init__(self, source: str):
        self.source = str(source)
        _bounded(self.source)
        try:
            tree = ast.parse(self.source.strip(), mode="eval")
        except SyntaxError as exc:
            raise FormulaError(f"公式“{self.source}”写法有误（第 {exc.offset or 1} 个字符附近）") from None
        except (MemoryError, RecursionError):  # Python's parser gives up on deep nesting
            raise FormulaError(f"公式“{self.source[:40]}…”嵌套过深") from None
        names: list[str] = []
        for node in ast.walk(tree):
            if not isinstance(node, _ALLOWED_NODES):
                raise FormulaError(f"公式“{self.source}”使用了不允许的写法（{type(node).__name__}）")
            if isinstance(node, ast.Constant) and (isinstance(node.value, bool)
                                                   or not isinstance(node.value, (int, float))):
                raise FormulaError(f"公式“{self.source}”中只能使用数字常量，不能使用“{node.value!r}”")
            if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in _FUNCS):
                raise FormulaError(f"公式“{self.source}”只能调用 min、max、abs")
        _collect_names(tree.body, names)
        for name in names:
            _check_name(name, self.source)
        self.names = tuple(dict.fromkeys(names))
        self._tree = tree.body

    def evaluate(self, values: Mapping[str, Decimal | None]) -> Decimal | None:
        ev = getattr(_local, "evaluator", None)
        if ev is None:  # one per thread: building one costs more than evaluating
            ev = _local.evaluator = _DecimalEval()
        ev.values = values
        result = ev.eval(self.source, previously_parsed=self._tree)
        if isinstance(result, bool):
            return Decimal(1) if result else Decimal(0)
        return result

    def rename(self, mapping: Callable[[str], str]) -> "Formula":
        """The same formula over other names (grid row formulas → one cell per column).
        Only names change, so the checks this formula passed still hold: the renamed tree is
        kept as it is, not printed and parsed again (build_plan makes one per grid cell)."""
        tree = _Renamer(mapping).visit(ast.parse(self.source.strip(), mode="eval"))
        names: list[str] = []
        _collect_names(tree.body, names)
        source = ast.unparse(tree)
        for name in names:
            _check_name(name, source)
        renamed = Formula.__new__(Formula)
        renamed.source, renamed.names, renamed._tree = source, tuple(dict.fromkeys(names)), tree.body
        return renamed


MAX_FORMULA_CHARS = 2000   # a real formula is a line: a.b.c + d.e.f - …
MAX_FORMULA_DEPTH = 30     # brackets and signs inside one another


def _bounded(source: str) -> None:
    """Refuse, before Python's parser sees it, a formula it could choke on:
    50,000 minus signs or brackets make ast.parse raise MemoryError."""
    if len(source) > MAX_FORMULA_CHARS:
        raise FormulaError(f"公式过长（{len(source)} 个字符，最多 {MAX_FORMULA_CHARS}）")
    depth = deepest = signs = 0
    for ch in source:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch in "+-":
            signs += 1
        elif not ch.isspace():
            signs = 0
        deepest = max(deepest, depth + signs)
    if deepest > MAX_FORMULA_DEPTH:
        raise FormulaError(f"公式“{source[:40]}”中括号或正负号嵌套超过 {MAX_FORMULA_DEPTH} 层")


def _check_name(name: str, source: str) -> None:
    if any(not part or part.startswith("_") for part in name.split(".")):
        raise FormulaError(f"公式“{source}”中的名称“{name}”不允许以下划线开头")


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return f"{head}.{node.attr}" if head else None
    return None


def _collect_names(node: ast.AST, out: list[str]) -> None:
    if isinstance(node, ast.Call):
        for arg in node.args:
            _collect_names(arg, out)
        return
    name = _dotted(node)
    if name is not None:
        out.append(name)
        return
    for child in ast.iter_child_nodes(node):
        _collect_names(child, out)


class _Renamer(ast.NodeTransformer):
    def __init__(self, mapping):
        self.mapping = mapping

    def visit_Call(self, node):
        node.args = [self.visit(a) for a in node.args]
        return node

    def visit_Name(self, node):
        return _name_node(self.mapping(node.id))

    def visit_Attribute(self, node):
        dotted = _dotted(node)
        return _name_node(self.mapping(dotted)) if dotted else node


def _name_node(dotted: str) -> ast.AST:
    parts = dotted.split(".")
    node: ast.AST = ast.Name(id=parts[0], ctx=ast.Load())
    for part in parts[1:]:
        node = ast.Attribute(value=node, attr=part, ctx=ast.Load())
    return node

"""Errors the core raises, each carrying a message a clerk or template author can act on."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a template: where it is, what is wrong, how to fix it."""

    code: str
    where: str
    what: str
    fix: str = ""

    def __str__(self) -> str:
        tail = f" —— {self.fix}" if self.fix else ""
        return f"{self.where}：{self.what}{tail}"


class TemplateError(Exception):
    """A template folder that cannot be used; carries every problem found, not just the first."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(f"模板 {source} 有 {len(problems)} 处问题：\n" + "\n".join(f"  {p}" for p in problems))


_CONTROL = "[\x00-\x1f\x7f-\x9f\u2028\u2029]"  # compiled by re on first use, not at start-up


def one_line(text: str) -> str:
    """Text from a file (a key, a version, a path) quoted in a message: control
    characters and line breaks shown as \\x1e, so the message stays one line."""
    return re.sub(_CONTROL, lambda m: repr(m.group())[1:-1], str(text))


class DraftError(Exception):
    """A draft file that cannot be opened; the message names the file and says why."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = one_line(reason)
        super().__init__(f"无法打开草稿“{one_line(path)}”：{self.reason}")


class SaveError(Exception):
    """A save that did not happen; the clerk's draft in memory and the journal are intact."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"未能保存到“{path}”：{reason}。内存中的内容和自动保存都还在，可以另存到其他位置。")


# core/schema.py error types (pydantic's names) → Chinese, for template and draft files written by hand.
SCHEMA_MESSAGES = {
    "missing": ("缺少必填项", "请补上这一项"),
    "extra_forbidden": ("不认识的键", "检查拼写，或删除这一项"),
    "string_type": ("应为文字", "用引号括起来"),
    "decimal_parsing": ("应为数字", "写成 15 或 26.9 这样的数字"),
    "decimal_type": ("应为数字", "写成 15 或 26.9 这样的数字"),
    "int_parsing": ("应为整数", "写成 2021 这样的整数"),
    "int_type": ("应为整数", "写成 2021 这样的整数"),
    "list_type": ("应为列表", "用“- ”开头逐项列出"),
    "dict_type": ("应为键值对", "写成“键: 值”的形式"),
    "model_type": ("应为键值对", "写成“键: 值”的形式"),
    "literal_error": ("取值不在允许范围内", "改为允许的取值之一"),
    "bool_type": ("应为 true 或 false", "改为 true 或 false"),
    "bool_parsing": ("应为 true 或 false", "改为 true 或 false"),
    "finite_number": ("不能是无穷大或 NaN", "写一个普通数字"),
    "string_too_long": ("文字过长", "缩短这一项"),
    "too_long": ("项目过多", "减少项目数量"),
    "value_error": ("取值有误", ""),
    # bounds: {ge} etc. come from the error's ctx
    "greater_than_equal": ("不能小于 {ge}", "改为不小于 {ge} 的数"),
    "greater_than": ("应大于 {gt}", "改为大于 {gt} 的数"),
    "less_than_equal": ("不能大于 {le}", "改为不大于 {le} 的数"),
    "less_than": ("应小于 {lt}", "改为小于 {lt} 的数"),
    "string_too_short": ("文字过短", "补全这一项"),
    "too_short": ("项目过少", "补上至少一项"),
    "float_parsing": ("应为数字", "写成 15 或 26.9 这样的数字"),
    "float_type": ("应为数字", "写成 15 或 26.9 这样的数字"),
    "int_from_float": ("应为整数，不能有小数", "写成 2021 这样的整数"),
    "decimal_max_digits": ("数字过大或位数过多", "检查这个数字"),
    "decimal_max_places": ("小数位过多", "减少小数位"),
    "decimal_whole_digits": ("数字位数过多", "检查这个数字"),
    "string_pattern_mismatch": ("格式不对", "参照示例模板的写法"),
    "enum": ("取值不在允许范围内", "改为允许的取值之一"),
    "date_type": ("应为日期", "写成 2021-12-31"),
    "date_parsing": ("应为日期", "写成 2021-12-31"),
    "bytes_type": ("应为文字", "用引号括起来"),
    "none_required": ("这里不应填写内容", "删除这一项"),
    "frozen_instance": ("不能修改", ""),
    "recursion_loop": ("嵌套层次过深或循环引用", "减少嵌套"),
}


class _Blank(dict):
    def __missing__(self, key):
        return "？"


def location(loc: tuple) -> str:
    """('indicators', 2, 'children', 0, 'weight') → 'indicators[2].children[0].weight'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "（文件顶层）"


def problems_from_schema(exc, prefix: str = "") -> list[Problem]:
    problems = []
    for err in exc.errors():
        # an error type not in the table still reads in Chinese, naming the type for the curious
        what, fix = SCHEMA_MESSAGES.get(err["type"], (f"取值有误（{err['type']}）", "参照示例模板的写法"))
        ctx = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
        if "{" in what:
            what, fix = what.format_map(_Blank(ctx)), fix.format_map(_Blank(ctx))
        if err["type"] in ("value_error", "assertion_error"):
            what = str(err.get("ctx", {}).get("error", err.get("msg", what)))
        if err["type"] == "literal_error":
            fix = f"允许的取值：{err.get('ctx', {}).get('expected', '')}"
        where = location(tuple(err["loc"]))
        problems.append(Problem("schema." + err["type"], f"{prefix}{where}" if prefix else where, what, fix))
    return problems

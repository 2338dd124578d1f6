"""argparse in Chinese: its help headings and error messages.

argparse looks its words up through `argparse._` (gettext) each time it needs
one, so a table swapped in while the command line is built and parsed turns
every message Chinese without copying argparse. An error is one Chinese line
plus one line saying what to type instead; never "usage:" or "error:".
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from contextlib import contextmanager

WORDS = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本说明后退出",
    "show program's version number and exit": "显示程序版本后退出",
    "the following arguments are required: %s": "缺少必填参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s %(message)s",
    "expected one argument": "后面应跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面至少跟一个值",
    "invalid choice: %(value)r (choose from %(choices)s)": "不能是 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "ignored explicit argument %r": "不接受值 %r",
    "one of the arguments %s is required": "%s 必须选一个",
    "unexpected option string: %s": "无法识别的选项：%s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：%(message)s\n",
    "expected %s argument": "后面应跟 %s 个值",
    "expected %s arguments": "后面应跟 %s 个值",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知命令 %(parser_name)s；可用命令：%(choices)s",
}


def translate(message):
    return WORDS.get(message, message) if isinstance(message, str) else message


def ntranslate(singular, plural, n):
    return translate(singular if n == 1 else plural)


@contextmanager
def chinese():
    """argparse speaks Chinese inside this block (the command line is one short process;
    the swap is undone afterwards so a test process's own argparse is left alone)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = translate, ntranslate
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def _wide(text: str) -> str:
    """A Chinese character takes two columns on a terminal but counts one in argparse's
    arithmetic: a NUL after each makes the counts match; format_help removes them."""
    return "".join(c + "\0" if unicodedata.east_asian_width(c) in "WF" else c for c in text)


class HelpFormatter(argparse.HelpFormatter):
    """Columns lined up for Chinese text, headings ending in a Chinese colon."""

    def __init__(self, prog):
        super().__init__(prog, max_help_position=30)

    def _format_action_invocation(self, action):
        return _wide(super()._format_action_invocation(action))

    def _expand_help(self, action):
        return _wide(super()._expand_help(action))

    def _format_text(self, text):
        return super()._format_text(_wide(text))

    def format_help(self) -> str:
        text = super().format_help().replace("\0", "")
        return re.sub(r"^(\S.*):$", r"\1：", text, flags=re.M)   # argparse ends a heading with ':'


class Parser(argparse.ArgumentParser):
    """Chinese help (-h/--help with a Chinese line) and Chinese errors (exit 2)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="显示本说明后退出")

    def error(self, message: str):
        usage = self.format_usage().strip()
        usage = usage[len("用法："):] if usage.startswith("用法：") else usage
        print(f"{self.prog}：{_chinese_names(message)}", file=sys.stderr)
        print(f"请输入：{usage}（{self.prog} --help 查看说明）", file=sys.stderr)
        sys.exit(2)


def _chinese_names(message: str) -> str:
    """'--out' stays as typed; argparse's 'a/b' joiner and quotes read as Chinese lists."""
    return re.sub(r"'([^']*)'", r"“\1”", message).replace(", ", "、")

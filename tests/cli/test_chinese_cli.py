"""The command line speaks Chinese: help, argparse's own errors, unknown commands, --version."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cli.commands import build_parser, command_names, run
from cli.zh import chinese
from core import PROGRAM_VERSION

ROOT = Path(__file__).resolve().parents[2]
# What may stay Latin: the program's and the commands' own names, option names, format names.
ALLOWED = re.compile(r"main\.py|--?[a-z][a-z-]*|[a-z]+(-[a-z]+)+|json|JSON|docx|xlsx|xls|xmlss|xml|pdf|Word|Excel|PDF|"
                     r"jxzp|form\.yaml|summaries/project")


def english_words(text: str) -> list[str]:
    with chinese():
        names = set(command_names(build_parser()))
    return [w for w in re.findall(r"[A-Za-z]{2,}", ALLOWED.sub("", text)) if w not in names]


def _main(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


def test_unknown_command_exits_2_naming_the_commands():
    p = _main("frobnicate")
    assert p.returncode == 2 and p.stdout == ""
    with chinese():
        names = command_names(build_parser())
    assert p.stderr.strip() == f"未知命令 frobnicate；可用命令：{'、'.join(names)}（main.py --help 查看说明）"
    assert {"check", "export", "new", "templates", "validate-template"} <= set(names)


def test_missing_draft_exits_2_in_chinese_with_what_to_type():
    p = _main("check")
    assert p.returncode == 2 and p.stdout == ""
    first, second = p.stderr.strip().splitlines()
    assert first == "main.py check：缺少必填参数：草稿.json"
    assert second.startswith("请输入：main.py check") and "草稿.json" in second
    assert english_words(p.stderr) == []


def test_version_and_unknown_option():
    p = _main("--version")
    assert (p.returncode, p.stdout.strip()) == (0, f"绩效自评填报 {PROGRAM_VERSION}")
    p = _main("--frob")
    assert p.returncode == 2 and "无法识别的参数：--frob" in p.stderr and english_words(p.stderr) == []


def _help_texts(capsys):
    with chinese():
        names = command_names(build_parser())
    for argv in [["--help"]] + [[name, "--help"] for name in names]:
        assert run(argv) == 0
        out, err = capsys.readouterr()
        yield argv, out + err


def test_no_help_has_argparse_english(capsys):
    seen = 0
    for argv, text in _help_texts(capsys):
        seen += 1
        assert text.startswith(f"用法：main.py"), argv
        assert "usage:" not in text and "options:" not in text and "positional" not in text, argv
        assert english_words(text) == [], (argv, english_words(text))
    assert seen >= 6


def test_every_argument_has_help():
    with chinese():
        parser = build_parser()
    for name, sub in parser._subparsers._group_actions[0].choices.items():
        for action in sub._actions:
            assert action.help, (name, action.dest)


@pytest.mark.parametrize("argv, needle", [
    (["export", "x.json"], "缺少必填参数：--out"),
    (["new", "gd-dept-overall", "-o"], "-o/--output 后面应跟一个值"),
])
def test_argparse_errors_are_chinese(capsys, argv, needle):
    assert run(argv) == 2
    out, err = capsys.readouterr()
    assert needle in err and english_words(err) == [], err


def test_not_a_draft_is_told_as_such(tmp_path):
    readme = tmp_path / "说明.json"
    readme.write_text("# 这不是草稿\n只是一段文字", encoding="utf-8")
    p = _main("check", str(readme))
    assert p.returncode == 2 and "不是绩效自评草稿文件" in p.stderr and ".bak" not in p.stderr


def test_argparse_is_english_again_outside_the_command_line():
    import argparse
    with chinese():
        pass
    assert argparse._("usage: ") == "usage: "

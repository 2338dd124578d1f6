"""Subcommands: templates, new, check, validate-template, export.

Exit codes: 0 fine; 1 the draft has error findings (or the template has
problems); 2 a file cannot be read or is not what it should be. Messages are
one Chinese line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from core import PROGRAM_VERSION
from core.draft import new_draft
from core.errors import DraftError, SaveError, TemplateError
from core.evaluate import Result, evaluate
from core.numbers import plain
from core.opening import open_draft
from core.registry import ORIGINS, load_template, scan
from core.store import save_draft

from . import folder, import_xlsx
from .guard import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE
from .zh import Parser, chinese


def _fail(message: str, code: int = EXIT_UNREADABLE) -> int:
    print(message, file=sys.stderr)
    return code


def _num(value) -> str | None:
    return None if value is None else plain(value)


def cmd_templates(args) -> int:
    installed = scan()
    rows = [{"id": versions[0].id, "name": versions[0].name, "version": versions[0].version,
             "versions": [v.version for v in versions], "folder": versions[0].folder,
             "origin": ORIGINS[versions[0].origin]}
            for _, versions in sorted(installed.templates.items())]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for r in rows:
            print(f"{r['id']}\t{r['version']}\t{r['name']}\t{r['origin']}：{r['folder']}")
    for broken in installed.broken:
        print(f"（未能载入）{broken.source}：{len(broken.problems)} 处问题，"
              f"用 validate-template 查看", file=sys.stderr)
    return EXIT_OK


def cmd_new(args) -> int:
    installed = scan()
    template = installed.newest(args.template_id)
    if template is None:
        return _fail(f"没有名为“{args.template_id}”的模板；已安装：{'、'.join(sorted(installed.templates)) or '无'}")
    out = Path(args.output)
    if out.exists() and not args.force:
        return _fail(f"“{out}”已存在，为免覆盖未做任何改动；换一个文件名，或加 --force")
    if args.from_draft:
        from core.carry import carry_forward
        from importers.workbook import is_excel, load_excel
        if is_excel(args.from_draft):   # last year's table in Excel: read it as this template
            loaded = load_excel(args.from_draft, template.id, installed=installed)
            if isinstance(loaded, str):
                return _fail(loaded)
            print("\n".join(loaded[1].lines()), file=sys.stderr)
            draft = carry_forward(loaded[0], template)
        else:
            try:
                opened = open_draft(args.from_draft, installed)
            except DraftError as exc:
                return _fail(str(exc))
            draft = carry_forward(opened.draft, template)
    else:
        draft = new_draft(template)
    try:
        save_draft(draft, out)
    except SaveError as exc:
        return _fail(str(exc))
    print(str(out))
    return EXIT_OK


def check_report(template, draft) -> tuple[dict, "Result"]:
    result = evaluate(template, draft)
    s = result.scores
    return {
        "template": template.id,
        "template_version": template.version,
        "total": _num(s.total),
        "full_marks": _num(s.full_marks),
        "grade": s.grade,
        "complete": s.complete,
        "audit_status": result.audit_status,
        "progress": result.progress,
        "groups": [{"id": g.id, "name": g.name, "weight": _num(g.weight), "score": _num(g.score)} for g in s.groups],
        "findings": [f.as_dict() for f in result.findings],
    }, result


def cmd_check(args) -> int:
    if Path(args.draft).is_dir():
        from cli.folder import check_folder
        return check_folder(args)
    try:
        opened = open_draft(args.draft)
    except DraftError as exc:
        return _fail(str(exc))
    report, result = check_report(opened.template, opened.draft)
    report["notices"] = opened.notices
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        for notice in opened.notices:
            print(f"提示：{notice}")
        print(f"{opened.template.name}（{opened.template.version}）")
        print(f"总分 {report['total']} / {report['full_marks']}，等级：{report['grade'] or '未评分'}"
              + (f"（{result.audit_status}）" if result.audit_status else ""))
        print(f"  {result.progress}")
        for g in report["groups"]:
            print(f"  {g['name']}：{g['score'] or '—'} / {g['weight']}")
        print(f"审核：{result.tally}")
        for f in result.findings:
            print(f"  [{'错误' if f.severity == 'error' else '提醒'}] {f.message}")
    return EXIT_FINDINGS if result.errors else EXIT_OK


def cmd_validate_template(args) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        return _fail(f"“{folder}”不是文件夹")
    try:
        template = load_template(folder)
    except TemplateError as exc:
        print(f"模板 {folder} 有 {len(exc.problems)} 处问题：")
        for i, p in enumerate(exc.problems, 1):
            print(f"{i}. {p}")
        return EXIT_FINDINGS
    problems = []
    try:
        from exporters.lint import lint_layouts
    except ImportError:
        lint_layouts = None
    if lint_layouts is not None:
        problems = lint_layouts(template)
    if problems:
        print(f"模板 {folder}：表单定义无误，版式文件有 {len(problems)} 处问题：")
        for i, p in enumerate(problems, 1):
            print(f"{i}. {p}")
        return EXIT_FINDINGS
    print(f"模板 {template.id}（{template.version}）无误：{template.name}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """Built inside zh.chinese(), so argparse's own words are Chinese too. A new
    subcommand is one more `register(sub)`-style line here."""
    p = Parser(prog="main.py", description="绩效自评填报：部门整体/项目支出绩效自评表与自评报告。"
               "不带参数运行（或给出草稿文件）打开窗口；带命令则在命令行完成。")
    p.add_argument("--version", action="version", version=f"绩效自评填报 {PROGRAM_VERSION}", help="显示程序版本后退出")
    sub = p.add_subparsers(dest="command", metavar="命令", parser_class=Parser)
    t = sub.add_parser("templates", help="列出已安装的模板", description="列出已安装的模板（编号、版本、名称）")
    t.add_argument("--json", action="store_true", help="输出机器可读的 JSON")
    t.set_defaults(func=cmd_templates)
    n = sub.add_parser("new", help="按模板新建空白草稿", description="按模板新建空白草稿")
    n.add_argument("template_id", metavar="模板编号", help="如 gd-dept-overall；main.py templates 列出全部")
    n.add_argument("-o", "--output", required=True, metavar="新草稿.json", help="新草稿的文件名")
    n.add_argument("--from", dest="from_draft", metavar="上年草稿.json",
                   help="以上年草稿或上年 Excel 自评表（.xlsx/.xls）为底稿（结转表头、指标和指标值，清空完成值和得分）")
    n.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    n.set_defaults(func=cmd_new)
    c = sub.add_parser("check", help="审核草稿并计算得分", description="审核草稿并计算得分。退出码：0 没有错误；"
                       "1 审核有错误；2 文件读不了或不是草稿")
    c.add_argument("draft", metavar="草稿.json", help="要审核的草稿文件；给文件夹则逐份审核其中（含子文件夹）的全部草稿，列成一表")
    c.add_argument("--json", action="store_true", help="输出机器可读的 JSON（总分、等级、各组得分、审核结果）")
    c.set_defaults(func=cmd_check)
    v = sub.add_parser("validate-template", help="检查模板文件夹的全部问题", description="检查模板文件夹的全部问题")
    v.add_argument("folder", metavar="模板文件夹", help="含 form.yaml 的文件夹")
    v.set_defaults(func=cmd_validate_template)
    e = sub.add_parser("export", help="导出 Word、Excel、PDF", description="导出 Word 自评报告、Excel 自评表和 PDF 打印稿")
    e.add_argument("draft", metavar="草稿.json", help="要导出的草稿文件；给文件夹则导出其中（含子文件夹）的全部草稿")
    e.add_argument("--out", required=True, metavar="输出文件夹", help="导出文件放在这里（不存在则新建）")
    e.add_argument("--format", default="docx,xlsx,pdf", metavar="格式", help="逗号分隔：docx,xlsx,pdf（默认这三种），xmlss 为一体化系统导入格式")
    e.set_defaults(func=cmd_export)
    folder.register(sub)
    import_xlsx.register(sub)
    return p


def command_names(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        if isinstance(action, argparse._SubParsersAction):
            return sorted(action.choices)
    return []


def cmd_export(args) -> int:
    try:
        from cli.export import run_export
    except ImportError:
        return _fail("导出功能尚未安装")
    return run_export(args)


def run(argv: list[str]) -> int:
    with chinese():
        parser = build_parser()
        names = command_names(parser)
        if argv and not argv[0].startswith("-") and argv[0] not in names:
            return _fail(f"未知命令 {argv[0]}；可用命令：{'、'.join(names)}（main.py --help 查看说明）")
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version and errors end here, with argparse's code
            return exc.code if isinstance(exc.code, int) else EXIT_UNREADABLE
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_OK
    return args.func(args)

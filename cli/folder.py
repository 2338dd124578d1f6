"""A folder of drafts on the command line: `check FOLDER`, `export FOLDER --out DIR`
and `summary FOLDER [--out FILE]` (the 项目支出绩效自评结果汇总表)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from core.errors import DraftError, SaveError, TemplateError
from core.folder import DRAFT, Entry, counts_line, scan_folder
from core.format import money, num, pct
from core.numbers import plain
from core.summary import audit_state, grade_line, starter_text, summarize

from .guard import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE


def _entries(folder: str) -> list[Entry] | None:
    try:
        return scan_folder(folder)
    except DraftError as exc:
        print(str(exc).replace("无法打开草稿", "无法读取文件夹"), file=sys.stderr)
        return None


def _name(e: Entry | Path, root: Path) -> str:
    path = e if isinstance(e, Path) else e.path
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def entry_dict(e: Entry, root: Path) -> dict:
    n = lambda v: None if v is None else plain(v)  # noqa: E731
    return {"file": _name(e, root), "kind": e.kind, "state": e.state, "reason": e.reason,
            "template": e.template_id, "unit": e.unit, "project": e.project, "year": e.year,
            "budget": n(e.budget), "actual": n(e.actual), "rate": n(e.rate), "total": n(e.total),
            "grade": e.grade, "complete": e.complete, "errors": e.errors, "warnings": e.warnings,
            "saved": e.saved, "duplicates": [_name(p, root) for p in e.duplicates]}


def check_folder(args) -> int:
    """A table, one line per file; exit 1 when a draft has an error or cannot be read."""
    root = Path(args.draft)
    entries = _entries(args.draft)
    if entries is None:
        return EXIT_UNREADABLE
    failing = [e for e in entries if e.errors or e.kind not in (DRAFT, "not_draft")]
    if args.json:
        print(json.dumps([entry_dict(e, root) for e in entries], ensure_ascii=False, indent=1))
    else:
        print("状态\t得分\t等级\t错误\t提醒\t文件\t名称")
        for e in entries:
            if e.kind != DRAFT:
                print(f"{e.state}\t—\t—\t—\t—\t{_name(e, root)}\t{e.reason}")
                continue
            dup = f"（与 {'、'.join(_name(p, root) for p in e.duplicates)} 为同一项目）" if e.duplicates else ""
            print(f"{e.state}\t{num(e.total)}\t{e.grade or '—'}\t{len(e.errors)}\t{e.warnings}\t{_name(e, root)}\t"
                  f"{e.title}{dup}")
        print(counts_line(entries))
        for e in failing:
            first = e.errors[0] if e.errors else e.reason
            more = f"（另有 {len(e.errors) - 1} 个错误）" if len(e.errors) > 1 else ""
            print(f"  [错误] {_name(e, root)}：{first}{more}")
    return EXIT_FINDINGS if failing else EXIT_OK


def export_folder(args, formats: list[str]) -> int:
    """Every draft into one folder, named by its report title; a failure is listed and
    the rest still exported."""
    from cli.export import export_one
    root = Path(args.draft)
    entries = _entries(args.draft)
    if entries is None:
        return EXIT_UNREADABLE
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"无法创建输出文件夹“{out}”：{exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    from core.opening import open_draft
    from core.registry import scan
    installed = scan()
    used: set[str] = set()
    failed: list[str] = []
    errors = 0
    for e in entries:
        if e.kind != DRAFT:
            continue
        try:
            opened = open_draft(str(e.path), installed)
        except DraftError as exc:
            failed.append(f"{_name(e, root)}：{exc.reason}")
            continue
        status, has_errors = export_one(opened, formats, out, used, quiet=True)
        errors += has_errors
        failed += [f"{_name(e, root)}：{why}" for why in status]
    if failed:
        print(f"以下 {len(failed)} 项未能导出：", file=sys.stderr)
        for line in failed:
            print(f"  {line}", file=sys.stderr)
    if errors:
        print(f"提示：{errors} 份草稿审核有错误，仍照常导出；可用 main.py check {args.draft} 查看", file=sys.stderr)
    return EXIT_UNREADABLE if failed else EXIT_FINDINGS if errors else EXIT_OK


SUMMARY_FORMATS = ("xlsx", "docx")
KINDS = {"项目": "project", "部门整体": "dept-overall"}   # --kind, as the clerk says it


def cmd_summary(args) -> int:
    root = Path(args.folder)
    entries = _entries(args.folder)
    if entries is None:
        return EXIT_UNREADABLE
    kind = KINDS[args.kind]
    s = summarize(entries, kind)
    if args.by_unit:
        return _print_by_unit(entries, root, s, kind)
    project = kind == "project"
    if not args.out:
        print("序号\t项目名称\t实施单位\t" if project else "序号\t单位名称\t主管部门\t", end="")
        print("全年预算数\t全年执行数\t执行率\t自评得分\t等级\t审核状态")
        for i, e in enumerate(s.rows, 1):
            names = f"{e.title}\t{e.unit}" if project else f"{e.unit}\t{e.department}"
            print(f"{i}\t{names}\t{money(e.budget)}\t{money(e.actual)}\t{pct(e.rate)}\t{num(e.total)}\t"
                  f"{e.grade or '—'}\t{audit_state(e)}")
        print(f"合计\t{s.count}{'个项目' if project else '个单位'}\t\t{money(s.budget)}\t{money(s.actual)}\t{pct(s.rate)}")
        print(f"自评等级：{grade_line(s)}")
        if project:
            print(f"报告用语：{starter_text(s)}")
        return EXIT_OK
    from exporters.summary import context, render
    from core.outputs import write_export
    out = Path(args.out)
    wanted = [f.strip().lower() for f in (args.format or "").split(",") if f.strip()]
    if not wanted:
        wanted = [out.suffix.lower()[1:]] if out.suffix.lower()[1:] in SUMMARY_FORMATS else list(SUMMARY_FORMATS)
    unknown = [f for f in wanted if f not in SUMMARY_FORMATS]
    if unknown:
        print(f"汇总表不支持的格式：{'、'.join(unknown)}；可用：{','.join(SUMMARY_FORMATS)}", file=sys.stderr)
        return EXIT_UNREADABLE
    if not out.parent.is_dir():
        print(f"输出文件夹“{out.parent}”不存在", file=sys.stderr)
        return EXIT_UNREADABLE
    ctx = context(s, unit=args.unit or "", kind=kind)
    for e in s.skipped:
        print(f"提示：{_name(e, root)} {e.state}，未列入汇总表：{e.reason}", file=sys.stderr)
    for e in entries:
        if e.kind == DRAFT and e not in s.rows:
            print(f"提示：{_name(e, root)} 是{e.template_name}，不列入本表（--kind {args.kind}）", file=sys.stderr)
    for e in s.rows:
        if e.duplicates:
            print(f"提示：{_name(e, root)} 与 {'、'.join(_name(p, root) for p in e.duplicates)} 为同一项目，"
                  f"两份都已列入，请删去多余的一份", file=sys.stderr)
    status = EXIT_OK
    for fmt in wanted:
        try:
            data = render(fmt, ctx, args.layout)
            written, renamed = write_export(out.with_suffix(f".{fmt}"), data)
        except (TemplateError, SaveError) as exc:
            print(str(exc), file=sys.stderr)
            status = EXIT_UNREADABLE
            continue
        if renamed:
            print(f"提示：{out.with_suffix(f'.{fmt}')} 正被占用，已改存为 {written.name}", file=sys.stderr)
        print(str(written))
    return status


def _print_by_unit(entries: list[Entry], root: Path, total, kind: str) -> int:
    """One line per 下属单位 sub-folder, then the total: the figures a 主管部门 collects."""
    from core.summary import by_unit
    print(f"下属单位（文件夹）\t{'项目数' if kind == 'project' else '单位数'}\t全年预算数\t全年执行数\t执行率\t优\t良\t中\t差\t未评分完\t审核有错误")
    for name, s in by_unit(entries, root, kind) + [("合计", total)]:
        g = s.grades
        print(f"{name or '（本级）'}\t{s.count}\t{money(s.budget)}\t{money(s.actual)}\t{pct(s.rate)}\t"
              f"{g['优']}\t{g['良']}\t{g['中']}\t{g['差']}\t{s.unscored}\t{s.failing}")
    return EXIT_OK


def cmd_receive(args) -> int:
    """Copy drafts sent by 下属单位 into a folder: never over a file, same project flagged."""
    from core.folder import receive
    folder = Path(args.into)
    if not folder.is_dir():
        print(f"“{folder}”不是文件夹或不存在", file=sys.stderr)
        return EXIT_UNREADABLE
    status = EXIT_OK
    for r in receive([Path(p) for p in args.drafts], folder):
        if r.target is None:
            print(f"未收取 {r.source}：{r.reason}", file=sys.stderr)
            status = EXIT_UNREADABLE
            continue
        print(str(r.target))
        if r.same_project:
            print(f"注意：{r.target.name} 与已有的 {'、'.join(_name(p, folder) for p in r.same_project)} 为同一项目，"
                  f"两份都已保留，请核对后删去多余的一份", file=sys.stderr)
            status = max(status, EXIT_FINDINGS)
    return status


def register(sub) -> None:
    s = sub.add_parser("summary", help="文件夹中各项目的自评结果汇总表（Excel、Word）",
                       description="把文件夹（含子文件夹）中的项目支出自评草稿汇总成“项目支出绩效自评结果汇总表”："
                                   "每个项目一行，合计行的执行率 = 全年执行数之和 ÷ 全年预算数之和。"
                                   "不给 --out 时在屏幕上列出，并给出自评报告可用的一段话")
    s.add_argument("folder", metavar="文件夹", help="存放草稿的文件夹")
    s.add_argument("--out", metavar="汇总表文件", help="如 汇总表.xlsx；不写扩展名则 Excel 和 Word 各一份")
    s.add_argument("--format", metavar="格式", help="逗号分隔：xlsx,docx")
    s.add_argument("--unit", metavar="单位名称", help="表头的填报单位（默认取各草稿共同的主管部门或单位）")
    s.add_argument("--layout", metavar="版式文件夹", help="自定义汇总表版式（复制程序的 summaries/project 修改）")
    s.add_argument("--by-unit", action="store_true", help="按下属单位（一级子文件夹）分别汇总，再给出合计")
    s.add_argument("--kind", choices=list(KINDS), default="项目", metavar="项目|部门整体",
                   help="汇总项目支出自评（默认），或部门整体自评（主管部门汇总下属单位）")
    s.set_defaults(func=cmd_summary)
    r = sub.add_parser("receive", help="收取下属单位发来的草稿到文件夹（不覆盖，同一项目会提示）",
                       description="把下属单位发来的草稿文件复制到文件夹：同名文件不覆盖（改用“(2)”等新名字），"
                                   "与文件夹中已有草稿为同一项目的，两份都保留并提示。退出码：0 全部收取；"
                                   "1 有同一项目的草稿；2 有文件未能收取")
    r.add_argument("drafts", nargs="+", metavar="草稿.json", help="收到的草稿文件，可以多个")
    r.add_argument("--into", required=True, metavar="文件夹", help="收到哪个文件夹（如 下属单位/某某中心）")
    r.set_defaults(func=cmd_receive)

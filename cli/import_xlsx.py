"""`main.py import-xlsx FILE.xlsx -o DRAFT.json`: a filled 自评表 in Excel → a draft.

The report (what was read, every cell not placed, every score kept as printed)
is printed before anything is written; with --dry-run nothing is written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from core.errors import SaveError

from .guard import EXIT_OK, EXIT_UNREADABLE


def register(sub) -> None:
    p = sub.add_parser("import-xlsx", help="从 Excel 自评表（.xlsx/.xls）生成草稿，并列出未能导入的单元格",
                       description="按表头（项目名称、年初预算数、一级指标、三级指标、分值、得分……）查找各栏，"
                                   "生成对应模板的草稿；无法对应的单元格逐个列出，不作猜测。")
    p.add_argument("file", metavar="Excel文件", help="要导入的自评表（.xlsx，或旧格式 .xls）")
    p.add_argument("-o", "--output", metavar="草稿文件", help="保存草稿的位置（.json）；不写则只显示报告")
    p.add_argument("--template", metavar="模板编号", help="指定模板；不写则按表头自动判断")
    p.add_argument("--sheet", metavar="工作表名", help="工作簿有多张表时指定要导入的一张")
    p.add_argument("--force", action="store_true", help="覆盖已存在的草稿文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出报告")
    p.set_defaults(func=run)


def run(args) -> int:
    out = Path(args.output) if args.output else None
    if out is not None and out.exists() and not args.force:
        print(f"“{out}”已存在，为免覆盖未做任何改动；换一个文件名，或加 --force", file=sys.stderr)
        return EXIT_UNREADABLE
    from importers.workbook import load_excel
    loaded = load_excel(args.file, args.template, args.sheet)
    if isinstance(loaded, str):
        print(loaded, file=sys.stderr)
        return EXIT_UNREADABLE
    draft, report = loaded
    if args.json:
        print(json.dumps({"template": report.template.id, "sheet": report.sheet, "counts": report.counts,
                          "notes": report.notes,
                          "unplaced": [{"sheet": n.sheet, "cell": n.cell, "text": n.text, "why": n.why}
                                       for n in report.unplaced]}, ensure_ascii=False, indent=1))
    else:
        print("\n".join(report.lines()))
    if out is None:
        return EXIT_OK
    from core.store import save_draft
    try:
        save_draft(draft, out)
    except SaveError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNREADABLE
    if not args.json:
        print(f"已保存草稿：{out}")
    return EXIT_OK

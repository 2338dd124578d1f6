"""Formulas, fields and hyperlinks a layout may carry into an export.

A table.xlsx may compute over its own sheets with ordinary functions (SUM,
ROUND, IF …); a report.docx may number its pages and build a table of
contents. Anything that reaches outside the file is refused by
validate-template and stripped from an export with a notice: DDE
(=cmd|' /C calc'!A0), references to other workbooks or UNC paths
('\\\\host\\share\\[a.xlsx]S'!A1), WEBSERVICE/FILTERXML/RTD/CALL, a HYPERLINK
or a hyperlink to anything but a place in the document itself, and Word fields
such as DDEAUTO, INCLUDETEXT, INCLUDEPICTURE or LINK.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from contextlib import contextmanager

# Functions a self-evaluation table needs; anything else is refused.
ALLOWED_FUNCTIONS = frozenset("""
SUM SUMIF SUMIFS SUMPRODUCT ROUND ROUNDUP ROUNDDOWN INT MOD ABS MIN MAX AVERAGE AVERAGEIF COUNT COUNTA COUNTIF
COUNTIFS COUNTBLANK IF IFS IFERROR IFNA AND OR NOT ISBLANK ISNUMBER ISTEXT ISERROR TEXT VALUE LEN LEFT RIGHT MID
TRIM CONCATENATE CONCAT UPPER LOWER SUBSTITUTE REPT FIXED DOLLAR RMB NUMBERSTRING TODAY DATE YEAR MONTH DAY
PRODUCT POWER SQRT RANK LARGE SMALL MEDIAN ROW COLUMN CHOOSE INDEX MATCH VLOOKUP HLOOKUP LOOKUP HYPERLINK
""".split())
# A reference to a cell, range, column or row of this workbook, optionally with a sheet name.
_CELL = r"\$?[A-Za-z]{1,3}\$?\d{1,7}"
_REF = re.compile(rf"^(?:(?P<sheet>'(?:[^']|'')+'|[^\s!'\[\]\\/:|]+)!)?"
                  rf"(?:{_CELL}(?::{_CELL})?|\$?[A-Za-z]{{1,3}}:\$?[A-Za-z]{{1,3}}|\$?\d{{1,7}}:\$?\d{{1,7}})$")

# Word fields that only number, date or cross-reference inside the document.
ALLOWED_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "TOC", "PAGEREF", "REF", "SEQ",
                            "STYLEREF", "NOTEREF", "DATE", "TIME", "CREATEDATE", "SAVEDATE", "PRINTDATE",
                            "HYPERLINK", "FORMTEXT", "FORMCHECKBOX", "EQ", "ADVANCE", "SYMBOL"})


def formula_problem(formula: str, sheets: set[str], names: set[str]) -> str | None:
    """Why a table.xlsx formula may not be kept, or None when it only computes over this workbook."""
    from openpyxl.formula import Tokenizer

    if re.search(r"\\\\|//|\[|\|", formula):
        return "引用了其他文件、网络路径或外部程序（DDE）"
    try:
        tokens = Tokenizer(formula).items
    except Exception:  # noqa: BLE001 - the tokenizer's own error: not a formula Excel would write
        return "无法识别的公式写法"
    for i, tok in enumerate(tokens):
        if tok.type == "FUNC" and tok.subtype == "OPEN":
            name = tok.value[:-1].upper().removeprefix("_XLFN.").removeprefix("_XLWS.")
            if name not in ALLOWED_FUNCTIONS:
                return f"使用了不允许的函数 {name}"
            if name == "HYPERLINK":
                target = tokens[i + 1] if i + 1 < len(tokens) else None
                if not (target and target.type == "OPERAND" and target.subtype == "TEXT"
                        and target.value.startswith('"#')):
                    return "HYPERLINK 指向了本表以外的地方"
        elif tok.type == "OPERAND" and tok.subtype == "RANGE":
            m = _REF.match(tok.value)
            if m is None:
                if tok.value in names or tok.value.upper() in ("TRUE", "FALSE"):
                    continue
                return f"引用“{tok.value[:40]}”不是本工作簿中的单元格"
            sheet = m.group("sheet")
            if sheet is not None and sheet.strip("'").replace("''", "'") not in sheets:
                return f"引用了本工作簿中没有的工作表“{sheet[:40]}”"
    return None


def _cells_with_formulas(wb):
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, ArrayFormula):
                    yield ws, cell, value.text or ""
                elif isinstance(value, DataTableFormula):
                    yield ws, cell, "=TABLE()"
                elif cell.data_type == "f" and isinstance(value, str):
                    yield ws, cell, value


def xlsx_problems(wb) -> list[tuple[str, str, object]]:
    """(place, reason, what to clear) for each formula, hyperlink, defined name or link
    that reaches outside the workbook."""
    sheets = set(wb.sheetnames)
    names = set(wb.defined_names)
    for ws in wb.worksheets:
        names |= set(getattr(ws, "defined_names", {}) or {})
    out = []
    for ws, cell, formula in _cells_with_formulas(wb):
        why = formula_problem(formula, sheets, names)
        if why:
            out.append((f"{ws.title}!{cell.coordinate}", f"公式“{formula[:60]}”{why}", cell))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                link = cell.hyperlink
                if link is not None and (link.target or not link.location):
                    out.append((f"{ws.title}!{cell.coordinate}", f"超链接指向本表以外的“{(link.target or '')[:60]}”",
                                ("hyperlink", cell)))
    for name, defined in list(wb.defined_names.items()):
        text = str(defined.attr_text or "")
        why = formula_problem("=" + text, sheets, names) if text else None
        if why:
            out.append((f"名称 {name}", f"定义“{text[:60]}”{why}", ("name", name)))
    if getattr(wb, "_external_links", None):
        out.append(("工作簿", "链接了其他工作簿（外部链接）", ("external", None)))
    return out


def strip_xlsx(wb, file_name: str = "table.xlsx") -> list[str]:
    """Remove what xlsx_problems finds, in place; one Chinese notice per removal."""
    notices = []
    for where, why, what in xlsx_problems(wb):
        if isinstance(what, tuple) and what[0] == "hyperlink":
            what[1].hyperlink = None
        elif isinstance(what, tuple) and what[0] == "name":
            del wb.defined_names[what[1]]
        elif isinstance(what, tuple) and what[0] == "external":
            wb._external_links = []
        else:
            what.value = None
        notices.append(f"{file_name} {where}：{why}，已从导出的文件中删除")
    return notices


# -- notices: what an export removed, for the clerk (exporters/api.py collects them) --

_collector = threading.local()


@contextmanager
def collecting():
    """Notices added by the renders inside this block, in a list."""
    outer = getattr(_collector, "notices", None)
    _collector.notices = notices = []
    try:
        yield notices
    finally:
        _collector.notices = outer


def notify(notices: list[str]) -> None:
    target = getattr(_collector, "notices", None)
    if target is not None:
        target.extend(notices)


# -- Word ------------------------------------------------------------------------

_SIMPLE = re.compile(r'<w:fldSimple\b[^>]*?w:instr="([^"]*)"[^>]*?(?:/>|>(.*?)</w:fldSimple>)', re.S)
_HYPERLINK_OPEN = re.compile(r"<w:hyperlink\b([^>]*)>")
_WORD_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml")
_REL = re.compile(r"<Relationship\b[^>]*>")


def _field_name(instr: str) -> str:
    words = instr.replace("&quot;", '"').strip().split()
    return words[0].upper().lstrip("\\") if words else ""


def field_problem(instr: str) -> str | None:
    name = _field_name(instr)
    if not name:
        return None
    if name not in ALLOWED_FIELDS:
        return f"域“{instr.strip()[:60]}”不允许（只能用页码、目录、日期、交叉引用等域）"
    if name == "HYPERLINK" and "\\l" not in instr:
        return f"域“{instr.strip()[:60]}”链接到了文档以外"
    return None


def _external_ids(rels: str) -> set[str]:
    ids = set()
    for rel in _REL.findall(rels):
        if re.search(r"TargetMode\s*=\s*[\"']External", rel):
            m = re.search(r'Id\s*=\s*"([^"]*)"', rel)
            if m:
                ids.add(m.group(1))
    return ids


def _instructions(xml: str) -> list[str]:
    """Each field's instruction: fldSimple's attribute, and a complex field's instrText pieces joined."""
    found = [m.group(1) for m in _SIMPLE.finditer(xml)]
    current: list[str] | None = None
    for m in re.finditer(r'<w:fldChar\b[^>]*w:fldCharType="(begin|separate|end)"|<w:instrText\b[^>]*>(.*?)</w:instrText>',
                         xml, re.S):
        if m.group(1) == "begin":
            current = []
        elif m.group(1) in ("separate", "end"):
            if current is not None:
                found.append("".join(current))
            current = None
        elif current is not None:
            current.append(m.group(2) or "")
    return found


def docx_problems(data: bytes, file_name: str = "report.docx") -> list[str]:
    """Fields and hyperlinks in a Word file that reach outside it, one Chinese line each."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        for part in sorted(n for n in names if _WORD_PART.fullmatch(n)):
            xml = z.read(part).decode("utf-8", "replace")
            for instr in _instructions(xml):
                why = field_problem(instr)
                if why:
                    problems.append(f"{file_name}（{part}）：{why}")
            rels = part.replace("word/", "word/_rels/") + ".rels"
            external = _external_ids(z.read(rels).decode("utf-8", "replace")) if rels in names else set()
            for m in _HYPERLINK_OPEN.finditer(xml):
                rid = re.search(r'r:id="([^"]*)"', m.group(1))
                if rid and rid.group(1) in external:
                    problems.append(f"{file_name}（{part}）：含有指向文档以外的超链接")
    return list(dict.fromkeys(problems))


def strip_docx(data: bytes, file_name: str = "report.docx") -> tuple[bytes, list[str]]:
    """The Word file with outside-reaching fields emptied and such hyperlinks unwrapped (their text kept)."""
    notices = docx_problems(data, file_name)
    if not notices:
        return data, []
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = set(src.namelist())
        for info in src.infolist():
            body = src.read(info)
            if _WORD_PART.fullmatch(info.filename):
                rels = info.filename.replace("word/", "word/_rels/") + ".rels"
                external = _external_ids(src.read(rels).decode("utf-8", "replace")) if rels in names else set()
                body = _strip_part(body.decode("utf-8"), external).encode("utf-8")
            dst.writestr(info, body)
    return out.getvalue(), [f"{n}，已从导出的文件中删除" for n in notices]


def _strip_part(xml: str, external: set[str]) -> str:
    def simple(m: re.Match) -> str:
        return (m.group(2) or "") if field_problem(m.group(1)) else m.group(0)
    xml = _SIMPLE.sub(simple, xml)
    # a complex field: every piece of an instruction that is not allowed is emptied, so
    # Word shows only the result text that was saved with it
    pieces: list[re.Match] = []
    out, last, current = [], 0, None
    for m in re.finditer(r'<w:fldChar\b[^>]*w:fldCharType="(begin|separate|end)"|(<w:instrText\b[^>]*>)(.*?)(</w:instrText>)',
                         xml, re.S):
        if m.group(1) == "begin":
            current = []
        elif m.group(1) in ("separate", "end"):
            if current is not None and field_problem("".join(p.group(3) for p in current)):
                pieces += current
            current = None
        elif current is not None:
            current.append(m)
    for m in sorted(pieces, key=lambda m: m.start()):
        out.append(xml[last:m.start()])
        out.append(f"{m.group(2)}{m.group(4)}")
        last = m.end()
    out.append(xml[last:])
    xml = "".join(out)

    def link(m: re.Match) -> str:
        rid = re.search(r'r:id="([^"]*)"', m.group(1))
        return "<w:hyperlink>" if rid and rid.group(1) in external else m.group(0)
    return _HYPERLINK_OPEN.sub(link, xml)

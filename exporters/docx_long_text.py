"""Long text in the rendered Word report, made something LibreOffice and WPS open
quickly with every character kept (limits and reasons: exporters/cell_limits.py).

A table cell longer than WORD_CELL_LIMIT keeps its beginning and the words
“……（全文见本表后附文一）”; the whole text follows the table under the heading
“附文一”, as the Excel export does for its cell limit. Any paragraph longer than
WORD_PARAGRAPH_LIMIT is cut at sentence ends into paragraphs, the continuations
without a first-line indent.
"""

from __future__ import annotations

import copy
import re

from core.format import cn_number

from .cell_limits import WORD_CELL_LIMIT, WORD_PARAGRAPH_LIMIT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SENTENCE_END = re.compile(r"[。！？；!?;…]+[”’」』）)]*")


def paragraph_text(p) -> str:
    out = []
    for el in p.iter(f"{W}t", f"{W}br", f"{W}cr", f"{W}tab"):
        out.append(el.text or "" if el.tag == f"{W}t" else "\t" if el.tag == f"{W}tab" else "\n")
    return "".join(out)


def pieces(text: str, limit: int = WORD_PARAGRAPH_LIMIT) -> list[str]:
    """`text` cut into pieces of at most `limit` characters, at the last sentence
    end inside each piece when there is one."""
    out = []
    while len(text) > limit:
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit)]
        cut = ends[-1] if ends and ends[-1] > limit // 2 else limit
        out.append(text[:cut])
        text = text[cut:]
    return out + [text]


def _run(text: str, rpr):
    """A w:r holding `text`, line breaks as w:br, with a copy of the run properties."""
    from docx.oxml import OxmlElement
    r = OxmlElement("w:r")
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    for i, line in enumerate(text.split("\n")):
        if i:
            r.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.set(XML_SPACE, "preserve")
        t.text = line
        r.append(t)
    return r


def _paragraph(text: str, ppr, rpr, bold: bool = False):
    from docx.oxml import OxmlElement
    p = OxmlElement("w:p")
    if ppr is not None:
        p.append(copy.deepcopy(ppr))
    r = _run(text, rpr)
    if bold:
        props = r.find(f"{W}rPr")
        if props is None:
            props = OxmlElement("w:rPr")
            r.insert(0, props)
        props.append(OxmlElement("w:b"))
    p.append(r)
    return p


# what a paragraph must not hold for its text to be rewritten as plain runs
_KEEP = tuple(f"{W}{t}" for t in ("drawing", "pict", "object", "fldChar", "fldSimple", "hyperlink",
                                  "footnoteReference", "endnoteReference", "sdt", "bookmarkStart"))


def _plain(element) -> bool:
    return next(element.iter(*_KEEP), None) is None


def _first_rpr(p):
    return p.find(f".//{W}r/{W}rPr")


def _without_indent(ppr):
    """Paragraph properties for a continuation: no first-line indent, no numbering."""
    if ppr is None:
        return None
    ppr = copy.deepcopy(ppr)
    for tag in ("numPr",):
        for el in ppr.findall(f"{W}{tag}"):
            ppr.remove(el)
    for ind in ppr.findall(f"{W}ind"):
        for attr in ("firstLine", "firstLineChars", "hanging", "hangingChars"):
            ind.attrib.pop(f"{W}{attr}", None)
    return ppr


def move_long_cells(body) -> int:
    """Cells of top-level tables longer than WORD_CELL_LIMIT: beginning + reference
    in the cell, the whole text after the table. Returns how many moved."""
    moved = 0
    for tbl in [t for t in body.iter(f"{W}tbl") if not any(a.tag == f"{W}tbl" for a in t.iterancestors())]:
        anchor = tbl
        for tc in tbl.iter(f"{W}tc"):
            if tc.find(f".//{W}tbl") is not None:          # an outer cell of a nested table: its cells are seen
                continue
            paragraphs = tc.findall(f"{W}p")
            text = "\n".join(paragraph_text(p) for p in paragraphs)
            if len(text) <= WORD_CELL_LIMIT or not _plain(tc):
                continue
            moved += 1
            name = f"附文{cn_number(moved)}"
            first = paragraphs[0]
            rpr = _first_rpr(first)
            for p in paragraphs[1:]:
                tc.remove(p)
            for child in list(first):
                if child.tag != f"{W}pPr":
                    first.remove(child)
            first.append(_run(text[:WORD_CELL_LIMIT] + f"……（全文见本表后{name}）", rpr))
            heading = _paragraph(f"{name}（接上表）", None, rpr, bold=True)
            anchor.addnext(heading)
            anchor = heading
            for line in text.split("\n"):
                p = _paragraph(line, None, rpr)
                anchor.addnext(p)
                anchor = p
    return moved


def split_long_paragraphs(body) -> int:
    """Paragraphs longer than WORD_PARAGRAPH_LIMIT cut at sentence ends into
    several, the continuations without a first-line indent. Returns how many were cut."""
    cut = 0
    for p in list(body.iter(f"{W}p")):
        text = paragraph_text(p)
        if len(text) <= WORD_PARAGRAPH_LIMIT or not _plain(p):
            continue
        parts = pieces(text)
        cut += 1
        ppr, rpr = p.find(f"{W}pPr"), _first_rpr(p)
        for child in list(p):
            if child.tag != f"{W}pPr":
                p.remove(child)
        p.append(_run(parts[0], rpr))
        anchor, rest = p, _without_indent(ppr)
        for part in parts[1:]:
            q = _paragraph(part, rest, rpr)
            anchor.addnext(q)
            anchor = q
    return cut


def fit_long_text(document) -> None:
    """Both steps on a python-docx Document (docxtpl's rendered .docx)."""
    body = document.element.body
    move_long_cells(body)
    split_long_paragraphs(body)

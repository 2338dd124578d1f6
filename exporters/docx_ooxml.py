"""Small WordprocessingML helpers python-docx lacks: East Asian fonts on
styles, exact line spacing in character units, fixed-width tables that WPS
lays out the same way (gridCol + every tcW), and the PAGE field.

Used by tools/build_docx_layout.py to generate a template's report.docx.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

LATIN = "Times New Roman"
TWIPS_PER_MM = 1440 / 25.4


def twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def el(tag: str, **attrs) -> OxmlElement:
    """el("w:ind", firstLineChars=200) → <w:ind w:firstLineChars="200"/>."""
    node = OxmlElement(tag)
    for key, value in attrs.items():
        node.set(qn(f"w:{key}"), str(value))
    return node


def replace_child(parent, child, before: tuple[str, ...] = ()):
    """Put `child` in `parent`, dropping any same-tag child; insert ahead of the
    first sibling named in `before` so the schema's element order holds."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    for tag in before:
        anchor = parent.find(qn(tag))
        if anchor is not None:
            anchor.addprevious(child)
            return child
    parent.append(child)
    return child


# rPr children in schema order: rStyle, rFonts, b, bCs, i, …, sz, szCs, …, lang
def run_props(east_asia: str, size_pt: float, bold: bool = False, latin: str = LATIN,
              underline: bool = False) -> OxmlElement:
    rpr = OxmlElement("w:rPr")
    rpr.append(el("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin))
    if bold:
        rpr.append(el("w:b"))
        rpr.append(el("w:bCs"))
    rpr.append(el("w:color", val="000000"))
    half_points = round(size_pt * 2)
    rpr.append(el("w:sz", val=half_points))
    rpr.append(el("w:szCs", val=half_points))
    if underline:
        rpr.append(el("w:u", val="single"))
    rpr.append(el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    return rpr


def para_props(align: str = "both", first_chars: int = 0, first_twips: int = 0,
               line_twips: int | None = None, before: int = 0, after: int = 0,
               keep_next: bool = False, keep_lines: bool = False, page_break: bool = False,
               outline: int | None = None, right_twips: int = 0, left_twips: int = 0,
               snap: bool = True) -> OxmlElement:
    """pPr children in schema order. line_twips=None means single spacing."""
    ppr = OxmlElement("w:pPr")
    if keep_next:
        ppr.append(el("w:keepNext"))
    if keep_lines:
        ppr.append(el("w:keepLines"))
    if page_break:
        ppr.append(el("w:pageBreakBefore"))
    ppr.append(el("w:widowControl", val=0))
    if not snap:
        ppr.append(el("w:snapToGrid", val=0))
    if line_twips is None:
        ppr.append(el("w:spacing", before=before, after=after, line=240, lineRule="auto"))
    else:
        ppr.append(el("w:spacing", before=before, after=after, line=line_twips, lineRule="exact"))
    ppr.append(el("w:ind", left=left_twips, right=right_twips, firstLineChars=first_chars * 100,
                  firstLine=first_twips))
    ppr.append(el("w:jc", val=align))
    if outline is not None:
        ppr.append(el("w:outlineLvl", val=outline))
    return ppr


def set_style(style, ppr=None, rpr=None) -> None:
    """Give a style exactly these paragraph/run properties (no theme fonts left)."""
    node = style.element
    for tag in ("w:pPr", "w:rPr", "w:link", "w:rsid"):
        for old in node.findall(qn(tag)):
            node.remove(old)
    # CT_Style order: … rsid, pPr, rPr, tblPr, trPr, tcPr, tblStylePr
    later = ("w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr")
    if ppr is not None:
        replace_child(node, ppr, before=later)
    if rpr is not None:
        replace_child(node, rpr, before=later)


def strip_theme_fonts(root) -> None:
    """Remove w:asciiTheme/w:eastAsiaTheme/…: a theme font overrides the named one."""
    for rfonts in root.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme"):
            rfonts.attrib.pop(qn(f"w:{attr}"), None)


def page_field_runs(rpr_factory) -> list:
    """begin / PAGE / separate / "1" / end: the field Word and WPS both update."""
    runs = []
    for kind, payload in (("begin", None), ("instr", " PAGE "), ("separate", None),
                          ("text", "1"), ("end", None)):
        r = OxmlElement("w:r")
        r.append(rpr_factory())
        if kind == "instr":
            t = OxmlElement("w:instrText")
            t.set(qn("xml:space"), "preserve")
            t.text = payload
            r.append(t)
        elif kind == "text":
            t = OxmlElement("w:t")
            t.text = payload
            r.append(t)
        else:
            r.append(el("w:fldChar", fldCharType=kind))
        runs.append(r)
    return runs


def fix_table(table, widths_mm: list[float], header_rows: int = 0) -> None:
    """Fixed layout, centred, single borders, widths on tblW, every gridCol and
    every tcW (WPS reads gridCol, Word reads tcW), header rows repeated."""
    tbl = table._tbl
    tblpr = tbl.tblPr
    widths = [twips(w) for w in widths_mm]
    replace_child(tblpr, el("w:tblW", w=sum(widths), type="dxa"),
                  before=("w:jc", "w:tblBorders", "w:tblLayout", "w:tblCellMar", "w:tblLook"))
    replace_child(tblpr, el("w:jc", val="center"),
                  before=("w:tblBorders", "w:tblLayout", "w:tblCellMar", "w:tblLook"))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(el(f"w:{side}", val="single", sz=4, space=0, color="000000"))
    replace_child(tblpr, borders, before=("w:tblLayout", "w:tblCellMar", "w:tblLook"))
    replace_child(tblpr, el("w:tblLayout", type="fixed"), before=("w:tblCellMar", "w:tblLook"))
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("top", 28), ("left", 57), ("bottom", 28), ("right", 57)):
        margins.append(el(f"w:{side}", w=value, type="dxa"))
    replace_child(tblpr, margins, before=("w:tblLook",))
    grid = tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for w in widths:
        grid.append(el("w:gridCol", w=w))
    for index, row in enumerate(tbl.tr_lst):
        trpr = row.get_or_add_trPr()
        trpr.append(el("w:cantSplit"))
        if index < header_rows:
            trpr.append(el("w:tblHeader"))
        col = 0
        for tc in row.tc_lst:
            span = tc.grid_span
            tcpr = tc.get_or_add_tcPr()
            replace_child(tcpr, el("w:tcW", w=sum(widths[col:col + span]), type="dxa"),
                          before=("w:gridSpan", "w:vMerge", "w:tcBorders", "w:shd", "w:vAlign"))
            replace_child(tcpr, el("w:vAlign", val="center"), before=("w:hideMark",))
            col += span


# Fonts the layout names, with the name Windows/WPS ship when the GB2312 font
# is not installed (仿宋_GB2312 → 仿宋). charset 86 = GB2312.
FONT_ALTERNATES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体",
                   "黑体": "SimHei", "宋体": "SimSun"}


def add_font_alternates(doc) -> None:
    from lxml import etree
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
            root = etree.fromstring(part.blob)
            for name, alt in FONT_ALTERNATES.items():
                font = etree.SubElement(root, qn("w:font"))
                font.set(qn("w:name"), name)
                for tag, value in (("w:altName", alt), ("w:charset", "86"), ("w:family", "modern"),
                                   ("w:pitch", "fixed")):
                    etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

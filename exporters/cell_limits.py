"""How much text one table cell of an export holds, in one place: the Word and
Excel exporters cut there, and the window tells the clerk what will happen
(no heavy library here, so the window may import it).

Word has no hard limit, but LibreOffice lays out a long cell or paragraph in
time that grows faster than its length (a 20,000-character cell took 3.5 s to
open, 60,000 took 22 s, 200,000 did not open within 600 s; one 200,000-character
body paragraph took 79 s). So a Word cell keeps its first WORD_CELL_LIMIT
characters and a reference, the whole text follows the table, and a long
paragraph is cut at sentence ends into paragraphs of at most WORD_PARAGRAPH_LIMIT.
"""

from __future__ import annotations

EXCEL_CELL_LIMIT = 32767          # characters (UTF-16 units) Excel keeps in one cell
WORD_CELL_LIMIT = 500             # characters a Word table cell keeps (its row must fit a page: the layouts set cantSplit)
WORD_PARAGRAPH_LIMIT = 1000       # characters per paragraph of a long text in Word


def long_text_note(length: int) -> str | None:
    """What the exports will do with a text of `length` characters, for the
    window to show beside the field; None when every format holds it as typed."""
    if length <= WORD_CELL_LIMIT:
        return None
    note = (f"这段文字共 {length:,} 字。若它在 Word 报告的表格中，单元格只放前 {WORD_CELL_LIMIT:,} 字并注明"
            "“全文见表后附文”，全文接在该表之后")
    if length > EXCEL_CELL_LIMIT:
        note += f"；Excel 单元格最多 {EXCEL_CELL_LIMIT:,} 字，超出部分以“……（全文见 Word 报告）”代替"
    return note + "。"

"""Reading every output back as text, the way a person searches it: Word through
python-docx (body and every table cell), Excel through openpyxl (every cell), the
PDF through pdftotext. Whitespace is dropped: outputs wrap lines where they like."""

from __future__ import annotations

import io
import re
import subprocess
from decimal import Decimal

_WS = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _WS.sub("", text)


def docx_text(data: bytes) -> str:
    from docx import Document
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    seen = set()   # python-docx repeats a merged cell once per grid column it spans

    def tables(items):
        for t in items:
            for row in t.rows:
                for cell in row.cells:
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)  # kept in the set: lxml keeps the same proxy object
                    parts.extend(p.text for p in cell.paragraphs)
                    tables(cell.tables)
    tables(doc.tables)
    return squeeze("\n".join(parts))


def xlsx_cells(data: bytes) -> tuple[str, set[Decimal]]:
    """(the text of every cell, every number in a cell)."""
    from openpyxl import load_workbook
    wb = load_workbook(io.BytesIO(data))
    texts, numbers = [], set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, (int, float, Decimal)) and not isinstance(c.value, bool):
                    numbers.add(Decimal(str(c.value)).normalize())
                elif c.value is not None:
                    texts.append(str(c.value))
    return squeeze("\n".join(texts)), numbers


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return squeeze(out.stdout)

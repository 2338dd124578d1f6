"""Rewriting a .docx/.xlsx (a zip) for tests of hostile layouts."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path


def rezip(path: Path, replace: dict[str, bytes] | None = None, extra: dict[str, bytes] | None = None,
          bomb: tuple[str, int] | None = None) -> None:
    """`path` rewritten with members replaced or added; `bomb=(member, n)`: that member
    becomes n bytes of XML (spaces) streamed in, so it compresses to almost nothing."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            if not bomb or name != bomb[0]:
                dst.writestr(name, (replace or {}).get(name, src.read(name)))
        for name, body in (extra or {}).items():
            dst.writestr(name, body)
        if bomb:
            with dst.open(bomb[0], "w", force_zip64=True) as fh:
                fh.write(b"<a>")
                for _ in range(bomb[1] >> 20):
                    fh.write(b" " * (1 << 20))
                fh.write(b"</a>")
    path.write_bytes(out.getvalue())

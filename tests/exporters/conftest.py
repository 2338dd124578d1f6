"""Fixtures shared by the exporter tests (Word, Excel, PDF).

`gd_template`, `sample_draft` and `sample_path` come from tests/conftest.py.
Here: the evaluated sample, its render context, and helpers that open an
output the way a person would — LibreOffice headless, then pdftotext.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

# A conversion normally takes 2 s; this only stops a hung soffice from
# blocking the suite forever. It is not a performance assertion.
LO_HANG_LIMIT = 300


@pytest.fixture
def sample_result(gd_template, sample_draft):
    from core.evaluate import evaluate
    return evaluate(gd_template, sample_draft)


@pytest.fixture
def sample_ctx(gd_template, sample_draft, sample_result):
    from exporters.context import build
    return build(gd_template, sample_draft, sample_result)


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:  # fail, do not skip: these tests exist to open real files
        pytest.fail(f"{tool} is not installed (apt-get install libreoffice-writer-nogui "
                    f"libreoffice-calc-nogui poppler-utils)")
    return path


def convert_with_libreoffice(source: Path, out_dir: Path, fmt: str = "pdf") -> Path:
    """Convert `source` with soffice headless in its own throw-away profile
    (two soffice processes sharing a profile block each other)."""
    soffice = _need("soffice")
    profile = out_dir / f"lo-profile-{source.stem}"
    proc = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
         "--convert-to", fmt, "--outdir", str(out_dir), str(source)],
        capture_output=True, text=True, timeout=LO_HANG_LIMIT)
    target = out_dir / f"{source.stem}.{fmt}"
    assert proc.returncode == 0 and target.exists(), (
        f"LibreOffice could not convert {source.name}: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return target


def pdf_text(pdf: Path, layout: bool = False) -> str:
    args = [_need("pdftotext")] + (["-layout"] if layout else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=LO_HANG_LIMIT).stdout


@pytest.fixture
def lo_convert(tmp_path):
    """lo_convert(data_or_path, name="report.docx", fmt="pdf") -> Path of the converted file."""
    def convert(source, name: str = "report.docx", fmt: str = "pdf") -> Path:
        if isinstance(source, (bytes, bytearray)):
            path = tmp_path / name
            path.write_bytes(source)
        else:
            path = Path(source)
        return convert_with_libreoffice(path, tmp_path, fmt)
    return convert


def zip_part(data: bytes, name: str) -> str:
    """One XML part of an Office file as text (word/document.xml, xl/worksheets/sheet1.xml …)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode("utf-8")


@pytest.fixture
def pdftext():
    """pdftext(pdf_path, layout=False) -> the PDF's text layer."""
    return pdf_text


@pytest.fixture
def office_part():
    """office_part(file_bytes, "word/document.xml") -> that part's XML text."""
    return zip_part


ROOT = Path(__file__).resolve().parents[2]
GD_FOLDER = ROOT / "templates" / "gd-dept-overall"


@pytest.fixture
def template_with_docx(tmp_path):
    """template_with_docx(*paragraphs, keep_shipped=False) → the Guangdong template
    copied to a temporary folder, its report.docx replaced by (or, with
    keep_shipped, extended with) these paragraphs. A str is one run; a list of
    str is one run each, the way Word splits a tag it spell-checked."""
    def make(*paragraphs, keep_shipped: bool = False):
        import docx
        from core.registry import load_template

        folder = tmp_path / "tpl"
        shutil.copytree(GD_FOLDER, folder, dirs_exist_ok=True)
        doc = docx.Document(str(GD_FOLDER / "report.docx")) if keep_shipped else docx.Document()
        for text in paragraphs:
            p = doc.add_paragraph()
            for run in [text] if isinstance(text, str) else text:
                p.add_run(run)
        doc.save(str(folder / "report.docx"))
        return load_template(folder)
    return make

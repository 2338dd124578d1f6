"""Our own Excel export of every sample reads back to a draft that checks the same:
same total, same grade, same findings (the report chapters are not in the table)."""

from pathlib import Path

import pytest

from core.opening import open_draft
from core.registry import scan
from exporters.api import export_bytes
from importers.workbook import import_table

from .helpers import check_summary

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.json"))


@pytest.fixture(scope="module")
def templates():
    return [versions[0] for _, versions in sorted(scan().templates.items())]


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_export_then_import_checks_the_same(sample, tmp_path, templates):
    opened = open_draft(str(sample))
    path = tmp_path / "t.xlsx"
    path.write_bytes(export_bytes("xlsx", opened.template, opened.draft))
    draft, report = import_table(path, templates)
    assert report.template.id == opened.template.id
    assert check_summary(opened.template, draft) == check_summary(opened.template, opened.draft)
    assert report.unplaced == [], [n.line() for n in report.unplaced]


def test_scores_the_rules_cannot_recompute_are_kept_with_a_reason(tmp_path, templates):
    """The Guangdong sample's 逐项勾选 rows print only their score: it is kept as printed,
    marked as an adjustment with a reason, and the report names each row."""
    sample = next(s for s in SAMPLES if s.stem.startswith("gd-"))
    opened = open_draft(str(sample))
    path = tmp_path / "gd.xlsx"
    path.write_bytes(export_bytes("xlsx", opened.template, opened.draft))
    draft, report = import_table(path, templates)
    kept = {k: e.override.score for k, e in draft.indicators.items() if e.override}
    assert kept == {"disclosure": "5", "asset_rules": "5", "honors": "5"}
    assert all(draft.indicators[k].override.reason for k in kept)
    assert sum("原表得分 5" in n for n in report.notes) == 3


def test_a_workbook_that_unpacks_to_a_huge_size_is_refused_before_reading(tmp_path):
    import zipfile

    from importers.sheet import MAX_UNPACKED, WorkbookError, read_workbook
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (MAX_UNPACKED + 1))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(WorkbookError, match="解压后超过"):
        read_workbook(path)

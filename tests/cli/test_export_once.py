"""`main.py export`: one evaluation, one render context and one print document
per export, however many formats (issue 15)."""

from __future__ import annotations

import argparse

import pytest

from tests.conftest import SAMPLE


def test_three_formats_evaluate_once_and_build_one_context(tmp_path, count_calls, capsys):
    pytest.importorskip("docxtpl")
    import cli.export  # noqa: F401  (its `evaluate` is counted too)
    import exporters.pdf  # noqa: F401
    evaluations = count_calls("core.evaluate", "evaluate")
    contexts = count_calls("exporters.context", "build")
    documents = count_calls("exporters.printing", "document")
    args = argparse.Namespace(draft=str(SAMPLE), out=str(tmp_path), format="docx,xlsx,pdf")
    assert cli.export.run_export(args) == 0
    written = sorted(p.suffix for p in tmp_path.iterdir())
    assert written == [".docx", ".pdf", ".xlsx"]
    assert (len(evaluations), len(contexts), len(documents)) == (1, 1, 1)
    assert capsys.readouterr().out.count(str(tmp_path)) == 3

"""Security suites: the Jinja sandbox against hostile layouts and texts, file
paths a template cannot escape, and no network at all.

`gd_template`, `sample_draft` and the private JXZP_DATA_DIR come from
tests/conftest.py."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GD = ROOT / "templates" / "gd-dept-overall"


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: long reliability/fuzz suites (CI runs them)")


@pytest.fixture
def marker(tmp_path):
    """A file a payload tries to create; it must never appear."""
    path = tmp_path / "PWNED"
    yield path
    assert not path.exists(), "a template payload ran code"


@pytest.fixture
def template_copy(tmp_path):
    """A writable copy of the Guangdong template folder."""
    folder = tmp_path / "gd-dept-overall"
    shutil.copytree(GD, folder)
    return folder


@pytest.fixture(autouse=True)
def _offscreen():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

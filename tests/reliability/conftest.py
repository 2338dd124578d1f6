"""Reliability suites: killed saves, hostile input, failing disks.

`gd_template`, `sample_draft`, `sample_path` and the private JXZP_DATA_DIR come
from tests/conftest.py. The `slow` marker is declared in pyproject.toml; it is
registered here too so this folder also runs on its own (`pytest tests/reliability`
from another rootdir)."""

from __future__ import annotations

import pytest


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: long reliability/fuzz suites (CI runs them)")


@pytest.fixture
def report_line(request):
    """Print a figure so it shows in the pytest output (-s or -rA) and in the report."""
    lines: list[str] = []

    def add(text: str) -> None:
        lines.append(text)
        print(text)

    yield add
    if lines:
        request.node.user_properties.append(("figures", "; ".join(lines)))

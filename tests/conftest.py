"""Shared test set-up: Qt offscreen (before any Qt import), and the program's
user data folder moved to a temporary one so tests never touch a real profile."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "samples" / "gd-huadu-xinfang-2021.json"
GD_TEMPLATE = ROOT / "templates" / "gd-dept-overall"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    data = tmp_path_factory.mktemp("jxzp-data")
    monkeypatch.setenv("JXZP_DATA_DIR", str(data))
    return data


@pytest.fixture
def gd_template():
    from core.registry import load_template
    return load_template(GD_TEMPLATE)


@pytest.fixture
def sample_draft():
    from core.store import read_draft
    return read_draft(SAMPLE)


@pytest.fixture
def sample_path():
    return SAMPLE


@pytest.fixture
def count_calls(monkeypatch):
    """count_calls("core.evaluate", "evaluate") → a list that grows by one per call,
    wherever the function was imported by name (`from core.evaluate import evaluate`)."""
    import importlib

    def count(module_name: str, name: str) -> list:
        original = getattr(importlib.import_module(module_name), name)
        calls: list = []

        def counted(*args, **kwargs):
            calls.append(args)
            return original(*args, **kwargs)
        for module in list(sys.modules.values()):
            if getattr(module, name, None) is original:
                monkeypatch.setattr(module, name, counted)
        return calls
    return count

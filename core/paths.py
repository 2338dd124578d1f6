"""Where the program keeps its own files (never the clerk's drafts)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "jxzp"


def data_dir() -> Path:
    """The user data folder; JXZP_DATA_DIR moves it (tests, portable installs)."""
    override = os.environ.get("JXZP_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP, appauthor=False))


def journal_dir() -> Path:
    return data_dir() / "journal"


def user_templates_dir() -> Path:
    return data_dir() / "templates"


def log_dir() -> Path:
    return data_dir() / "logs"

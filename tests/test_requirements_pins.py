"""The pins in pyproject.toml, requirements.txt and requirements-test.txt agree.

scripts/bootstrap.sh installs from the requirements files; pyproject.toml is
the documented source.  If they drift, CI and a clerk's machine would run
different libraries.  PySide6-Essentials must stay on 6.8.x/6.9.x: 6.10+
wheels need glibc >= 2.34 and no longer install on 麒麟 V10 / 统信 UOS V20.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parent.parent
PIN_RE = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([A-Za-z0-9.+!_-]+)\s*$")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _parse_pins(lines, where):
    pins = {}
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-r ") or line.startswith("--requirement"):
            continue
        m = PIN_RE.match(line)
        assert m, f"{where}: not an exact '==' pin: {raw!r}"
        key = _norm(m.group(1))
        assert key not in pins, f"{where}: {m.group(1)} listed twice"
        pins[key] = m.group(2)
    return pins


def _req_file(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    return text, _parse_pins(text.splitlines(), name)


def _pyproject():
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]


def test_runtime_pins_match_pyproject():
    project = _pyproject()
    _, req = _req_file("requirements.txt")
    assert req == _parse_pins(project["dependencies"], "pyproject [project] dependencies")


def test_test_pins_match_pyproject():
    project = _pyproject()
    text, req_test = _req_file("requirements-test.txt")
    assert re.search(r"^-r\s+requirements\.txt\s*$", text, re.M), \
        "requirements-test.txt must start from '-r requirements.txt'"
    extras = project["optional-dependencies"]
    assert req_test == _parse_pins(extras["test"], "pyproject test extra")
    _parse_pins(extras["bundle"], "pyproject bundle extra")  # exact pins too


def test_pyside6_stays_on_manylinux_2_28_line():
    deps = _parse_pins(_pyproject()["dependencies"], "pyproject")
    _, req = _req_file("requirements.txt")
    for where, pins in (("pyproject.toml", deps), ("requirements.txt", req)):
        version = pins.get("pyside6-essentials")
        assert version, f"{where}: PySide6-Essentials is not pinned"
        assert re.match(r"^6\.[89]\.", version), (
            f"{where}: PySide6-Essentials=={version}; must be 6.8.x or 6.9.x "
            "(6.10+ needs glibc >= 2.34: no install on 麒麟 V10 / UOS V20)")
    assert "pyside6" not in deps, "use PySide6-Essentials, not the full PySide6"


def test_venv_holds_the_pinned_versions():
    """Inside the repo's .venv the installed versions are the pinned ones."""
    if Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        pytest.skip("not running in the repo's .venv (use scripts/test.sh)")
    _, wanted = _req_file("requirements-test.txt")
    wanted.update(_req_file("requirements.txt")[1])
    wrong = {}
    for name, version in wanted.items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            have = None
        if have != version:
            wrong[name] = (version, have)
    assert not wrong, f"pinned vs installed: {wrong} (delete .venv/.req-* and rerun)"

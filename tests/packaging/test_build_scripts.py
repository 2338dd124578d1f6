"""The build scripts, without building (a bundle build takes minutes and is never
run by the tests): they parse, refuse what they do not know, and the setup.py
patch of the glibc 2.28 route does what it says or stops."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = [ROOT / "packaging" / "build.sh", ROOT / "packaging" / "build_glibc228.sh"]
needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")

SETUP_PY = """
    def add_multiarch_paths(self):
        # Debian/Ubuntu multiarch support.
        pass

    def init_inc_lib_dirs(self):
        system_lib_dirs = ['/lib64', '/usr/lib64', '/lib', '/usr/lib']
        system_include_dirs = ['/usr/include']
"""


@needs_bash
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_script_parses(script):
    proc = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


@needs_bash
def test_build_refuses_an_unknown_argument_before_building(tmp_path):
    proc = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh"), "--glibc-2.17"], capture_output=True,
                          text=True, timeout=60, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert proc.returncode == 2 and "未知参数" in proc.stderr and "--glibc-2.17" in proc.stderr


def test_sources_are_pinned_by_sha256():
    text = (ROOT / "packaging" / "build_glibc228.sh").read_text(encoding="utf-8")
    entries = re.findall(r'^\s*"(\w+)\|([\w.+-]+)\|([\w.+~-]+)\|([0-9a-f]+)"$', text, re.M)
    assert {name for name, *_ in entries} == {"python", "zlib", "libffi", "bzip2", "xz"}
    assert all(len(digest) == 64 for *_, digest in entries)


def test_setup_patch_keeps_the_build_machines_headers_out(tmp_path):
    setup = tmp_path / "setup.py"
    setup.write_text(SETUP_PY, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "glibc228_setup_patch.py"), str(setup)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    patched = setup.read_text(encoding="utf-8")
    assert "def add_multiarch_paths(self):\n        return\n" in patched
    assert "system_lib_dirs = []" in patched and "system_include_dirs = []" in patched
    assert "/usr/include" not in patched


def test_setup_patch_stops_on_a_setup_py_it_does_not_know(tmp_path):
    setup = tmp_path / "setup.py"
    setup.write_text(SETUP_PY.replace("'/usr/include'", "'/usr/local/include'"), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "glibc228_setup_patch.py"), str(setup)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "not patched" in proc.stderr

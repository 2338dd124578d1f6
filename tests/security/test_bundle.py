"""The offline bundle (packaging/): when dist/jxzp exists (bash packaging/build.sh,
or JXZP_BUNDLE=/path/to/jxzp), packaging/check_bundle.py must pass on it:
check, export of all three formats, the window, and no network. Without a
bundle the check is skipped; the spec's portability and the checker's ability
to fail are tested always."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("JXZP_BUNDLE", ROOT / "dist" / "jxzp"))
EXE = ".exe" if os.name == "nt" else ""


@pytest.mark.slow
@pytest.mark.skipif(not (BUNDLE / f"jxzp-cli{EXE}").is_file(),
                    reason=f"no bundle at {BUNDLE} (bash packaging/build.sh builds one)")
def test_built_bundle_passes_its_check():
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "check_bundle.py"), str(BUNDLE), "--json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=900)
    report = json.loads(proc.stdout)
    failed = [r for r in report["results"] if not r[1]]
    assert proc.returncode == 0 and report["passed"] and not failed, failed
    print(report["figures"])


def test_spec_has_no_machine_specific_paths():
    """The spec must build unchanged on Windows 10/11: no absolute or Linux-only paths."""
    spec = (ROOT / "packaging" / "jxzp.spec").read_text(encoding="utf-8")
    code = "\n".join(ln.split("#", 1)[0] for ln in spec.splitlines())
    assert not re.search(r"[\"'](/usr|/lib|/tmp|/home|/work|/opt|[A-Za-z]:\\\\)", code)
    assert "SPECPATH" in code, "paths must be relative to the spec's own folder"


@pytest.mark.skipif(os.name == "nt", reason="the stand-in bundle is made of shell scripts")
def test_the_checker_fails_a_broken_bundle(tmp_path):
    """A 'bundle' whose check prints the wrong total and whose export writes
    nothing must be failed, or a passing check proves nothing."""
    fake = tmp_path / "jxzp"
    (fake / "_internal" / "samples").mkdir(parents=True)
    (fake / "_internal" / "samples" / "gd-huadu-xinfang-2021.json").write_text("{}", encoding="utf-8")
    for name, body in (("jxzp-cli", 'echo "总分 95.8 / 100"'), ("jxzp", "echo ready")):
        (fake / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (fake / name).chmod(0o755)
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "check_bundle.py"), str(fake), "--json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    report = json.loads(proc.stdout)
    failed = {r[0] for r in report["results"] if not r[1]}
    assert proc.returncode == 1
    assert {"check: exit 0, total 95.9", "export: exit 0, three files", "--self-test: exit 0, prints 通过",
            "hook was active (it logged the modules at exit)"} <= failed


GLIBC228_BUNDLE = os.environ.get("JXZP_GLIBC228_BUNDLE")


@pytest.mark.slow
@pytest.mark.skipif(not GLIBC228_BUNDLE, reason="set JXZP_GLIBC228_BUNDLE to a bundle from build.sh --glibc-2.28")
def test_glibc228_bundle_passes_the_manylinux_2_28_audit():
    proc = subprocess.run([sys.executable, str(ROOT / "packaging" / "audit_bundle.py"), GLIBC228_BUNDLE, "--json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=600)
    report = json.loads(proc.stdout)
    assert proc.returncode == 0 and report["passed"], report["problems"][:20]
    assert report["highest"]["GLIBC"]["version"] == "2.28"


@pytest.mark.slow
@pytest.mark.skipif(not (BUNDLE / "jxzp-cli").is_file(), reason=f"no Linux bundle at {BUNDLE}")
def test_pinyin_through_fcitx5_reaches_the_bundled_program():
    """Chinese input in the built program itself (its own Qt and ibus plugin), not only from source."""
    import shutil
    missing = [t for t in ("xvfb-run", "fcitx5", "xdotool", "dbus-launch") if shutil.which(t) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)}")
    out = subprocess.run(["bash", str(ROOT / "tools" / "check_fcitx_input.sh"), "--bundle", str(BUNDLE)],
                         capture_output=True, text=True, timeout=180)
    assert "FIELD=你好" in out.stdout, out.stdout + out.stderr[-2000:]

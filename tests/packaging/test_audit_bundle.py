"""packaging/audit_bundle.py: the proof that a bundle starts on 麒麟 V10 / 统信 UOS V20
(glibc 2.28). Fixture ELF files are compiled here with gcc against this machine's
glibc (Debian 12: 2.36), so one that uses a symbol added after 2.28 must fail
the audit exactly as today's Debian-12 bundle does, and one that uses only old
symbols must pass."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AUDIT = ROOT / "packaging" / "audit_bundle.py"


def _load():
    spec = importlib.util.spec_from_file_location("audit_bundle", AUDIT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["audit_bundle"] = module   # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


audit_bundle = _load()
GCC = shutil.which("gcc")
needs_gcc = pytest.mark.skipif(GCC is None or not sys.platform.startswith("linux"), reason="needs gcc on Linux")

OLD_C = """
#include <string.h>
#include <stdio.h>
int old_symbols(const char *s) { return printf("%zu\\n", strlen(s)); }
"""
# pthread_create moved into libc in glibc 2.34 and has the version GLIBC_2.34
# there; any library built on Debian 12 that starts a thread needs it.
NEW_C = """
#include <pthread.h>
static void *run(void *arg) { return arg; }
int new_symbols(void) { pthread_t t; return pthread_create(&t, 0, run, 0); }
"""


def compile_so(folder: Path, name: str, source: str, *libs: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    c = folder / f"{name}.c"
    c.write_text(source, encoding="utf-8")
    out = folder / f"{name}.so"
    subprocess.run([GCC, "-shared", "-fPIC", "-O1", "-o", str(out), str(c), *libs], check=True,
                   capture_output=True, timeout=120)
    c.unlink()
    return out


def test_policy_comes_from_auditwheel_data():
    """The ceiling is auditwheel's manylinux_2_28 data, not numbers typed here."""
    import auditwheel
    data = json.loads((Path(auditwheel.__file__).parent / "policy" / "manylinux-policy.json").read_text("utf-8"))
    shipped = next(p for p in data if p["name"] == "manylinux_2_28")
    ceiling = audit_bundle.policy_ceiling("manylinux_2_28")
    for family, versions in shipped["symbol_versions"]["x86_64"].items():
        assert ceiling[family] == max(versions, key=audit_bundle.version_key)
    assert ceiling["GLIBC"] == "2.28"
    assert audit_bundle.load_policy("manylinux2014")["name"] == "manylinux_2_17"


def test_version_order_is_numeric():
    key = audit_bundle.version_key
    assert key("2.28") < key("2.34") and key("3.4.9") < key("3.4.25") and key("2.2.5") < key("2.3")


@needs_gcc
def test_debian12_built_library_fails_the_audit(tmp_path):
    bundle = tmp_path / "jxzp"
    compile_so(bundle / "_internal", "libnew", NEW_C, "-pthread")
    report = audit_bundle.audit(bundle)
    assert not report.passed
    assert report.highest["GLIBC"][0] == "2.34"
    assert report.highest["GLIBC"][1] == ["_internal/libnew.so"]
    assert any("GLIBC_2.34" in p and "_internal/libnew.so" in p for p in report.problems)
    # the command line says so too, with exit 1
    proc = subprocess.run([sys.executable, str(AUDIT), str(bundle)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stdout
    assert "GLIBC_2.34" in proc.stdout and "审核未通过" in proc.stdout


@needs_gcc
def test_debian12_executable_fails_the_audit(tmp_path):
    """Every program linked on glibc >= 2.34 needs __libc_start_main@GLIBC_2.34:
    the bundle's own launcher would pin it, however simple."""
    (tmp_path / "main.c").write_text("int main(void) { return 0; }\n", encoding="utf-8")
    subprocess.run([GCC, "-o", str(tmp_path / "prog"), str(tmp_path / "main.c")], check=True, timeout=120)
    report = audit_bundle.audit(tmp_path)
    assert not report.passed and audit_bundle.version_key(report.highest["GLIBC"][0]) >= (2, 34)


@needs_gcc
def test_library_using_only_old_symbols_passes(tmp_path):
    bundle = tmp_path / "jxzp"
    compile_so(bundle, "libold", OLD_C)
    # a library that needs another one shipped in the bundle, and libm from the system
    compile_so(bundle, "libuser", "double twice(double x);\ndouble twice(double x) { return 2 * x; }\n",
               f"-L{bundle}", "-lold", "-lm")
    (bundle / "README").write_text("not an ELF", encoding="utf-8")
    report = audit_bundle.audit(bundle)
    assert report.passed, report.problems
    assert report.files == 2
    assert audit_bundle.version_key(report.highest["GLIBC"][0]) <= (2, 28)
    assert report.system.get("libc.so.6") == "policy"
    assert "libold.so" not in report.system, "a library inside the bundle is not a system library"
    proc = subprocess.run([sys.executable, str(AUDIT), str(bundle), "--json"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0 and json.loads(proc.stdout)["passed"]


@needs_gcc
def test_system_library_outside_policy_and_desktop_fails(tmp_path):
    """A library not every 麒麟/UOS PC has (here libcrypt from Debian 12) is named."""
    if not any(Path(d, "libcrypt.so").exists() for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib")):
        pytest.skip("no libcrypt.so to link against")
    compile_so(tmp_path, "libc1", "char *crypt(const char *, const char *);\n"
               "char *hash(const char *k) { return crypt(k, \"ab\"); }\n", "-lcrypt")
    report = audit_bundle.audit(tmp_path)
    assert not report.passed
    assert any("libcrypt.so.1" in p for p in report.problems)


def test_desktop_libraries_are_the_ones_docs_deploy_names():
    """Each desktop library the audit lets through is a package docs/deploy.md
    tells the IT person to have; and Qt's desktop libraries are let through."""
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for package in audit_bundle.DESKTOP.values():
        for name in package.split():
            assert name in doc, f"{name} is allowed by the audit but not listed in docs/deploy.md"
    for lib in ("libEGL.so.1", "libfontconfig.so.1", "libxcb-cursor.so.0", "libxkbcommon-x11.so.0",
                "libdbus-1.so.3", "libglib-2.0.so.0"):
        assert any(rx.match(lib) for rx, _ in audit_bundle.DESKTOP_RE), lib
    for lib in ("libgtk-3.so.0", "libssl.so.3", "libwayland-client.so.0"):
        assert not any(rx.match(lib) for rx, _ in audit_bundle.DESKTOP_RE), lib


def test_empty_folder_is_not_a_pass(tmp_path):
    assert not audit_bundle.audit(tmp_path).passed
    proc = subprocess.run([sys.executable, str(AUDIT), str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2


@needs_gcc
def test_optional_qt_plugin_may_need_what_the_desktop_lacks(tmp_path):
    """Qt skips the GTK 3 theme and the Wayland plugins when their libraries are
    missing: what they need is reported as optional. The same file anywhere
    else fails, and an optional plugin is still held to the glibc ceiling."""
    elsewhere = tmp_path / "libs"
    compile_so(elsewhere, "libgtkish", "int gtk_thing(void) { return 1; }\n")
    plugin_src = "int gtk_thing(void);\nint theme(void) { return gtk_thing(); }\n"
    bundle = tmp_path / "jxzp"
    themes = bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "platformthemes"
    compile_so(themes, "libqgtk3", plugin_src, f"-L{elsewhere}", "-lgtkish")
    report = audit_bundle.audit(bundle)
    assert report.passed, report.problems
    assert report.optional == {"libgtkish.so": ["_internal/PySide6/Qt/plugins/platformthemes/libqgtk3.so"]}

    (themes / "libqgtk3.so").rename(bundle / "_internal" / "libqgtk3.so")
    report = audit_bundle.audit(bundle)
    assert not report.passed and any("libgtkish.so" in p for p in report.problems)

    compile_so(themes, "libqgtk3", NEW_C, "-pthread")
    assert not audit_bundle.audit(themes.parent).passed


def test_glibc_loader_is_part_of_glibc():
    assert audit_bundle.GLIBC_LOADER.match("ld-linux-x86-64.so.2")
    assert not audit_bundle.GLIBC_LOADER.match("ld-musl-x86_64.so.1")

"""Audit a built bundle (or any folder) for the oldest Linux it can start on.

    python packaging/audit_bundle.py dist/jxzp [--policy manylinux_2_28] [--json]

Every ELF file in the folder is read (pyelftools) for
  * the symbol versions it needs (GLIBC_2.34, GLIBCXX_3.4.29, CXXABI_1.3.13 …):
    each one whose family the policy knows must be in the policy's list — the
    policy is auditwheel's own data (auditwheel/policy/manylinux-policy.json),
    not numbers copied here;
  * the libraries it needs (DT_NEEDED): each must be in the bundle, in the
    policy's list of libraries every such system has, or one of the desktop
    libraries below that docs/deploy.md tells the IT person the PC must have.
    Anything else is a library a 麒麟 V10 / 统信 UOS V20 PC may well lack.

Exit 0 when every file passes, 1 otherwise (2: nothing to audit). The report
names, per version family, the highest version needed and the files that need
it, so a failure says which module pinned the bundle to a newer system.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from elftools.common.exceptions import ELFError
from elftools.elf.dynamic import DynamicSection
from elftools.elf.elffile import ELFFile
from elftools.elf.gnuversions import GNUVerNeedSection

DEFAULT_POLICY = "manylinux_2_28"

# Libraries Qt's xcb/offscreen plugins and PySide6's own libraries take from
# the desktop (the PySide6 wheel itself expects them; bundling them from the
# build machine would pin the bundle to its glibc and clash with the desktop's
# X11/fontconfig/GLib). Each maps to the package docs/deploy.md names, so a
# new entry here is a new line in that table (tests/packaging checks).
DESKTOP = {
    r"libGL\.so\.1|libEGL\.so\.1|libOpenGL\.so\.0|libGLX\.so\.0": "libgl1 libegl1",
    r"libfontconfig\.so\.1": "libfontconfig1",
    r"libfreetype\.so\.6": "libfreetype6",
    r"libX11\.so\.6|libX11-xcb\.so\.1|libXext\.so\.6|libXrender\.so\.1|libXi\.so\.6": "libx11-6",
    r"libxcb(-[a-z0-9]+)?\.so\.[0-9]+": "libxcb1",
    r"libxkbcommon\.so\.0": "libxkbcommon0",
    r"libxkbcommon-x11\.so\.0": "libxkbcommon-x11-0",
    r"lib(glib|gobject|gthread|gmodule|gio)-2\.0\.so\.0": "libglib2.0-0",
    r"libdbus-1\.so\.3": "libdbus-1-3",
    r"libcups\.so\.2": "libcups2",
    r"libzstd\.so\.1": "libzstd1",
}
DESKTOP_RE = [(re.compile(rf"^(?:{pattern})$"), package) for pattern, package in DESKTOP.items()]

# glibc's own dynamic loader: part of every glibc, named in no policy list.
GLIBC_LOADER = re.compile(r"^ld-linux(-x86-64|-aarch64)?\.so\.[12]$")
# Qt plugins Qt tries and skips when their libraries are absent: the GTK 3
# theme (GNOME desktops) and Wayland (Qt falls back to xcb, which 麒麟 V10 and
# UOS V20 use), with the Qt Wayland libraries only they load. What they need
# from the system is reported, not failed;
# their symbol versions are still held to the policy.
OPTIONAL = re.compile(r"(^|/)(plugins/(platformthemes/libqgtk3\.so|wayland-[a-z-]+/|platforms/libqwayland)"
                      r"|libQt6(Wayland|Wl)[A-Za-z]*\.so)")   # the last: Qt's Wayland client, only those plugins load it

ARCH = {"EM_X86_64": "x86_64", "EM_AARCH64": "aarch64", "EM_386": "i686"}


def load_policy(name: str = DEFAULT_POLICY) -> dict:
    """The named policy as auditwheel ships it (name or alias, e.g. manylinux2014)."""
    data = json.loads(resources.files("auditwheel.policy").joinpath("manylinux-policy.json").read_text("utf-8"))
    for policy in data:
        if name == policy["name"] or name in policy.get("aliases", []):
            return policy
    raise KeyError(f"auditwheel knows no policy {name!r}")


def version_key(version: str) -> tuple:
    """2.28 < 2.34, 3.4.9 < 3.4.25; names that are not numbers (TM_1) sort first."""
    return tuple(int(part) if part.isdigit() else -1 for part in re.split(r"[._]", version))


@dataclass
class ElfInfo:
    path: str
    arch: str
    soname: str | None
    needed: list[str]
    versions: dict[str, set[str]]   # family (GLIBC) → versions (2.34) the file needs


@dataclass
class Report:
    policy: str
    files: int = 0
    problems: list[str] = field(default_factory=list)
    highest: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # family → (version, files)
    system: dict[str, str] = field(default_factory=dict)   # library → "policy" | desktop package
    optional: dict[str, list[str]] = field(default_factory=dict)  # library → optional plugins needing it

    @property
    def passed(self) -> bool:
        return self.files > 0 and not self.problems


def read_elf(path: Path, root: Path) -> ElfInfo | None:
    with open(path, "rb") as fh:
        if fh.read(4) != b"\x7fELF":
            return None
        fh.seek(0)
        try:
            elf = ELFFile(fh)
        except ELFError:
            return None
        needed, soname = [], None
        versions: dict[str, set[str]] = {}
        for section in elf.iter_sections():
            if isinstance(section, DynamicSection):
                for tag in section.iter_tags():
                    if tag.entry.d_tag == "DT_NEEDED":
                        needed.append(tag.needed)
                    elif tag.entry.d_tag == "DT_SONAME":
                        soname = tag.soname
            elif isinstance(section, GNUVerNeedSection):
                for _verneed, auxiliaries in section.iter_versions():
                    for aux in auxiliaries:
                        family, _, version = aux.name.partition("_")
                        versions.setdefault(family, set()).add(version)
        arch = ARCH.get(elf["e_machine"], str(elf["e_machine"]))
    return ElfInfo(path.relative_to(root).as_posix(), arch, soname, needed, versions)


def elf_files(folder: Path) -> list[ElfInfo]:
    found = []
    for path in sorted(folder.rglob("*")):
        # a symlink points at a file that is audited under its own name
        if path.is_file() and not path.is_symlink():
            info = read_elf(path, folder)
            if info is not None:
                found.append(info)
    return found


def audit(folder: Path, policy_name: str = DEFAULT_POLICY) -> Report:
    policy = load_policy(policy_name)
    report = Report(policy=policy["name"])
    elves = elf_files(folder)
    report.files = len(elves)
    in_bundle = {e.soname for e in elves if e.soname} | {Path(e.path).name for e in elves}
    in_bundle |= {p.name for p in folder.rglob("*") if p.is_symlink()}
    allowed_libs = set(policy["lib_whitelist"])
    needers: dict[tuple[str, str], list[str]] = {}

    for elf in elves:
        allowed = policy["symbol_versions"].get(elf.arch)
        if allowed is None:
            report.problems.append(f"{elf.path}: 架构 {elf.arch} 不在 {policy['name']} 策略中 / architecture not in policy")
            continue
        for family, versions in elf.versions.items():
            if family not in allowed:
                continue   # a library's own versions (Qt_6, LIBFFI_BASE_8.0): not the system's
            for version in versions:
                needers.setdefault((family, version), []).append(elf.path)
                if version not in allowed[family]:
                    report.problems.append(
                        f"{elf.path}: 需要 {family}_{version}，超出 {policy['name']} / "
                        f"needs {family}_{version}, newer than {policy['name']} allows")
        for lib in elf.needed:
            if lib in in_bundle:
                continue
            if lib in allowed_libs or GLIBC_LOADER.match(lib):
                report.system[lib] = "policy"
                continue
            package = next((pkg for rx, pkg in DESKTOP_RE if rx.match(lib)), None)
            if package:
                report.system[lib] = package
            elif OPTIONAL.search(elf.path):
                report.optional.setdefault(lib, []).append(elf.path)
            else:
                report.problems.append(
                    f"{elf.path}: 需要系统库 {lib}，它既不在打包结果里，也不在 {policy['name']} 或桌面必备库之列 / "
                    f"needs {lib}, which is neither bundled nor provided by every such system")

    for (family, version), files in needers.items():
        best = report.highest.get(family)
        if best is None or version_key(version) > version_key(best[0]):
            report.highest[family] = (version, sorted(files))
    return report


def policy_ceiling(policy_name: str = DEFAULT_POLICY, arch: str = "x86_64") -> dict[str, str]:
    """Highest version per family the policy allows (GLIBC → 2.28), for the report."""
    allowed = load_policy(policy_name)["symbol_versions"][arch]
    return {family: max(versions, key=version_key) for family, versions in allowed.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="审核打包结果能在哪些 Linux 上启动 / audit a bundle's glibc needs")
    parser.add_argument("folder", type=Path, nargs="?", default=Path(__file__).resolve().parent.parent / "dist" / "jxzp")
    parser.add_argument("--policy", default=DEFAULT_POLICY)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"没有找到文件夹：{args.folder}", file=sys.stderr)
        return 2
    report = audit(args.folder, args.policy)
    if report.files == 0:
        print(f"{args.folder} 中没有 ELF 文件 / no ELF file to audit", file=sys.stderr)
        return 2
    ceiling = policy_ceiling(args.policy)
    if args.json:
        print(json.dumps({"passed": report.passed, "policy": report.policy, "files": report.files,
                          "highest": {k: {"version": v, "files": f} for k, (v, f) in report.highest.items()},
                          "allowed": ceiling, "system": report.system, "optional": report.optional,
                          "problems": report.problems},
                         ensure_ascii=False, indent=1))
    else:
        print(f"策略 / policy: {report.policy}（auditwheel 数据），ELF 文件 {report.files} 个")
        for family in sorted(report.highest):
            version, files = report.highest[family]
            mark = "通过" if version in load_policy(args.policy)["symbol_versions"]["x86_64"].get(family, []) else "失败"
            print(f"{mark}  最高 {family}_{version}（允许 ≤ {family}_{ceiling.get(family)}），"
                  f"{len(files)} 个文件，如 {files[0]}")
        for lib, source in sorted(report.system.items()):
            print(f"      系统库 {lib}: " + ("manylinux 策略内" if source == "policy" else f"桌面必备（{source}）"))
        for lib, plugins in sorted(report.optional.items()):
            print(f"      可选 {lib}: 仅 {len(plugins)} 个可选插件需要（如 {plugins[0]}），缺少时 Qt 跳过该插件")
        for problem in report.problems[:50]:
            print(f"失败  {problem}")
        if len(report.problems) > 50:
            print(f"…… 另有 {len(report.problems) - 50} 处")
        print("审核通过" if report.passed else "审核未通过")
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# packaging/build.sh — build the offline one-folder program on Linux, then check it.
#
#   bash packaging/build.sh            → dist/jxzp/  (jxzp = window, jxzp-cli = check/export/new)
#   PYTHON=/path/to/python bash packaging/build.sh
#   BUILD_NO_CHECK=1 bash packaging/build.sh   (skip packaging/check_bundle.py)
#   bash packaging/build.sh --glibc-2.28   → dist/jxzp/ for 麒麟 V10 / 统信 UOS V20 (glibc 2.28),
#        built here: a zig-compiled Python 3.11 (packaging/build_glibc228.sh, work
#        in BUILD_DIR, default build/glibc228/, about 15 min the first time on 2 cores),
#        then PyInstaller with it, then packaging/audit_bundle.py (manylinux_2_28).
#
# Without --glibc-2.28 the bundle only runs on systems whose glibc is at least
# this machine's (Debian 12: 2.36). Windows: docs/deploy.md (same spec, unchanged).
# Never run by tests or .ci/run (minutes, not seconds).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYINSTALLER_VERSION=6.22.3   # pinned in pyproject.toml [project.optional-dependencies] bundle

GLIBC228=0
for arg in "$@"; do
    case "$arg" in
        --glibc-2.28) GLIBC228=1 ;;
        *) echo "build.sh: 未知参数 / unknown argument: $arg" >&2; exit 2 ;;
    esac
done
pin() { sed -n "s/^$1==\([^ #]*\).*/\1/p" "$ROOT/$2"; }

if (( GLIBC228 )); then
    B="${BUILD_DIR:-$ROOT/build/glibc228}"
    BUILD_DIR="$B" bash "$ROOT/packaging/build_glibc228.sh"
    # the interpreter has no ssl: uv (in the tools venv) fetches the wheels, and
    # only wheels tagged manylinux_2_28 or older are taken; pyelftools lets the
    # spec drop runtime libraries nothing needs (jxzp.spec, drop_orphans)
    "$B/tools/bin/python" -m pip install -q "uv==$(sed -n 's/^UV_VERSION=//p' scripts/bootstrap.sh)" \
        "auditwheel==$(pin auditwheel requirements-test.txt)" "pyelftools==$(pin pyelftools requirements-test.txt)"
    [[ -x "$B/venv/bin/python" ]] || "$B/python/bin/python3.11" -m venv --without-pip "$B/venv"
    "$B/tools/bin/uv" pip install -q --python "$B/venv/bin/python" --python-platform x86_64-manylinux_2_28 \
        -r requirements.txt "pyinstaller==$PYINSTALLER_VERSION" "pyelftools==$(pin pyelftools requirements-test.txt)"
    PYTHON="$B/venv/bin/python"
fi

if [[ -n "${PYTHON:-}" ]]; then PY="$PYTHON"
elif [[ -x .venv/bin/python ]]; then PY=.venv/bin/python
else bash scripts/bootstrap.sh >&2; PY=.venv/bin/python
fi

if ! "$PY" -c "import PyInstaller, sys; sys.exit(PyInstaller.__version__ != '$PYINSTALLER_VERSION')" 2>/dev/null; then
    echo "[build] 安装 / installing pyinstaller==$PYINSTALLER_VERSION" >&2
    "$PY" -m pip install -q "pyinstaller==$PYINSTALLER_VERSION" >&2
fi

if (( GLIBC228 )); then echo "[build] target: glibc 2.28 (audited below)" >&2
else echo "[build] glibc of this machine: $(ldd --version 2>/dev/null | head -1 | awk '{print $NF}') (the bundle needs at least this)" >&2
fi
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" "$ROOT/packaging/jxzp.spec"
echo "[build] dist/jxzp: $(du -sh dist/jxzp | cut -f1), built in $(( $(date +%s) - start )) s" >&2

if (( GLIBC228 )); then
    "$B/tools/bin/python" packaging/audit_bundle.py dist/jxzp --policy manylinux_2_28
    PY="$B/tools/bin/python"   # check_bundle.py itself needs no third-party module
fi

if [[ "${BUILD_NO_CHECK:-}" != 1 ]]; then
    "$PY" packaging/check_bundle.py dist/jxzp
fi

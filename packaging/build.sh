#!/usr/bin/env bash
# packaging/build.sh — build the offline one-folder program on Linux, then check it.
#
#   bash packaging/build.sh            → dist/jxzp/  (jxzp = window, jxzp-cli = check/export/new)
#   PYTHON=/path/to/python bash packaging/build.sh
#   BUILD_NO_CHECK=1 bash packaging/build.sh   (skip packaging/check_bundle.py)
#
# The bundle only runs on systems whose glibc is at least the build machine's:
# for 麒麟 V10 (glibc 2.28) / 统信 UOS V20 (2.31) build on a glibc 2.28 system
# (docs/deploy.md). Windows: see docs/deploy.md (same spec, unchanged).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYINSTALLER_VERSION=6.22.3   # pinned in pyproject.toml [project.optional-dependencies] bundle

if [[ -n "${PYTHON:-}" ]]; then PY="$PYTHON"
elif [[ -x .venv/bin/python ]]; then PY=.venv/bin/python
else bash scripts/bootstrap.sh >&2; PY=.venv/bin/python
fi

if ! "$PY" -c "import PyInstaller, sys; sys.exit(PyInstaller.__version__ != '$PYINSTALLER_VERSION')" 2>/dev/null; then
    echo "[build] 安装 / installing pyinstaller==$PYINSTALLER_VERSION" >&2
    "$PY" -m pip install -q "pyinstaller==$PYINSTALLER_VERSION" >&2
fi

echo "[build] glibc of this machine: $(ldd --version 2>/dev/null | head -1 | awk '{print $NF}') (the bundle needs at least this)" >&2
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" "$ROOT/packaging/jxzp.spec"
echo "[build] dist/jxzp: $(du -sh dist/jxzp | cut -f1), built in $(( $(date +%s) - start )) s" >&2

if [[ "${BUILD_NO_CHECK:-}" != 1 ]]; then
    "$PY" packaging/check_bundle.py dist/jxzp
fi

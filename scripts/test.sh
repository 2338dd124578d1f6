#!/usr/bin/env bash
# scripts/test.sh [pytest args...] — set up (first time only) and run the tests
# offscreen.  Examples:  bash scripts/test.sh -m "not slow"
#                        bash scripts/test.sh tests/core -x -q
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/bootstrap.sh --test
export QT_QPA_PLATFORM=offscreen
rc=0
"$ROOT/.venv/bin/python" -m pytest "$@" || rc=$?
if [[ $rc -eq 5 ]]; then
    echo "test.sh: 没有收集到任何测试，视为失败 / pytest collected no tests (exit 5): treating as failure" >&2
    exit 1
fi
exit "$rc"

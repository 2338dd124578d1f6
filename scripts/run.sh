#!/usr/bin/env bash
# scripts/run.sh [args...] — set up (first time only) and start the program.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/bootstrap.sh
exec "$ROOT/.venv/bin/python" main.py "$@"

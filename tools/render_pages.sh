#!/usr/bin/env bash
# Renders every sample's exports into docs/pages/ the way a person sees them: Word and Excel
# through LibreOffice, all three as 60 dpi PNG pages (pdftoppm). Run after a layout changes.
#   bash tools/render_pages.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="$ROOT/.venv/bin/python"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
render() {   # sample prefix
    local sample="$1" prefix="$2" d="$work/$2"
    mkdir -p "$d/out" "$d/lo"
    QT_QPA_PLATFORM=offscreen "$PY" "$ROOT/main.py" export "$ROOT/samples/$sample" --out "$d/out" >/dev/null 2>&1 || true
    cp "$d/out/"*.docx "$d/lo/report.docx"; cp "$d/out/"*.xlsx "$d/lo/table.xlsx"; cp "$d/out/"*.pdf "$d/print.pdf"
    (cd "$d/lo" && soffice -env:UserInstallation="file://$d/profile" --headless --convert-to pdf report.docx table.xlsx >/dev/null 2>&1)
    pdftoppm -r 60 -png "$d/lo/report.pdf" "$ROOT/docs/pages/$prefix-report"
    pdftoppm -r 60 -png "$d/lo/table.pdf" "$ROOT/docs/pages/$prefix-table"
    pdftoppm -r 60 -png "$d/print.pdf" "$ROOT/docs/pages/$prefix-print"
}
rm -f "$ROOT"/docs/pages/{gd,hn,mof,mofdept,sc}-{report,table,print}-*.png
render gd-huadu-xinfang-2021.json gd
render hn-daxiang-2021.json hn
render mof-project-qingshi-water-2023.json mof
render mof-dept-overall-published-jinzhai-2023.json mofdept
render sc-project-published-qingshen-2023.json sc
for f in "$ROOT"/docs/pages/*-0[0-9].png; do    # pdftoppm pads to two digits past nine pages
    [ -e "$f" ] && mv "$f" "${f%-0*}-${f##*-0}"
done
ls "$ROOT/docs/pages"

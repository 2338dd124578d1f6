"""Write form.parsed.json beside each shipped form.yaml (start-up skips the YAML parser).

    python tools/build_parsed_forms.py

Run after editing a templates/*/form.yaml; a stale copy is ignored (the program
parses the YAML instead), and tests/templates/test_parsed_forms.py says which is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.form_yaml import parsed_copy  # noqa: E402
from core.registry import BUILTIN_DIR, PARSED  # noqa: E402


def main() -> int:
    for form in sorted(BUILTIN_DIR.glob("*/form.yaml")):
        copy = parsed_copy(form.read_bytes())
        target = form.parent / PARSED
        if copy is None:
            target.unlink(missing_ok=True)
            print(f"{form.parent.name}: not JSON-exact, no parsed copy")
            continue
        target.write_text(json.dumps(copy, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"{form.parent.name}: {target.relative_to(ROOT)} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

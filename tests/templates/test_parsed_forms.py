"""form.parsed.json: the shipped templates' YAML already parsed, used only while fresh."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.form_yaml import parse, parsed_copy
from core.registry import BUILTIN_DIR, PARSED, load_template, parsed_key

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(p.parent for p in BUILTIN_DIR.glob("*/form.yaml"))


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda p: p.name)
def test_each_shipped_template_has_a_fresh_parsed_copy(folder):
    raw = (folder / "form.yaml").read_bytes()
    copy = json.loads((folder / PARSED).read_text(encoding="utf-8"))
    assert copy["source"] == parsed_key(raw), "form.yaml changed: run python tools/build_parsed_forms.py"
    assert copy["data"] == parse(raw.decode("utf-8-sig"))


def test_a_stale_parsed_copy_is_ignored(tmp_path):
    folder = tmp_path / "gd"
    shutil.copytree(BUILTIN_DIR / "gd-dept-overall", folder)
    form = folder / "form.yaml"
    text = form.read_text(encoding="utf-8")
    old = load_template(folder).name
    form.write_text(text.replace(f"name: {old}", "name: 改过的名称", 1), encoding="utf-8")
    assert load_template(folder).name == "改过的名称"


def test_the_window_start_does_not_import_the_yaml_parser():
    code = ("import sys; from core.registry import BUILTIN_DIR, load_template; "
            "load_template(BUILTIN_DIR / 'gd-dept-overall'); print('yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("yaml_text", ["id: a\ndate: 2021-12-31\n", "id: a\n1: x\n", "id: a\nw: .inf\n"])
def test_what_json_would_change_gets_no_parsed_copy(yaml_text):
    assert parsed_copy(yaml_text.encode()) is None
    assert parsed_copy(b"id: a\nw: 1.5\n") == {"source": parsed_key(b"id: a\nw: 1.5\n"), "data": {"id": "a", "w": 1.5}}

"""The command line as a clerk's script would run it: real subprocesses, real exit codes."""

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "gd-huadu-xinfang-2021.json"


def run(*args, cwd=ROOT):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_check_json_reproduces_the_report():
    p = run("check", SAMPLE, "--json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert (out["template"], out["total"], out["full_marks"], out["grade"]) == ("gd-dept-overall", "95.9", "100", "优")
    groups = {g["name"]: D(g["score"]) for g in out["groups"]}
    assert groups == {"管理效能": D("41.9"), "履职效能": D("49"), "加分项": D("5")}
    assert [f for f in out["findings"] if f["severity"] == "error"] == []
    assert {"code", "severity", "field", "message"} == set(out["findings"][0])


def _edited(tmp_path, edit):
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_score_above_weight_exits_1_with_the_finding(tmp_path):
    path = _edited(tmp_path, lambda d: d["indicators"]["t2_cases"].update(score="12"))
    p = run("check", path, "--json")
    assert p.returncode == 1
    errors = [f for f in json.loads(p.stdout)["findings"] if f["severity"] == "error"]
    assert [(f["code"], f["field"]) for f in errors] == [("score.range", "indicators.t2_cases.score")]
    out = json.loads(p.stdout)
    assert D(out["total"]) == D("96.4") <= D(out["full_marks"])      # 12 counts as 10 (98.4 before)
    assert all(D(g["score"]) <= D(g["weight"]) for g in out["groups"])
    assert out["audit_status"] == "审核未通过：1 个错误"
    text = run("check", path)
    assert "总分 96.4 / 100，等级：优（审核未通过：1 个错误）" in text.stdout


def test_no_message_names_an_internal_address(tmp_path):
    """Control characters in every kind of text, an unknown band, a bad number: the clerk
    reads labels, never fields.x / indicators.x / grids.x / sections.x."""
    def edit(d):
        d["fields"]["goal_completion"] = "完成\x07目标"
        d["sections"]["s_overview"] = "概况\x01"
        d["indicators"]["t2_cases"].update(note="原因\x02", actual="fresh291", score="abc")
        d["grids"]["spending"]["wages"]["actual"] = "七百"
    path = _edited(tmp_path, edit)
    p = run("check", path, "--json")
    messages = [f["message"] for f in json.loads(p.stdout)["findings"]]
    assert len(messages) >= 5
    for m in messages:
        assert not any(w in m for w in ("fields.", "indicators.", "grids.", "sections.")), m
    text = run("check", path).stdout            # the plain listing too: labels, never addresses
    assert "「分类录入办理信访案件数」" in text
    assert not any(w in text for w in ("fields.", "indicators.", "grids.", "sections.")), text


def test_missing_deviation_note_exits_1(tmp_path):
    path = _edited(tmp_path, lambda d: d["indicators"]["t3_supervise"].pop("note"))
    p = run("check", path)
    assert p.returncode == 1 and "偏差原因" in p.stdout


@pytest.mark.parametrize("content", [b'{"format": "jxzp-draft", "format_version": 1, "template": {"id"',
                                     b"this is not json", b"\x00\x01\x02"])
def test_unreadable_draft_exits_2_one_line_and_file_untouched(tmp_path, content):
    path = tmp_path / "坏草稿.json"
    path.write_bytes(content)
    before = path.stat().st_mtime_ns
    p = run("check", path, "--json")
    assert p.returncode == 2 and p.stdout == ""
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "坏草稿.json" in lines[0] and "Traceback" not in p.stderr
    assert path.read_bytes() == content and path.stat().st_mtime_ns == before


def test_missing_file_exits_2(tmp_path):
    p = run("check", tmp_path / "nope.json")
    assert p.returncode == 2 and "不存在" in p.stderr


def test_templates_and_new_then_check(tmp_path):
    p = run("templates", "--json")
    assert p.returncode == 0
    ids = {t["id"]: t for t in json.loads(p.stdout)}
    assert ids["gd-dept-overall"]["version"] == "2021.1" and ids["gd-dept-overall"]["name"]
    target = tmp_path / "new.json"
    assert run("new", "gd-dept-overall", "-o", target).returncode == 0
    again = run("new", "gd-dept-overall", "-o", target)
    assert again.returncode == 2 and "已存在" in again.stderr  # never overwrites silently
    p = run("check", target, "--json")
    assert p.returncode == 1 and json.loads(p.stdout)["total"] == "0"
    assert run("new", "no-such", "-o", tmp_path / "x.json").returncode == 2


def test_new_from_last_year(tmp_path):
    target = tmp_path / "2022.json"
    assert run("new", "gd-dept-overall", "--from", SAMPLE, "-o", target).returncode == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["fields"]["year"] == "2022" and "t2_cases" in json.dumps(data["extra_indicators"])


def test_validate_template_lists_every_problem(tmp_path):
    assert run("validate-template", ROOT / "templates" / "gd-dept-overall").returncode == 0
    broken = tmp_path / "broken"
    shutil.copytree(ROOT / "templates" / "gd-dept-overall", broken)
    form = broken / "form.yaml"
    text = form.read_text(encoding="utf-8")
    text = text.replace("weight: 45", "weight: 44").replace("{type: ratio}", "{type: ratio_cap}", 1)
    text = text.replace('"actual / budget * 100"', '"actual / budgt * 100"')
    form.write_text(text, encoding="utf-8")
    p = run("validate-template", broken)
    assert p.returncode == 1
    assert "44" in p.stdout and "ratio_cap" in p.stdout and "budgt" in p.stdout
    assert "Traceback" not in p.stdout + p.stderr


def test_a_band_the_template_does_not_have_is_a_finding_and_exports_still_work(tmp_path):
    """A hand-edited draft, or a template update that renamed a band: check said so and exit 1,
    but export crashed in rules.band_text (exit 3)."""
    path = _edited(tmp_path, lambda d: d["indicators"]["goal_setting"].update(band="x"))
    p = run("check", path, "--json")
    assert p.returncode == 1
    assert any(f["code"] == "score.band" and "“x”无法识别" in f["message"] for f in json.loads(p.stdout)["findings"])
    out = tmp_path / "out"
    e = run("export", path, "--out", out)
    assert e.returncode == 1, e.stderr
    assert sorted(f.suffix for f in out.iterdir()) == [".docx", ".pdf", ".xlsx"]


def test_a_rule_this_program_does_not_have_is_a_finding_not_a_refusal(tmp_path):
    """A clerk's own row whose rule a later version dropped (or a hand edit) opened nowhere:
    exit 2, the draft lost to the clerk. Now it is scored by hand and said."""
    def edit(d):
        key = next(iter(d["extra_indicators"]))
        d["extra_indicators"][key].append({"id": "uzz", "name": "自设", "weight": "1", "rule": {"type": "gone_rule"}})
    p = run("check", _edited(tmp_path, edit), "--json")
    assert p.returncode == 1, p.stderr
    found = [f for f in json.loads(p.stdout)["findings"] if f["code"] == "indicator.rule_unknown"]
    assert [f["message"] for f in found] == ["「自设」的评分规则“gone_rule”本程序没有，已按手工打分计算；请删除该指标后重新添加"]

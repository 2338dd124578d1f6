"""The three built-in templates through the command line: listing, validation
(with planted mistakes, all reported in one run), check on each sample, and
next year's draft from last year's."""

import json
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest
import yaml

from cli.commands import run
from core.errors import TemplateError
from core.registry import load_template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
SAMPLES = ROOT / "samples"
BUILTIN = ("gd-dept-overall", "hn-dept-overall", "mof-project")


def _run(capsys, *args):
    code = run([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_templates_lists_the_three(capsys):
    code, out, _ = _run(capsys, "templates", "--json")
    assert code == 0
    ids = [row["id"] for row in json.loads(out)]
    assert set(BUILTIN) <= set(ids)


@pytest.mark.parametrize("template_id", BUILTIN)
def test_validate_template_passes(capsys, template_id):
    code, out, _ = _run(capsys, "validate-template", TEMPLATES / template_id)
    assert code == 0, out
    assert template_id in out


def _planted(tmp_path, name, edit) -> Path:
    folder = tmp_path / name
    shutil.copytree(TEMPLATES / name, folder)
    form = folder / "form.yaml"
    data = yaml.safe_load(form.read_text(encoding="utf-8"))
    edit(data)
    form.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def _node(data, node_id):
    def walk(nodes):
        for n in nodes:
            if n["id"] == node_id:
                return n
            found = walk(n.get("children", []))
            if found:
                return found
    return walk(data["indicators"])


def _break_hunan(data):
    _node(data, "goal_clear")["weight"] = 4                          # 目标设定 7 ≠ 4 + 4
    _node(data, "staff_ctrl")["actual_formula"] = "staff_actul / staff_quota * 100"   # unknown name
    _node(data, "carryover_rate")["rule"] = {"type": "ratio_capped"}  # unknown rule
    _node(data, "asset_rules")["id"] = "fund_rules"                  # duplicate id
    data["field_groups"][2]["fields"] += [                           # cycle between computed fields
        {"id": "per_head", "label": "人均经费", "type": "money", "formula": "per_staff * 1"},
        {"id": "per_staff", "label": "人均支出", "type": "money", "formula": "per_head + 0"}]


def test_planted_mistakes_all_found_in_one_run(tmp_path, capsys):
    folder = _planted(tmp_path, "hn-dept-overall", _break_hunan)
    with pytest.raises(TemplateError) as caught:
        load_template(folder)
    codes = {p.code for p in caught.value.problems}
    assert {"weight.children", "formula.name", "rule.unknown", "id.duplicate", "formula.cycle"} <= codes
    code, out, _ = _run(capsys, "validate-template", folder)
    assert code == 1
    assert f"有 {len(caught.value.problems)} 处问题" in out
    for needle in ("staff_actul", "ratio_capped", "fund_rules", "per_head"):
        assert needle in out


def test_planted_fill_without_check_in_the_project_template(tmp_path):
    def edit(data):
        data["grids"][0]["rows"][0].pop("check")
    with pytest.raises(TemplateError) as caught:
        load_template(_planted(tmp_path, "mof-project", edit))
    assert [p.code for p in caught.value.problems] == ["grid.fill"]


def _check(capsys, sample):
    code, out, _ = _run(capsys, "check", SAMPLES / sample, "--json")
    return code, json.loads(out)


def test_check_hunan_sample_not_yet_scored(capsys):
    code, out = _check(capsys, "hn-daxiang-2021.json")
    assert code == 0                      # warnings only: nothing the draft got wrong
    assert (out["template"], out["total"], out["complete"]) == ("hn-dept-overall", "0", False)
    assert [g["score"] for g in out["groups"]] == [None, None, None, None]
    assert {f["severity"] for f in out["findings"]} == {"warning"}
    assert "score.missing" in {f["code"] for f in out["findings"]}


def test_check_realistic_project_sample(capsys):
    code, out = _check(capsys, "mof-project-qingshi-water-2023.json")
    assert code == 0
    assert (D(out["total"]), out["grade"], out["complete"]) == (D("96.42"), "优", True)
    assert {g["id"]: D(g["score"]) for g in out["groups"]} == {
        "budget_exec": D("9.52"), "output": D("46.9"), "benefit": D(30), "satisfaction": D(10)}
    assert out["findings"] == []


def test_check_published_table_shows_its_arithmetic_errors(capsys):
    code, out = _check(capsys, "mof-project-published-tangxi-2022.json")
    assert code == 1
    assert D(out["total"]) == D(80) and out["complete"] is False
    found = {(f["code"], f["field"]) for f in out["findings"]}
    assert {("grid.sum", "grids.funds.total.initial"), ("grid.sum", "grids.funds.total.budget"),
            ("grid.sum", "grids.funds.total.actual"), ("template.budget_zero_spent", "grids.funds.total.budget"),
            ("text.breakdown", "fields.goal_actual")} <= found
    assert ("text.breakdown", "fields.goal_expected") not in found


def test_new_from_last_year_carries_targets_and_clears_actuals(tmp_path, capsys):
    out_path = tmp_path / "2024.json"
    code, printed, err = _run(capsys, "new", "mof-project", "--from", SAMPLES / "mof-project-qingshi-water-2023.json",
                              "-o", out_path)
    assert code == 0, err
    new = json.loads(out_path.read_text(encoding="utf-8"))
    assert new["fields"]["year"] == "2024" and new["fields"]["impl_unit"] == "青石县农村供水服务中心"
    assert "goal_actual" not in new["fields"] and new["grids"] == {}
    rows = {n["id"]: n for group in new["extra_indicators"].values() for n in group}
    assert rows["q_pipes"]["target"] == "≥25公里" and rows["b_mechanism"]["target"] == "建立并落实"
    assert all("actual" not in e and "score" not in e and "band" not in e for e in new["indicators"].values())
    code, out = _check(capsys, out_path)
    assert D(out["total"]) == D(0) and out["complete"] is False

import shutil

import pytest
import yaml

from core.errors import TemplateError
from core.registry import load_template, scan
from core.template import load_template_data
from tests.conftest import GD_TEMPLATE


def _problems(data):
    with pytest.raises(TemplateError) as exc:
        load_template_data(data)
    return exc.value.problems


def _gd_data():
    return yaml.safe_load((GD_TEMPLATE / "form.yaml").read_text(encoding="utf-8"))


def test_the_guangdong_template_is_valid(gd_template):
    assert gd_template.id == "gd-dept-overall" and gd_template.full_marks == 100


def test_three_different_mistakes_are_reported_at_once():
    data = _gd_data()
    data["indicators"][0]["children"][0]["children"][0]["weight"] = 6       # children ≠ parent 15
    data["indicators"][0]["children"][1]["children"][0]["rule"]["type"] = "ratio_cap"  # unknown rule
    data["grids"][0]["rows"][4]["formula"] = "wages + goods + subsidy + capital"      # unknown name
    problems = _problems(data)
    found = {p.code for p in problems}
    assert {"weight.children", "rule.unknown", "formula.name"} <= found
    where = {p.code: p.where for p in problems}
    assert where["weight.children"] == "indicators[0].children[0].weight"
    assert where["rule.unknown"] == "indicators[0].children[1].children[0].rule.type"
    assert all(p.what and p.where for p in problems)


def test_schema_and_meaning_problems_together():
    data = _gd_data()
    data["indicators"][0]["children"][0]["children"][2]["weight"] = "五分"   # not a number
    data["grids"][0]["rows"][1]["id"] = "income_total"                      # duplicate row id
    codes = {p.code for p in _problems(data)}
    assert "schema.decimal_parsing" in codes and "id.duplicate" in codes


def test_cycle_between_computed_fields_names_the_loop():
    data = {"id": "c", "name": "环", "version": "1", "full_marks": 0, "field_groups": [{"id": "g", "title": "组", "fields": [
        {"id": "a", "label": "甲", "type": "decimal", "formula": "b + 1"},
        {"id": "b", "label": "乙", "type": "decimal", "formula": "c * 2"},
        {"id": "c", "label": "丙", "type": "decimal", "formula": "a"}]}]}
    cycle = [p for p in _problems(data) if p.code == "formula.cycle"]
    assert len(cycle) == 1 and all(name in cycle[0].what for name in "abc")


def test_duplicate_ids_full_marks_and_bad_rule_params():
    data = _gd_data()
    data["full_marks"] = 105
    data["indicators"][0]["children"][1]["children"][1]["id"] = "budget_diff"
    data["indicators"][0]["children"][1]["children"][0]["rule"]["per_point"] = "半分"
    codes = [p.code for p in _problems(data)]
    assert {"marks.full", "id.duplicate", "rule.params"} <= set(codes)


def test_unknown_key_and_wrong_literal_are_schema_problems():
    data = _gd_data()
    data["indicators"][0]["wieght"] = 45
    data["indicators"][2]["kind"] = "extra"
    codes = {p.code for p in _problems(data)}
    assert {"schema.extra_forbidden", "schema.literal_error"} <= codes


def test_yaml_alias_bomb_and_syntax_errors_are_template_errors(tmp_path):
    folder = tmp_path / "bomb"
    folder.mkdir()
    (folder / "form.yaml").write_text('a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n', encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        load_template(folder)
    assert exc.value.problems[0].code == "yaml.syntax"
    (folder / "form.yaml").write_text("id: x\n  name: [\n", encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        load_template(folder)
    assert "行" in exc.value.problems[0].where


def test_a_template_folder_copied_into_the_user_folder_is_installed(tmp_path, monkeypatch):
    user = tmp_path / "tpl"
    shutil.copytree(GD_TEMPLATE, user / "gd-copy")
    text = (user / "gd-copy" / "form.yaml").read_text(encoding="utf-8")
    (user / "gd-copy" / "form.yaml").write_text(text.replace('version: "2021.1"', 'version: "2022.1"'), encoding="utf-8")
    shutil.copytree(GD_TEMPLATE, user / "own")
    own = (user / "own" / "form.yaml")
    own.write_text(own.read_text(encoding="utf-8").replace("id: gd-dept-overall", "id: zz-own"), encoding="utf-8")
    monkeypatch.setenv("JXZP_TEMPLATES_PATH", str(user))
    installed = scan()
    # a copy of a built-in, even of a higher version, is listed beside it and never replaces it
    assert [t.version for t in installed.templates["gd-dept-overall"]] == ["2021.1"]
    assert installed.newest("gd-dept-overall").origin == "builtin"
    local = installed.newest("gd-dept-overall (本机安装)")
    assert (local.version, local.origin, local.folder) == ("2022.1", "user", str(user / "gd-copy"))
    assert installed.newest("zz-own").origin == "user"   # a new id keeps its own name
    # a draft of the copy names the copy, and opening it loads that one only
    only = scan(only="gd-dept-overall (本机安装)")
    assert list(only.templates) == ["gd-dept-overall (本机安装)"] and only.newest(local.id).version == "2022.1"


def test_deep_yaml_is_refused_not_a_crash(tmp_path):
    folder = tmp_path / "deep"
    folder.mkdir()
    (folder / "form.yaml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        load_template(folder)
    assert exc.value.problems[0].code == "yaml.syntax" and "嵌套" in exc.value.problems[0].what


@pytest.mark.parametrize("items", [True, "budget", 5])
def test_rule_items_that_are_not_a_list_are_a_problem_not_a_crash(items):
    data = {"id": "c", "name": "清单", "version": "1", "indicators": [
        {"id": "a", "name": "甲", "weight": 100, "rule": {"type": "checklist", "items": items}}]}
    problems = [p for p in _problems(data) if p.code == "rule.params"]
    assert [p.where for p in problems] == ["indicators[0].rule.items"]
    assert "列表" in problems[0].what


def test_field_roles_name_the_shared_fields_of_every_shipped_template():
    from core.registry import scan
    installed = scan()
    gd, mof = installed.newest("gd-dept-overall"), installed.newest("mof-project")
    assert gd.role_field("unit").label == "单位名称" and gd.role_field("goal").id == "overall_goal"
    assert mof.role_field("unit").label == "实施单位" and mof.role_field("project").label == "项目名称"
    assert mof.role_value({"project_name": " 清水河治理 "}, "project") == "清水河治理"
    assert gd.role_value({}, "project") == ""  # no such field: empty, not an error


def test_a_role_used_twice_is_a_template_problem():
    data = _gd_data()
    fields = data["field_groups"][0]["fields"]
    fields[0]["role"] = fields[1]["role"] = "unit"
    problems = _problems(data)
    assert [p.code for p in problems] == ["field.role"]
    assert "单位名称" in problems[0].what and "年度" in problems[0].what


def test_a_carry_forward_template_field_follows_its_flag_not_its_id(gd_template, sample_draft):
    """carry.py names no field id: the year role is bumped, only carry_forward longtexts stay."""
    from core.carry import carry_forward
    renamed = gd_template.model_copy(deep=True)
    for group in renamed.field_groups:
        for f in group.fields:
            if f.id == "goal_completion":
                f.carry_forward = True
            if f.id == "overall_goal":
                f.carry_forward = False
    nxt = carry_forward(sample_draft, renamed)
    assert "overall_goal" not in nxt.fields
    assert nxt.fields["goal_completion"] == sample_draft.fields["goal_completion"]


@pytest.mark.parametrize("older,newer", [("2022.1", "2022.10"), ("2022.1", "2022.a"), ("2021", "2021.1"),
                                         ("2022.a", "2022.b")])
def test_version_key_orders_mixed_versions_without_type_errors(older, newer):
    from core.registry import version_key
    assert version_key(older) < version_key(newer)


def test_opening_a_draft_parses_only_the_template_it_names(tmp_path, monkeypatch):
    """A slow or broken template of another id is not even parsed when a draft is checked."""
    import core.registry as registry
    from core.opening import open_draft
    from tests.conftest import SAMPLE

    user = tmp_path / "tpl"
    (user / "other").mkdir(parents=True)
    (user / "other" / "form.yaml").write_text("id: zz-other\nname: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("JXZP_TEMPLATES_PATH", str(user))
    loaded = []
    real = registry.load_template
    monkeypatch.setattr(registry, "load_template", lambda folder: (loaded.append(folder.name), real(folder))[1])
    opened = open_draft(str(SAMPLE))
    assert opened.template.id == "gd-dept-overall" and loaded == ["gd-dept-overall"]

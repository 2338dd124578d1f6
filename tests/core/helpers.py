"""Small templates and drafts built in code, so each test shows exactly what it scores."""

from core.draft import Draft, IndicatorEntry, TemplateRef
from core.evaluate import evaluate
from core.template import load_template_data


def template(indicators, **extra):
    data = {"id": "t", "name": "测试模板", "version": "1", "indicators": indicators}
    if "full_marks" not in extra:
        data["full_marks"] = sum(float(i.get("weight", 0)) for i in indicators if i.get("kind") != "penalty")
    data.update(extra)
    return load_template_data(data)


def leaf(id, weight, rule=None, target=None, **kw):
    node = {"id": id, "name": f"指标{id}", "weight": weight}
    if rule:
        node["rule"] = rule if isinstance(rule, dict) else {"type": rule}
    if target is not None:
        node["target"] = target
    node.update(kw)
    return node


def draft(t, indicators=None, **kw):
    entries = {k: IndicatorEntry(**v) for k, v in (indicators or {}).items()}
    return Draft(template=TemplateRef(id=t.id, version=t.version), indicators=entries, **kw)


def score_of(t, d, node_id):
    return evaluate(t, d).scores.nodes[node_id].score


def codes(result):
    return [f.code for f in result.findings]


def mof_row(id_, name, weight, target="", rule="manual"):
    """A 三级指标 row the clerk adds to the national project table."""
    from decimal import Decimal

    from core.template import IndicatorDef, RuleSpec
    return IndicatorDef(id=id_, name=name, weight=Decimal(weight), target=target or None, rule=RuleSpec(type=rule))


def mof_draft(t, rows: dict, entries: dict, year="2022", **fields):
    """rows: 二级 group id → [IndicatorDef]; entries: row id → IndicatorEntry fields."""
    from core.draft import new_draft
    d = new_draft(t)
    d.fields.update({"year": year, "project_name": "测试项目", **fields})
    d.extra_indicators = rows
    d.indicators = {k: IndicatorEntry(**v) for k, v in entries.items()}
    return d

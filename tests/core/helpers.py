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

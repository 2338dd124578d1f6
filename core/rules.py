"""Scoring rules by name: how an indicator's score follows from what the clerk entered.

RULES is the one table of rules (name → Rule: Chinese label, function, parameters,
whether the program computes the score or the clerk types it, items). Scoring,
审核 and the window all read it. Each function is (node, input, params) → RuleResult.
Parameters come from form.yaml and are checked at load by rule_problems(). Percent
values are in percent units (95 means 95%), as the clerk types them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from .numbers import parse_number, plain
from .targets import Target, incomparable, parse_actual, parse_target

ZERO, ONE = Decimal(0), Decimal(1)
# National three-tier rule for qualitative indicators, as fractions of the weight.
DEFAULT_BANDS = {"达成": (Decimal("0.8"), ONE), "部分达成": (Decimal("0.6"), Decimal("0.8")),
                 "未达成": (ZERO, Decimal("0.6"))}


@dataclass(frozen=True)
class RuleResult:
    score: Decimal | None      # None: not scored yet
    explain: object = ""       # how the score came about: a str, or a callable making it
    missing: str = ""          # what the clerk still has to enter

    # Building the sentence costs more than the score itself; on every keystroke
    # with 1,000 rows nobody reads it, so rules pass a lambda and it is made on demand.


@dataclass(frozen=True)
class ScoreInput:
    """What a rule may read: the clerk's entries for this indicator and computed values."""

    target: Target | None
    actual_text: str | None
    actual: Decimal | None
    score_text: str | None
    band: str | None
    checked: dict
    values: dict  # computed field / grid values by name


def explain_text(explain) -> str:
    return explain() if callable(explain) else explain


def _n(d: Decimal) -> str:
    return plain(d)


# what a row scored from a share against a count (or 元 against 万元) still needs
SAME_UNIT = "与指标值同一单位的完成值"
NOT_NEGATIVE = "不为负数的指标值"


def manual(node, inp: ScoreInput, p: dict) -> RuleResult:
    value = parse_number(inp.score_text).value if inp.score_text else None
    return RuleResult(value, "", "" if value is not None else "得分")


def ratio(node, inp: ScoreInput, p: dict) -> RuleResult:
    """≥/=/> targets: min(actual ÷ target, 1) × weight. ≤/< targets go to inverse_ratio."""
    t = inp.target
    if t is None or t.value is None:
        return RuleResult(None, "", "数值型指标值")
    if t.lower_is_better:
        return inverse_ratio(node, inp, p)
    if inp.actual is None:
        return RuleResult(None, "", "完成值")
    if incomparable(t, inp.actual_text):
        return RuleResult(None, "", SAME_UNIT)
    if t.value < 0:   # "-5%": a ratio to it means nothing, and scored below zero
        return RuleResult(None, "", NOT_NEGATIVE)
    if t.value == 0:
        return RuleResult(node.weight, "指标值为 0，得满分")
    rate = min(max(inp.actual / t.value, ZERO), ONE)   # growth of −1 % against ≥ 5 %: none of the marks
    return RuleResult(rate * node.weight,
                      lambda: f"完成值 {_n(inp.actual)} ÷ 指标值 {_n(t.value)}，封顶 100%，× 分值 {_n(node.weight)}")


def inverse_ratio(node, inp: ScoreInput, p: dict) -> RuleResult:
    """≤ targets: full marks within the target, else target ÷ actual × weight."""
    t = inp.target
    if t is None or t.value is None:
        return RuleResult(None, "", "数值型指标值")
    if inp.actual is None:
        return RuleResult(None, "", "完成值")
    if incomparable(t, inp.actual_text):
        return RuleResult(None, "", SAME_UNIT)
    if t.value < 0:
        return RuleResult(None, "", NOT_NEGATIVE)
    if inp.actual <= t.value or inp.actual == 0:
        return RuleResult(node.weight, lambda: f"完成值 {_n(inp.actual)} 未超过指标值 {_n(t.value)}，得满分")
    return RuleResult(t.value / inp.actual * node.weight,
                      lambda: f"指标值 {_n(t.value)} ÷ 完成值 {_n(inp.actual)} × 分值 {_n(node.weight)}")


def deduct_per_point(node, inp: ScoreInput, p: dict) -> RuleResult:
    """Full marks within the threshold; each point beyond it costs `per_point`, floor 0."""
    threshold = p.get("threshold")
    if threshold is None:
        threshold = inp.target.value if inp.target and inp.target.value is not None else None
    if threshold is None:
        return RuleResult(None, "", "阈值（指标值）")
    if inp.actual is None:
        return RuleResult(None, "", "完成值")
    if incomparable(inp.target, inp.actual_text):
        return RuleResult(None, "", SAME_UNIT)
    direction = p.get("direction", "above")
    excess = inp.actual - threshold if direction == "above" else threshold - inp.actual
    if excess <= 0:
        return RuleResult(node.weight, lambda: f"完成值 {_n(inp.actual)} 在 {_n(threshold)} 以内，得满分")
    deduction = min(excess * p["per_point"], node.weight)
    word = "超过" if direction == "above" else "低于"
    return RuleResult(node.weight - deduction,
                      lambda: f"{_n(inp.actual)} {word} {_n(threshold)} 共 {_n(excess)} 个点，每点扣 {_n(p['per_point'])} 分，扣 {_n(deduction)} 分")


def checklist(node, inp: ScoreInput, p: dict) -> RuleResult:
    """The weight split into yes/no items; each unmet item deducts its points, floor 0."""
    items = p["items"]
    if not any(item["id"] in inp.checked for item in items):
        return RuleResult(None, "", "逐项勾选")
    unmet = [item for item in items if not inp.checked.get(item["id"])]
    deduction = min(sum((item["points"] for item in unmet), ZERO), node.weight)
    if not unmet:
        return RuleResult(node.weight, "各项均已做到，得满分")
    names = "、".join(item["label"] for item in unmet)
    return RuleResult(node.weight - deduction, lambda: f"未做到：{names}，扣 {_n(deduction)} 分")


def qualitative(node, inp: ScoreInput, p: dict) -> RuleResult:
    """达成 / 部分达成 / 未达成: the clerk picks a score inside the band."""
    value = parse_number(inp.score_text).value if inp.score_text else None
    if inp.band is None or inp.band not in DEFAULT_BANDS:
        # an unknown band (a hand-edited draft, a renamed band) is a 审核 finding, never a crash
        return RuleResult(value, "", "" if value is not None else "评价档次和得分")
    return RuleResult(value, lambda: f"{inp.band}：{band_text(node, inp.band)}",
                      "" if value is not None else "得分")


def band_range(node, band: str) -> tuple[Decimal, Decimal] | None:
    bounds = DEFAULT_BANDS.get(band)
    if bounds is None:
        return None
    return bounds[0] * node.weight, bounds[1] * node.weight


CLOSED_AT_TOP = {"达成"}   # [80 %, 100 %]; the lower bands are open at the top: [60 %, 80 %)


def in_band(node, band: str, score: Decimal) -> bool:
    rng = band_range(node, band)
    if rng is None:
        return False
    lo, hi = rng
    return lo <= score <= hi if band in CLOSED_AT_TOP else lo <= score < hi


def band_of(node, score: Decimal) -> str | None:
    """The band a score lies in (a table that prints only the score)."""
    return next((band for band in DEFAULT_BANDS if in_band(node, band, score)), None)


def band_text(node, band: str) -> str:
    lo, hi = band_range(node, band)
    closing = "]" if band in CLOSED_AT_TOP else ")"
    return f"[{_n(lo)}, {_n(hi)}{closing} 分"


def execution_rate(node, inp: ScoreInput, p: dict) -> RuleResult:
    """min(执行数 ÷ 预算数, 1) × weight; a zero budget cannot be scored."""
    budget, actual = inp.values.get(p["budget"]), inp.values.get(p["actual"])
    if budget is None or actual is None:
        return RuleResult(None, "", "预算数和执行数")
    if budget == 0:
        return RuleResult(None, "预算数为 0，执行率无法计算", "不为 0 的预算数")
    rate = min(actual / budget, ONE)
    return RuleResult(rate * node.weight,
                      lambda: f"执行率 {_n(actual)} ÷ {_n(budget)}，封顶 100%，× 分值 {_n(node.weight)}")


def _itemised(node, inp: ScoreInput, p: dict, verb: str) -> RuleResult:
    """Points for each item ticked, capped at the weight; without items the clerk
    types the points. `verb` words the explanation (加 for a bonus, 扣 for a penalty)."""
    items = p.get("items")
    if not items:
        value = parse_number(inp.score_text).value if inp.score_text else None
        return RuleResult(value if value is None else min(value, node.weight), "", "" if value is not None else "得分")
    if not any(item["id"] in inp.checked for item in items):
        return RuleResult(None, "", "逐项勾选")
    got = [item for item in items if inp.checked.get(item["id"])]
    raw = sum((item["points"] for item in got), ZERO)
    capped = f"，封顶 {_n(node.weight)} 分" if raw > node.weight else ""
    names = "、".join(item["label"] for item in got) or "无"
    return RuleResult(min(raw, node.weight), lambda: f"{names}，{verb} {_n(raw)} 分{capped}")


def bonus(node, inp: ScoreInput, p: dict) -> RuleResult:
    """Points for each item achieved, capped at the weight."""
    return _itemised(node, inp, p, "共加")


def penalty(node, inp: ScoreInput, p: dict) -> RuleResult:
    """Points taken off (audit findings…), at most the weight; the score is ≤ 0."""
    result = _itemised(node, inp, p, "共扣")
    if result.score is None:
        return result
    return RuleResult(-abs(result.score), result.explain, result.missing)


@dataclass(frozen=True)
class Rule:
    """One scoring rule, as everything else sees it."""

    name: str
    label: str                  # 评分方式, as the clerk reads it
    fn: Callable
    params: frozenset = frozenset()
    computed: bool = True       # the program computes the score; else the clerk types it
    items: str = ""             # "required" / "optional" list of items to tick; "" none
    kind: str | None = None     # the indicator kind it belongs to (bonus / penalty)
    addable: str = ""           # offered in 添加指标 with this description; "" not offered

    def computes(self, spec) -> bool:
        """Whether the program computes this row's score. A bonus or penalty computes it
        from the items ticked when it lists items, else the clerk types the points."""
        if self.items == "optional":
            return bool((spec.model_extra or {}).get("items")) if spec is not None else False
        return self.computed


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {r.name: r for r in rules}


RULES: dict[str, Rule] = _rules(
    Rule("manual", "手工打分", manual, computed=False, addable="手工打分"),
    Rule("ratio", "按完成比例自动计分", ratio, addable="按完成比例计分（完成值 ÷ 指标值 × 分值）"),
    Rule("inverse_ratio", "按完成比例自动计分（越低越好）", inverse_ratio),
    Rule("deduct_per_point", "超出阈值逐点扣分（自动）", deduct_per_point,
         frozenset({"threshold", "per_point", "direction"})),
    Rule("checklist", "逐项勾选扣分（自动）", checklist, frozenset({"items"}), items="required"),
    Rule("qualitative", "定性分档，在档次范围内打分", qualitative, computed=False,
         addable="定性分档（达成 / 部分达成 / 未达成）"),
    Rule("execution_rate", "按预算执行率自动计分", execution_rate, frozenset({"budget", "actual"})),
    Rule("bonus", "加分项", bonus, frozenset({"items"}), items="optional", kind="bonus"),
    Rule("penalty", "扣分项", penalty, frozenset({"items"}), items="optional", kind="penalty"),
)


def rule_of_name(name: str) -> Rule:
    """Unknown names are refused when the template loads; a hand-edited draft row
    with one is scored by hand rather than crash."""
    return RULES.get(name, RULES["manual"])


def rule_of(spec) -> Rule:
    """The Rule of a node's rule spec (None: manual)."""
    return rule_of_name(spec.type if spec is not None else "manual")


def computes(node) -> bool:
    """The program computes this row's score (a typed one is an override needing a reason)."""
    return rule_of(node.rule).computes(node.rule)


def rule_params(spec) -> dict:
    """The rule's parameters, Decimals where numbers are meant."""
    params = dict(spec.model_extra or {})
    for key in ("threshold", "per_point"):
        if key in params and params[key] is not None:
            params[key] = Decimal(str(params[key]))
    if "items" in params and isinstance(params["items"], list):
        params["items"] = [dict(item, points=Decimal(str(item.get("points", 0))))
                           for item in params["items"] if isinstance(item, dict)]
    return params


def rule_problems(spec, node) -> list[tuple[str, str, str]]:
    """(where under .rule, what, fix) for a rule's parameters."""
    out: list[tuple[str, str, str]] = []
    raw = dict(spec.model_extra or {})
    rule = RULES[spec.type]
    allowed = rule.params
    for key in raw:
        if key not in allowed:
            out.append((f".{key}", f"规则“{spec.type}”没有参数“{key}”",
                        "可用参数：" + ("、".join(sorted(allowed)) or "无")))
    def number(key, required):
        if key not in raw or raw[key] is None:
            if required:
                out.append((f".{key}", f"规则“{spec.type}”缺少参数“{key}”", "补上这个数字"))
            return
        if parse_number(str(raw[key])).value is None:
            out.append((f".{key}", f"参数“{key}”应为数字，现为“{raw[key]}”", "写成 0.5 这样的数字"))
    if spec.type == "deduct_per_point":
        number("per_point", True)
        number("threshold", False)
        if "threshold" not in raw and (parse_target(node.target) is None or parse_target(node.target).value is None):
            out.append((".threshold", "没有阈值：既未给 threshold，指标值中也没有数字", "补上 threshold"))
        if raw.get("direction", "above") not in ("above", "below"):
            out.append((".direction", f"direction 只能是 above 或 below，现为“{raw.get('direction')}”", ""))
    if rule.items:
        items = raw.get("items")
        if rule.items == "required" and not items:
            out.append((".items", "逐项扣分规则没有列出扣分项", "用 items 列出每项的 id、label、points"))
        if items and not isinstance(items, list):
            out.append((".items", "items 应为列表", "每项一行，以“- ”开头，写 id、label、points"))
            items = []
        for i, item in enumerate(items or []):
            if not isinstance(item, dict) or not {"id", "label", "points"} <= set(item):
                out.append((f".items[{i}]", "扣分项应包含 id、label、points", ""))
            elif not isinstance(item["id"], str) or not isinstance(item["label"], str):
                out.append((f".items[{i}]", "扣分项的 id 和 label 应为文字", "写成 id: budget_public 这样的形式"))
            elif parse_number(str(item["points"])).value is None:
                out.append((f".items[{i}].points", f"分数应为数字，现为“{item['points']}”", ""))
    if spec.type == "execution_rate":
        for key in ("budget", "actual"):
            if not isinstance(raw.get(key), str):
                out.append((f".{key}", f"缺少参数“{key}”（表格单元格，如 spending.total.actual）", ""))
    if rule.kind and node.kind != rule.kind:
        out.append(("", f"{rule.label}规则只能用于 kind: {rule.kind} 的指标",
                    f"给这一指标或其上级写 kind: {rule.kind}"))
    return out


def score_input(entry, target_text, actual_value, values) -> ScoreInput:
    return ScoreInput(
        target=parse_target(target_text),
        actual_text=entry.actual if entry else None,
        actual=actual_value if actual_value is not None else parse_actual(entry.actual if entry else None),
        score_text=entry.score if entry else None,
        band=entry.band if entry else None,
        checked=entry.checked if entry else {},
        values=values,
    )

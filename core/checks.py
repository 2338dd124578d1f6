"""审核: rules over the whole draft that yield findings in plain Chinese.

A finding names the field it is about (an address the window can move focus
to), whether it blocks a clean export (error) or only asks for a look
(warning), and the numbers on both sides.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from .address import Address, label
from .compute import Plan, Values, parts_value
from .expr import Formula
from .findings import TEMPLATE_CHECK_PREFIX, Finding, finding
from .numbers import parse_date, parse_number, plain, round_half_up
from .rules import RULES, band_range, band_text, in_band
from .scoring import Scores
from .targets import incomparable, parse_actual, parse_target
from .template import Template
from .text import removed_chars, says_something
from .textcheck import mismatches
from . import reviewer

MONEY_TOLERANCE = Decimal("0.005")
_OPS = {"==": lambda a, b, tol: abs(a - b) <= tol, "!=": lambda a, b, tol: abs(a - b) > tol,
        "<=": lambda a, b, tol: a <= b + tol, ">=": lambda a, b, tol: a + tol >= b,
        "<": lambda a, b, tol: a < b, ">": lambda a, b, tol: a > b}


def run_checks(t: Template, draft, plan: Plan, values: Values, scores: Scores,
               cache: dict | None = None) -> list[Finding]:
    out: list[Finding] = []
    _field_checks(t, draft, values, out)
    _grid_checks(t, plan, values, out)
    _indicator_checks(t, draft, scores, out, cache)
    _template_checks(t, draft, values, out)
    _section_checks(t, draft, out)
    _stale_number_checks(t, draft, scores, out)
    _text_checks(t, draft, scores, out)
    _breakdown_checks(t, draft, out)
    reviewer.run(t, draft, scores, out)
    out.sort(key=lambda f: f.severity != "error")  # errors first, order kept within each
    return out


def _n(value) -> str:
    return plain(value) if isinstance(value, Decimal) else str(value)


def _field_checks(t, draft, values, out):
    for f in t.all_fields():
        if f.formula:
            continue
        raw = draft.fields.get(f.id)
        where = f"fields.{f.id}"
        if where in values.errors:
            out.append(finding("field.number", where, f"「{f.label}」{values.errors[where]}"))
        elif f.required and (raw is None or not str(raw).strip()):
            out.append(finding("field.required", where, f"「{f.label}」是必填项，尚未填写"))
        elif f.recommended and (raw is None or not str(raw).strip()):
            tail = "（打印签章前请补上）" if f.id in t.signature.fields else ""
            out.append(finding("field.recommended", where, f"「{f.label}」尚未填写{tail}"))
        elif raw and f.type == "choice" and f.options and raw not in f.options:
            out.append(finding("field.choice", where, f"「{f.label}」的“{raw}”不是可选项（{'、'.join(f.options)}）"))
        elif raw and f.max_length and len(raw) > f.max_length:
            out.append(finding("field.length", where, f"「{f.label}」共 {len(raw)} 字，超过建议的 {f.max_length} 字"))
        elif raw and f.type == "date" and parse_date(raw) is None:
            out.append(finding("field.date", where,
                               f"「{f.label}」“{raw}”不是有效日期，请写成 2022-03-01 或 2022年3月1日"))
        elif raw and f.type == "integer":
            value = values.numbers.get(f.id)
            if value is not None and value != value.to_integral_value():
                out.append(finding("field.integer", where, f"「{f.label}」应为整数，现为 {raw}"))


def _grid_checks(t, plan, values, out):
    for where, message in values.errors.items():
        if where.startswith("grids."):
            out.append(finding("grid.number", where, label(t, where) + message))
    for row_key, col, formula in plan.row_checks:
        entered = values.numbers.get(f"{row_key}.{col}")
        expected = parts_value(formula, values.numbers)
        if entered is None or expected is None:
            continue
        if abs(entered - expected) > MONEY_TOLERANCE:
            where = f"grids.{row_key}.{col}"
            out.append(finding("grid.sum", where,
                               f"{label(t, where)}填写 {_n(entered)}，但各分项相加为 {_n(expected)}，相差 {_n(entered - expected)}",
                               {"left": entered, "right": expected}))


def _indicator_checks(t, draft, scores: Scores, out, cache: dict | None = None):
    unscored = []
    for ns in scores.nodes.values():
        if ns.leaf and ns.score is None:
            unscored.append(ns)
        hit = cache.get(ns.id) if cache is not None else None
        if hit is not None and hit[2] is ns and hit[3] is not None:
            out.extend(hit[3])  # the row's score object is unchanged, so are its findings
            continue
        found: list[Finding] = []
        if ns.leaf:
            group = scores.nodes.get(ns.parent) if ns.parent else None
            _leaf_checks(t, ns, draft.indicators.get(ns.id), group.name if group else "", found)
        else:
            _group_checks(ns, scores, found)
        if hit is not None and hit[2] is ns:
            cache[ns.id] = (hit[0], hit[1], ns, found)
        out.extend(found)
    if unscored:
        first = unscored[0]
        names = "、".join(f"「{n.name}」" for n in unscored[:3]) + ("等" if len(unscored) > 3 else "")
        out.append(finding("score.missing", f"indicators.{first.id}.score",
                           f"尚有 {len(unscored)} 项指标未评分：{names}"))
    _weight_sum_check(t, scores, out)


def _group_checks(ns, scores: Scores, out):
    base = f"indicators.{ns.id}"
    kids = ns.children
    if ns.derived_weight:
        return  # equal to its rows by definition; an empty one simply weighs 0
    if kids:
        total = sum((scores.nodes[k].weight for k in kids), Decimal(0))
        if total != ns.weight:
            over = f"；得分合计只按 {_n(ns.weight)} 分计" if total > ns.weight else ""
            out.append(finding("indicator.weights", f"{base}.weight",
                               f"「{ns.name}」分值 {_n(ns.weight)}，下级指标分值合计 {_n(total)}，两者应相等{over}",
                               {"left": ns.weight, "right": total}))
    else:
        out.append(finding("indicator.no_rows", f"{base}.weight",
                           f"「{ns.name}」（{_n(ns.weight)} 分）下还没有指标，请添加"))


def _weight_sum_check(t, scores: Scores, out):
    """The 分值 column must add up to full marks (a published table summed to 110 and
    printed 总分 100). Every scored row counts; penalties are deductions, not marks."""
    leaves = [n for n in scores.leaves() if n.kind != "penalty"]
    if not leaves:
        return
    total = sum((n.weight for n in leaves), Decimal(0))
    if total != scores.full_marks:
        first = next((g for g in scores.groups if g.kind != "penalty"), scores.groups[0])
        out.append(finding("marks.sum", f"indicators.{first.id}.weight",
                           f"各项指标分值合计 {_n(total)} 分，满分为 {_n(scores.full_marks)} 分，两者应相等；"
                           f"总分最多按 {_n(scores.full_marks)} 分计",
                           {"left": total, "right": scores.full_marks}))


def _leaf_checks(t, ns, entry, group_name, out):
    base = f"indicators.{ns.id}"
    if ns.rule not in RULES:   # a hand-edited row, or a rule a later program version dropped
        out.append(finding("indicator.rule_unknown", f"{base}.score",
                           f"「{ns.name}」的评分规则“{ns.rule}”本程序没有，已按手工打分计算；请删除该指标后重新添加"))
    if entry and entry.score and entry.override is None and not ns.auto:
        parsed = parse_number(entry.score)
        if parsed.error:
            out.append(finding("score.number", f"{base}.score", f"「{ns.name}」得分{parsed.error}"))
            return
    if entry and entry.override is not None:
        _override_checks(ns, entry, base, out)
    score = ns.score
    if score is not None:
        low = -ns.weight if ns.kind == "penalty" else Decimal(0)
        high = Decimal(0) if ns.kind == "penalty" else ns.weight
        note = entry.note.strip() if entry else ""
        if score < low or score > high:
            out.append(finding("score.range", f"{base}.score",
                               f"「{ns.name}」得分 {_n(score)} 超出范围，应在 {_n(low)} 至 {_n(high)} 分之间；"
                               f"小计和总分只按 {_n(ns.counted)} 分计",
                               {"left": score, "right": ns.weight}))
        elif ns.kind == "normal" and score < ns.weight and not says_something(note):
            said = f"偏差原因只写了“{note}”，" if note else ""
            out.append(finding("score.note", f"{base}.note",
                               f"「{ns.name}」得分 {_n(score)} 低于分值 {_n(ns.weight)}，{said}请写明偏差原因",
                               {"left": score, "right": ns.weight}))
        if ns.rule == "qualitative" and entry and entry.band and not ns.overridden:
            _band_check(ns, entry, score, base, out)
    _target_checks(t, ns, entry, base, out)
    reviewer.leaf(t, ns, entry, group_name, out)
    _row_control_checks(t, ns, entry, out)


def _override_checks(ns, entry, base, out):
    typed = parse_number(entry.override.score)
    computed = _n(ns.computed_score) if ns.computed_score is not None else "—"
    if typed.error:
        out.append(finding("score.number", f"{base}.score", f"「{ns.name}」调整后得分{typed.error}"))
    reason = entry.override.reason.strip()
    if not reason:
        out.append(finding("score.override_reason", f"{base}.override",
                           f"「{ns.name}」自动得分 {computed} 被改为 {entry.override.score}，请填写调整理由"))
    elif typed.value is not None and ns.computed_score is not None and ns.score != ns.computed_score:
        # a reason does not make the figure right: the reviewer recomputes (执行率 86% is 8.6, not 9)
        out.append(finding("score.override_departs", f"{base}.score",
                           f"「{ns.name}」按规则应得 {computed} 分，手工改为 {_n(ns.score)} 分"
                           f"（理由：“{_short(reason)}”），请核实",
                           {"left": ns.score, "right": ns.computed_score}))


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _band_check(ns, entry, score, base, out):
    rng = band_range(ns, entry.band)
    if rng is None:
        out.append(finding("score.band", f"{base}.score",
                           f"「{ns.name}」评价档次“{_short(entry.band)}”无法识别，请重新选择（达成、部分达成、未达成）"))
        return
    lo, hi = rng
    typed = parse_number(entry.score).value if entry.score else None
    score = typed if typed is not None else score  # 3.95 is 部分达成 even if it prints as 4.0
    if not in_band(ns, entry.band, score):
        out.append(finding("score.band", f"{base}.score",
                           f"「{ns.name}」评为“{entry.band}”，得分应在 {band_text(ns, entry.band)} 内，现为 {_n(score)}",
                           {"left": score, "right": hi}))


def _target_checks(t, ns, entry, base, out):
    target = parse_target(ns.target)
    if target is None:
        return
    actual_text = entry.actual if entry else None
    if ns.actual_computed:
        actual = ns.actual  # from the figures; None leaves the score open (score.missing names it)
    elif ns.rule != "execution_rate" and not (actual_text and actual_text.strip()):
        out.append(finding("indicator.actual_missing", f"{base}.actual",
                           f"「{ns.name}」有指标值“{ns.target}”，但完成值尚未填写"))
        return
    else:
        actual = parse_actual(actual_text)
    if target.value and actual is not None and target.op in ("≥", ">", "=") and target.value > 0 \
            and (ns.actual_computed or not incomparable(target, actual_text)):   # else said by 审核 as a unit mismatch
        ratio = actual / target.value
        if ratio > t.over_target_ratio:
            out.append(finding("indicator.over_target", f"{base}.actual",
                               f"「{ns.name}」完成值 {_n(actual)} 是指标值 {_n(target.value)} 的 {_n(round(ratio * 100, 1))}%，"
                               "指标值可能设置偏低，请核实并在偏差原因中说明",
                               {"left": actual, "right": target.value}))


def _template_checks(t, draft, values, out):
    for check in t.checks:
        if check.unless_filled and _filled(draft, check.unless_filled):
            continue
        left = _cached_formula(check, "left").evaluate(values.numbers)
        right = _cached_formula(check, "right").evaluate(values.numbers)
        if left is None or right is None:
            continue
        if not _OPS[check.op](left, right, check.tolerance):
            message = check.message.replace("{left}", _shown(left)).replace("{right}", _shown(right))
            out.append(Finding(f"{TEMPLATE_CHECK_PREFIX}{check.id}", check.severity, check.field, message,
                               {"left": left, "right": right}))


def _shown(value: Decimal) -> str:
    """A computed figure (a rate: 200 / 251.89 * 100) as the table prints it, two places at most."""
    small = value.is_finite() and abs(value) < 10 ** 15 and value.as_tuple().exponent < -2
    return _n(round_half_up(value, 2) if small else value)


def _filled(draft, address: str) -> bool:
    """A text that says something: "—", "/", "无" or "0" is no reason."""
    a = Address.parse(address)
    if a.kind == "fields":
        text = draft.fields.get(a.id)
    else:
        entry = draft.indicators.get(a.id)
        text = getattr(entry, a.part, None) if entry else None
    return says_something(text)


def _cached_formula(check, side: str) -> Formula:
    key = f"_f_{side}"
    f = check.__dict__.get(key)
    if f is None:
        f = Formula(getattr(check, side))
        check.__dict__[key] = f
    return f


def _section_checks(t, draft, out):
    for depth, section in t.report_sections():
        if section.children or section.optional:
            continue
        if not (draft.sections.get(section.id) or "").strip():
            out.append(finding("section.empty", f"sections.{section.id}",
                               f"报告“{section.title}”尚未填写"))


def _stale_number_checks(t, draft, scores: Scores, out):
    """A report that still says last week's total: "得分 95.9 分" while the total is now 96.4."""
    if not scores.grade:
        return
    names = tuple(g.name for g in t.grades)
    for depth, section in t.report_sections():
        for m in _mismatches(draft.sections.get(section.id) or "", scores.total, scores.grade, names,
                             scores.full_marks):
            out.append(finding("text.stale_total", f"sections.{section.id}",
                               f"报告“{section.title}”中{m.message}，请修改正文或重新插入标准表述",
                               {"left": m.said, "right": m.now}))


@lru_cache(maxsize=256)
def _mismatches(text, total, grade, names, full_marks):
    return mismatches(text, total, grade, list(names), full_marks)


def _text_checks(t, draft, scores: Scores, out):
    """Control characters in the header fields and report text; an indicator row's
    texts are checked with the row (_row_control_checks), so they are cached with it."""
    hits = [(f"fields.{k}", v) for k, v in draft.fields.items()
            if v and isinstance(v, str) and removed_chars(v) and t.field(k) is not None]
    hits += [(f"sections.{k}", v) for k, v in draft.sections.items() if v and removed_chars(v)]
    for where, text in hits:
        _control_finding(t, where, text, None, out)


def _row_control_checks(t, ns, entry, out):
    names = {ns.id: ns.name}
    texts = [("name", ns.name)] + ([(part, getattr(entry, part)) for part in ("target", "actual", "note")]
                                   if entry else [])
    for part, text in texts:
        if text and removed_chars(text):
            _control_finding(t, f"indicators.{ns.id}.{part}", text, names, out)


def _control_finding(t, where, text, names, out):
    out.append(finding("text.control", where,
                       f"{label(t, where, names)}中有 {removed_chars(text)} 个不可见的控制字符"
                       "（多来自 Word/WPS 粘贴），导出时将删除"))


def _breakdown_checks(t, draft, out):
    from .breakdown import mismatches
    for f in t.all_fields():
        if not f.check_breakdown:
            continue
        for m in mismatches(draft.fields.get(f.id)):
            out.append(finding("text.breakdown", f"fields.{f.id}",
                               f"「{f.label}」中“其中”所列各项（{' + '.join(_n(p) for p in m.parts)}）相加为 "
                               f"{_n(m.parts_sum)} {m.unit}，与所写合计 {_n(m.total)} {m.unit}不符，"
                               f"相差 {_n(m.parts_sum - m.total)} {m.unit}，请核对",
                               {"left": m.parts_sum, "right": m.total}))

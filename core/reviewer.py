"""审核 as a 财政局 reviewer reads a table: mistakes seen in real published 自评表
(each test in tests/core/test_reviewer.py names the table) that add up arithmetically
but would be sent back.

Each finding quotes the clerk's words and the figures on both sides. They are
warnings, except a figure that cannot be read: the clerk decides, the program
makes sure nobody submits them unknowingly.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

from .findings import finding
from .numbers import plain
from .text import says_something
from .targets import actual_problem, incomparable, is_progress, parse_actual, parse_target

# A 完成值 is one figure reached, never a comparison.
_COMPARISON = re.compile(r"[≥≤><⩾⩽]|不少于|不低于|不小于|不超过|不高于|不大于|不多于|至少|以上|以内|以下")
# Rows counted or rated upwards: a "≤" target there is a slip ("≤4" villages built).
_UPWARD_NAMES = ("满意度", "合格率", "达标率", "完成率", "覆盖率", "及时率", "到位率", "知晓率", "参与率",
                 "利用率", "验收率")
_UPWARD_GROUPS = ("数量",)
# A figure with its unit written into a row's name: "年度资金支付完成率100%".
_FIGURE_IN_NAME = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|个|件|次|人|万元|元|天|户|家|项|公里|千米|米|平方米|亩|吨|台|套|座|所)")
_YUAN_FLOOR = Decimal(10000)   # below this an amount in 元 is a unit price, not a slip
_PUNCT = re.compile(r"[\s，,。.;；:：、“”\"'（）()《》【】\-—]+")
# Instruction text a clerk should have replaced: "××单位", "（请简述……）", "XX万元".
_INSTRUCTION = re.compile(r"×{2,}|[XＸ]{2,}|x{3,}|○{2,}|(?:^|[（(【\[])\s*请(?:在此|根据|按照|对照|结合)?"
                          r"(?:填写|填报|简述|描述|说明|列出|概述|分析)|[（(]\s*\d+\s*字以内\s*[)）]")
# Satisfaction rows, and the words that say how satisfaction was measured.
_SATISFACTION = ("满意度", "满意率")
_SURVEY = re.compile(r"调查|问卷|测评|回访|访谈|走访|座谈|抽样|样本|评议|征求意见|打分")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
# Cost rows: a total amount wants a ceiling; a standard rate does not.
_MONEY_UNITS = ("元", "万元", "亿元", "千元")
_STANDARD_NAMES = ("标准", "补助", "单价", "补贴")
# An amount in 元 inside goal text ("共申请预算资金2026400元") beside a money block in 万元.
_YUAN_IN_TEXT = re.compile(r"(?<![万\d.])(\d+(?:\.\d+)?)\s*元")


def _n(value) -> str:
    return plain(value) if isinstance(value, Decimal) else str(value)


def _norm(text: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text or ""))


def _quote(text: str, limit: int = 24) -> str:
    text = " ".join(str(text).split())
    return f"“{text if len(text) <= limit else text[:limit] + '…'}”"


def run(t, draft, scores, out: list) -> None:
    """Draft-wide: the goal text and template instructions left in place."""
    _goal_checks(t, draft, out)
    _goal_yuan_checks(t, draft, out)
    _instruction_checks(t, draft, out)
    _satisfaction_checks(t, draft, scores, out)


def leaf(t, ns, entry, group_name: str, out: list) -> None:
    """One indicator row (cached with the row's other findings)."""
    base = f"indicators.{ns.id}"
    target = parse_target(ns.target)
    actual_text = (entry.actual or "").strip() if entry and not ns.actual_computed else ""
    if not target or target.value is None:
        if not (ns.target or "").strip() and _FIGURE_IN_NAME.search(ns.name or "") \
                and ns.rule in ("manual", "ratio", "inverse_ratio", "qualitative"):
            out.append(finding("indicator.target_in_name", f"{base}.target",
                               f"「{ns.name}」没有指标值，数值写在了指标名称里，请把它填入“指标值”栏"))
        elif target and actual_text and is_progress(actual_text):
            out.append(finding("indicator.actual_progress", f"{base}.actual",
                               f"「{ns.name}」完成值{_quote(actual_text)}只写了完成进度；指标值{_quote(ns.target)}"
                               f"没有可比的数值，请写明实际达到的情况（完成的时间、做到的程度、取得的效果）"))
        elif target and actual_text and _norm(actual_text) == _norm(ns.target):
            _met_check(ns, entry, None, None, base, out)   # a worded target reached word for word
        return
    _sign_check(ns, target, group_name, base, out)
    _yuan_check(t, ns, target, base, out)
    if not actual_text:
        if ns.actual_computed:
            _met_check(ns, entry, target, ns.actual, base, out)
        return
    if _COMPARISON.search(unicodedata.normalize("NFKC", actual_text)):
        same = _norm(actual_text) == _norm(ns.target)
        what = "与指标值一字不差" if same else "写的是比较条件"
        out.append(finding("indicator.actual_copied", f"{base}.actual",
                           f"「{ns.name}」完成值{_quote(actual_text)}{what}，请填写实际达到的数值",
                           {"left": actual_text, "right": ns.target}))
        return
    problem = actual_problem(actual_text)
    if problem:
        out.append(finding("indicator.actual_number", f"{base}.actual",
                           f"「{ns.name}」完成值{_quote(actual_text)}{problem}；请只写数字和单位，例如 {_n(target.value)}{target.unit}"))
        return
    actual = parse_actual(actual_text)
    if actual is None:
        out.append(finding("indicator.actual_text", f"{base}.actual",
                           f"「{ns.name}」指标值{_quote(ns.target)}是数值，完成值{_quote(actual_text)}却没有写出实际数值",
                           {"left": actual_text, "right": ns.target}))
        return
    _unit_check(ns, target, actual_text, actual, base, out)
    _met_check(ns, entry, target, actual, base, out)


def _sign_check(ns, target, group_name, base, out):
    if _cost_without_ceiling(ns, target, group_name):
        # scored as "reach at least": spending less loses points, overspending gets full marks
        out.append(finding("indicator.sign", f"{base}.target",
                           f"「{ns.name}」是成本指标，指标值{_quote(ns.target)}没有用“≤”：照此计分，花得比它少反而扣分、"
                           f"超支却得满分；请核对是否应为“≤{_n(target.value)}{target.unit}”"))
        return
    if target.op not in ("≤", "<") or target.value == 0:
        return
    upward = any(w in (ns.name or "") for w in _UPWARD_NAMES) or any(w in (group_name or "") for w in _UPWARD_GROUPS)
    if upward:
        kind = "数量" if any(w in (group_name or "") for w in _UPWARD_GROUPS) else "比率"
        out.append(finding("indicator.sign", f"{base}.target",
                           f"「{ns.name}」是{kind}类指标，指标值{_quote(ns.target)}却用了“{target.op}”（越少越好），"
                           f"请核对是否应为“≥”"))


def _cost_without_ceiling(ns, target, group_name) -> bool:
    """A cost row's total amount ("=6万元", "10万元") with no ceiling. A per-head standard
    ("500元/人", "补助标准") is paid in full, so "=" is right there."""
    return ("成本" in (group_name or "") and target.op in ("=", "≥", ">") and target.value > 0
            and target.unit in _MONEY_UNITS and not any(w in (ns.name or "") for w in _STANDARD_NAMES))


def _yuan_check(t, ns, target, base, out):
    if target.unit != "元" or abs(target.value) < _YUAN_FLOOR:
        return
    grid = _wanyuan_grid(t)
    if grid is None:
        return
    out.append(finding("indicator.yuan", f"{base}.target",
                       f"「{ns.name}」指标值{_quote(ns.target)}以元计，而「{grid.title}」以万元计"
                       f"（{_n(target.value)} 元 = {_n(target.value / 10000)} 万元），请核对单位",
                       {"left": target.value, "right": target.value / 10000}))


def _goal_yuan_checks(t, draft, out):
    grid = _wanyuan_grid(t)
    if grid is None:
        return
    for role in ("goal", "goal_actual"):
        f = t.role_field(role)
        text = t.role_value(draft.fields, role)
        amounts = [Decimal(m.group(1)) for m in _YUAN_IN_TEXT.finditer(unicodedata.normalize("NFKC", text))]
        big = [a for a in amounts if a >= _YUAN_FLOOR]
        if f is not None and big:
            out.append(finding("indicator.yuan", f"fields.{f.id}",
                               f"「{f.label}」中的金额以元计（{_n(big[0])} 元 = {_n(big[0] / 10000)} 万元），"
                               f"而「{grid.title}」以万元计，请统一写成万元",
                               {"left": big[0], "right": big[0] / 10000}))


def _wanyuan_grid(t):
    """The money grid kept in 万元, which an amount written in 元 is compared against."""
    return next((g for g in t.grids if g.unit == "万元"), None)


def _unit_of(text: str) -> str:
    t = parse_target(text)
    return t.unit if t else ""


def _unit_check(ns, target, actual_text, actual, base, out):
    unit = _unit_of(actual_text)
    # the rule leaves such a row unscored (core.targets.incomparable): say so with it
    unscored = "；两者不能相比，本行暂不自动计分" if ns.auto and incomparable(target, actual_text) else ""
    if target.unit != "%" and is_progress(actual_text):
        # "已完成100%" against "至少全年完成2次宣传": a share of the plan, not the count reached
        counted = f"以“{target.unit}”计" if target.unit else "是一个数量"
        out.append(finding("indicator.unit_mismatch", f"{base}.actual",
                           f"「{ns.name}」完成值{_quote(actual_text)}只写了完成进度；指标值{_quote(ns.target)}{counted}，"
                           f"请填写实际完成的数值，例如“{_n(target.value)}{target.unit}”{unscored}",
                           {"left": actual, "right": target.value}))
    elif target.unit and unit and unit != target.unit:
        out.append(finding("indicator.unit_mismatch", f"{base}.actual",
                           f"「{ns.name}」指标值以“{target.unit}”计（{_quote(ns.target)}），完成值以“{unit}”计"
                           f"（{_quote(actual_text)}），请统一单位后再比较{unscored}",
                           {"left": actual, "right": target.value}))


def _met_check(ns, entry, target, actual, base, out):
    """A target reached, yet the score typed is below the weight with no word why
    (published tables score every row at 90 % by habit); or the other way round, full
    marks typed for a figure that falls short of its target."""
    if ns.score is None or ns.kind != "normal" or (ns.auto and not ns.overridden):
        return
    if ns.score >= ns.weight:
        _full_check(ns, target, actual, base, out)
        return
    if target is None:      # the caller found the worded 完成值 equal to the worded 指标值
        met, shown = True, _quote(entry.actual)
    else:
        if actual is None:
            return
        met, shown = target.met(actual), f" {_n(actual)} "
    if met and not (entry and says_something(entry.note)):
        out.append(finding("score.met_not_full", f"{base}.score",
                           f"「{ns.name}」完成值{shown}已达到指标值{_quote(ns.target)}，得分 {_n(ns.score)} "
                           f"却低于分值 {_n(ns.weight)}；请给满分，或在偏差原因中写明扣分理由",
                           {"left": ns.score, "right": ns.weight}))


def _full_check(ns, target, actual, base, out):
    if target is None or actual is None or target.value is None:
        return
    if not target.met(actual):
        out.append(finding("score.full_not_met", f"{base}.score",
                           f"「{ns.name}」完成值 {_n(actual)} 未达到指标值{_quote(ns.target)}，却给了满分 {_n(ns.score)}；"
                           f"请按完成比例打分，或在偏差原因中说明",
                           {"left": actual, "right": target.value}))


def _satisfaction_checks(t, draft, scores, out):
    """满意度 reported as 100 % (or as the target figure itself) with nothing saying how it
    was measured: a reviewer asks for the survey behind it. A figure like 93 % is left
    alone (it reads as measured); so is a row whose 偏差原因 or 完成值 names a survey,
    and every row when the draft's narrative text describes one."""
    narrative = None
    for ns in scores.leaves():
        if ns.actual_computed or not any(w in (ns.name or "") for w in _SATISFACTION):
            continue
        entry = draft.indicators.get(ns.id)
        text = (entry.actual or "").strip() if entry else ""
        actual = parse_actual(text) if text else None
        if actual is None or _COMPARISON.search(unicodedata.normalize("NFKC", text)):
            continue      # nothing to read, or a copied comparison (indicator.actual_copied says so)
        target = parse_target(ns.target)
        if (_unit_of(text) or (target.unit if target else "")) not in ("%", ""):
            continue      # "95分" is a score out of 100, not a share of those asked
        copied = target is not None and target.value == actual
        if not (actual >= 100 or copied) or _SURVEY.search(entry.note or "") or _SURVEY.search(text):
            continue
        if narrative is None:
            narrative = _survey_in_narrative(draft)
        if narrative:
            continue
        said = f"与指标值{_quote(ns.target)}相同" if copied and actual < 100 else ""
        out.append(finding("indicator.satisfaction_basis", f"indicators.{ns.id}.note",
                           f"「{ns.name}」完成值{_quote(text)}{said}，表中没有写明满意度是怎样得出的；"
                           f"请在偏差原因栏写明调查方式和样本（例如“发放问卷120份，满意118份”），"
                           f"没有做调查的不应填写满意度数值",
                           {"left": actual, "right": target.value if target else None}))


def _survey_in_narrative(draft) -> bool:
    """A sentence of the header texts or the report that speaks of 满意 and of a survey."""
    texts = [v for v in draft.fields.values() if isinstance(v, str)] + list(draft.sections.values())
    return any("满意" in s and _SURVEY.search(s) for text in texts if text for s in _SENTENCE.findall(text))


def _goal_checks(t, draft, out):
    goal = t.role_field("goal")
    text = t.role_value(draft.fields, "goal")
    if goal is None or not text:
        return
    where = f"fields.{goal.id}"
    bare = _norm(text)
    if re.fullmatch(r"[\d.]+(?:万元|元|%)?", bare):
        out.append(finding("goal.only_number", where,
                           f"「{goal.label}」只写了{_quote(text)}，请用文字写明全年要完成的任务和达到的效果"))
        return
    project = _norm(t.role_value(draft.fields, "project"))
    if project and (bare == project or (bare.startswith(project) and len(bare) - len(project) <= 4)
                    or (project.startswith(bare) and len(bare) >= 4)):
        out.append(finding("goal.repeats_project", where,
                           f"「{goal.label}」{_quote(text)}只是重复了项目名称，请写明全年要完成的任务和达到的效果"))


def _instruction_checks(t, draft, out):
    for f in t.all_fields():
        text = draft.fields.get(f.id)
        if isinstance(text, str) and text.strip():
            _instruction(f"fields.{f.id}", f"「{f.label}」", text, (f.help, f.placeholder), out)
    for _, sec in t.report_sections():
        text = draft.sections.get(sec.id)
        if text and text.strip():
            _instruction(f"sections.{sec.id}", f"报告“{sec.title}”", text, (sec.hint,), out)


def _instruction(where, label, text, own: tuple, out):
    quoted = _instruction_left(text, own)
    if quoted:
        out.append(finding("text.instruction", where, f"{label}中还留着填写说明{quoted}，请删去并写入实际内容"))


@lru_cache(maxsize=4096)
def _instruction_left(text: str, own: tuple) -> str:
    """The instruction quoted, or "". Cached: every keystroke rechecks every long text."""
    said = next((h for h in own if h and len(h) >= 6 and h in text), "")
    m = None if said else _INSTRUCTION.search(text)
    if not (said or m):
        return ""
    return _quote(said or text[max(0, m.start() - 4): m.end() + 8])

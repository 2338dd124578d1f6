"""指标性质: the column some provinces print before 指标值 (DOMAIN.md §9.3).

Yunnan and others write 正向 / 反向 / 定性 in it; Sichuan's 510000_0013zp writes the
comparison (≥ ≤ = 定性) under the same heading. Either way it says how the row is
scored, so it is what a clerk picks for a row of their own, and it chooses the rule
(core.rules): a clerk never picks a rule by its name. A template switches the column
on with `indicator_columns: {nature: words | signs}`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .targets import compose_target, parse_target, sign_of, split_target, unit_problem


@dataclass(frozen=True)
class Nature:
    word: str       # 正向 / 反向 / 定性, as Yunnan prints it
    rule: str       # the core.rules name it scores with
    sign: str       # the comparison it puts before a bare 指标值 ("" for 定性)
    hint: str       # what it means, beside the choice


NATURES: tuple[Nature, ...] = (
    Nature("正向", "ratio", "≥", "越高越好：达到指标值得满分，未达到按 完成值 ÷ 指标值 计分"),
    Nature("反向", "inverse_ratio", "≤", "越低越好：不超过指标值得满分，超出按 指标值 ÷ 完成值 计分"),
    Nature("定性", "qualitative", "", "按达成、部分达成、未达成三档打分"),
)
BY_WORD = {n.word: n for n in NATURES}
BY_RULE = {n.rule: n for n in NATURES}
_ALIASES = {"正向指标": "正向", "反向指标": "反向", "定性指标": "定性", "定量": "正向", "定量指标": "正向"}


def read(text: str | None) -> tuple[Nature | None, str]:
    """What a 指标性质 cell says: (nature, sign). "正向" → (正向, ""); "≤" → (反向, "≤");
    "定性" → (定性, ""); anything else → (None, "")."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    word = _ALIASES.get(s, s)
    if word in BY_WORD:
        return BY_WORD[word], ""
    sign = sign_of(s)
    if sign is None:
        return None, ""
    return of_sign(sign), sign


def of_row(rule: str | None, target: str | None) -> Nature | None:
    """The nature a row's rule and 指标值 amount to; None for rules it does not name
    (手工打分, 执行率, 逐项勾选 …). A ratio row with a "≤" or "= 0" target is 反向, as
    core.rules.ratio scores it."""
    if rule == "ratio":
        t = parse_target(target)
        return BY_WORD["反向"] if t is not None and t.lower_is_better else BY_WORD["正向"]
    return BY_RULE.get(rule or "")


def shown(rule: str | None, target: str | None, style: str) -> str:
    """The 指标性质 cell: the word, or (signs) the target's own comparison when it says
    what the rule does, else the rule's ("10万元/人" scored lower-is-better shows ≤)."""
    nature = of_row(rule, target)
    if nature is None:
        return ""
    if style != "signs" or not nature.sign:
        return nature.word
    t = parse_target(target)
    return t.op if t is not None and t.op and agrees(nature, t) else nature.sign


def agrees(nature: Nature, t) -> bool:
    """A target's comparison says the same as the nature: ≥ > = for 正向, ≤ < for 反向
    ("= 0", as in 安全事故0起, is lower-is-better too)."""
    return of_sign(t.op) is nature or (t.op == "=" and t.value == 0)


def fit(target: str | None, nature: Nature) -> str | None:
    """The 指标值 with a comparison that contradicts the nature replaced by the nature's
    (反向 with "≥1500" → "≤1500"); the 指标性质 column says how the row is scored, so
    the sign must not say otherwise. A worded target is left as written."""
    parts = split_target(target)
    t = parse_target(target)
    if parts is None or not parts.sign or not nature.sign or t is None or agrees(nature, t):
        return target
    return compose_target(nature.sign, parts.value, parts.unit)


def choices(style: str) -> list[tuple[str, str]]:
    """(cell text, what it means) for the 指标性质 picker: the words, or the signs."""
    if style != "signs":
        return [(n.word, n.hint) for n in NATURES]
    return [("≥", BY_WORD["正向"].hint), ("=", "达到指标值得满分（同正向）"), ("≤", BY_WORD["反向"].hint),
            ("定性", BY_WORD["定性"].hint)]


def retarget(target: str | None, nature: Nature, sign: str) -> str | None:
    """The 指标值 after the nature changed: a "sign number unit" target takes the new
    comparison (≥ for 正向, ≤ for 反向, or the sign picked); a worded one stays."""
    parts = split_target(target)
    if parts is None or not nature.sign:
        return target
    keep = parts.sign and not sign and agrees(nature, parse_target(target))
    return compose_target(parts.sign if keep else (sign or nature.sign), parts.value, parts.unit)


def of_sign(sign: str) -> Nature:
    return BY_WORD["反向"] if sign in ("≤", "<") else BY_WORD["正向"]


@dataclass(frozen=True)
class FromCells:
    nature: Nature | None   # what the 指标性质 cell named (chooses a new row's rule)
    target: str             # the one 指标值 text the draft keeps
    written: str            # as the cells wrote it, before a contradicting sign gave way


def from_cells(said: str, value: str, unit: str) -> FromCells:
    """A table row's (or 添加指标's) 指标性质 | 指标值 | 度量单位 folded into the one 指标值
    text ("=" | 100 | % → "=100%"). The nature's sign wins over one typed with the figure
    that says otherwise ("反向" | "≥1500" → "≤1500")."""
    nature, sign = read(said)
    written = compose_target(sign or (nature.sign if nature else ""), value, unit)
    return FromCells(nature, fit(written, nature) if nature is not None else written, written)


def typed(rule: str | None, current: str, cell: str, text: str, columns) -> tuple[str | None, Nature | None]:
    """The clerk typed `text` into a row's 指标值 (cell "value") or 度量单位 ("unit") cell;
    the row's 指标值 is `current`. Gives the new 指标值 text (None: nothing to change — a
    unit with a figure in it, or no figure to carry a unit) and, when a sign typed with the
    figure says otherwise than the row's nature ("≥90" in a 反向 row), the nature it picks.
    The sign stays as it was: a bare figure stays bare, a new one takes the nature's."""
    if not (columns.nature or columns.unit):
        return text, None
    parts = split_target(current)
    nature = of_row(rule, current)
    sign = parts.sign if parts else (nature.sign if nature and columns.nature else "")
    if cell == "unit":
        if unit_problem(text) or not (parts or current[-1:].isdigit()):
            return None, None
        return compose_target(sign, parts.value if parts else current, text), None
    new = compose_target(sign, text, parts.unit if parts and columns.unit else "")
    t = parse_target(new)
    if columns.nature and nature is not None and nature.sign and t is not None and t.op and not agrees(nature, t):
        return new, of_sign(t.op)
    return new, None


def cells(rule: str | None, target: str | None, columns) -> dict[str, str]:
    """What the 指标性质 | 指标值 | 度量单位 cells of a row show under a template's
    `indicator_columns`; with neither column, 指标值 is the target as written. A sign
    the 指标性质 cell does not show stays in 指标值."""
    text = target or ""
    nature = shown(rule, target, columns.nature) if columns.nature else ""
    parts = split_target(text) if (columns.nature or columns.unit) else None
    if parts is None:
        return {"nature": nature, "target_value": text, "unit": ""}
    value = parts.value if nature else parts.sign + parts.value
    if not columns.unit:
        return {"nature": nature, "target_value": value + parts.unit, "unit": ""}
    return {"nature": nature, "target_value": value, "unit": parts.unit}

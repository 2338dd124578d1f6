"""What the clerk typed: one JSON file per draft, values kept as the text typed.

Numbers stay strings ("26.9") so nothing is lost to floats; the core parses
them when it scores. The file says which template and version it was made
with, and which format version, so an older program can refuse a newer file.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from . import PROGRAM_VERSION
from .errors import DraftError, problems_from_schema
from .schema import Factory, Record, ValidationError
from .template import IndicatorDef, Template, inherit_kind

FORMAT = "jxzp-draft"
FORMAT_VERSION = 1
MAX_DRAFT_BYTES = 64 * 1024 * 1024
NOT_A_DRAFT = "不是绩效自评草稿文件"


def _as_text(v):
    """JSON numbers written by hand become the text a clerk would have typed."""
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, bool):
        raise ValueError("应为文字或数字")
    if isinstance(v, (int, float, Decimal)):
        return str(v)
    raise ValueError("应为文字或数字")


def _grid_text(v):
    if not isinstance(v, dict):
        return v
    return {g: ({r: ({c: _as_text(x) for c, x in cols.items()} if isinstance(cols, dict) else cols)
                 for r, cols in rows.items()} if isinstance(rows, dict) else rows)
            for g, rows in v.items()}


class Override(Record):
    score: str
    reason: str = ""

    _before = {"score": _as_text}


class IndicatorEntry(Record):
    target: str | None = None
    actual: str | None = None
    score: str | None = None
    band: str | None = None
    checked: dict[str, bool] = {}
    override: Override | None = None
    note: str = ""

    _before = {"target": _as_text, "actual": _as_text, "score": _as_text}

    def is_empty(self) -> bool:
        return self == IndicatorEntry()


class TemplateRef(Record):
    id: str
    version: str

    _before = {"version": _as_text}


def _now() -> str:
    from datetime import datetime   # here: only a new draft needs it, not opening one (start-up)
    return datetime.now().isoformat(timespec="seconds")


class Draft(Record):
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    program_version: str = PROGRAM_VERSION
    template: TemplateRef
    created: str = Factory(_now)
    saved: str | None = None
    fields: dict[str, str | None] = {}
    grids: dict[str, dict[str, dict[str, str | None]]] = {}
    indicators: dict[str, IndicatorEntry] = {}
    extra_indicators: dict[str, list[IndicatorDef]] = {}
    sections: dict[str, str] = {}
    orphans: dict[str, Any] = {}

    def _after(self) -> None:
        """A hand-edited file must not reach scoring with a row the window could
        never make: a leaf without 分值 (it crashes the scoring). States the window
        can make (weights not yet balanced, rule parameters missing) and a rule this
        program does not have (scored by hand, indicator.rule_unknown) are 审核
        findings, never a refusal to open."""
        from .validation import indicator_problems  # the template's own row checks
        problems: list[tuple[str, str]] = []

        def add(code, where, what, fix=""):
            if code == "weight.missing":
                problems.append((where, what))

        for parent, rows in self.extra_indicators.items():
            indicator_problems([r.model_copy(deep=True) for r in rows], parent,
                               add, lambda id_, where: None, None)
            for i, row in enumerate(rows):
                problems.extend((f"{parent}[{i}].rule", what) for what in _rule_shape(row.rule))
        if problems:
            where, what = problems[0]
            more = f"（另有 {len(problems) - 1} 处）" if len(problems) > 1 else ""
            exc = ValueError(f"{where}：{what}{more}")
            exc.loc = ("extra_indicators",)
            raise exc

    _before = {"fields": lambda v: {k: _as_text(x) for k, x in v.items()} if isinstance(v, dict) else v,
               "grids": _grid_text}

    # -- convenient access ---------------------------------------------------
    def grid_value(self, grid_id: str, row_id: str, col_id: str) -> str | None:
        return self.grids.get(grid_id, {}).get(row_id, {}).get(col_id)


def _rule_shape(rule) -> list[str]:
    """A row's rule parameters in a shape the window could have written: a hand-edited
    `items: "x"` or `per_point: [1]` would reach the scoring and crash it."""
    params = (rule.model_extra or {}) if rule is not None else {}
    out = []
    items = params.get("items")
    if items is not None and not (isinstance(items, list) and all(
            isinstance(it, dict) and isinstance(it.get("id"), str) and isinstance(it.get("label", ""), str)
            and isinstance(it.get("points", 0), (str, int, float, Decimal)) and not isinstance(it.get("points"), bool)
            for it in items)):
        out.append("评分规则的 items 应为列表，每项写 id、label、points")
    for key in ("threshold", "per_point"):
        value = params.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal))):
            out.append(f"评分规则的参数“{key}”应为数字")
    for key in ("budget", "actual", "direction"):
        if params.get(key) is not None and not isinstance(params[key], str):
            out.append(f"评分规则的参数“{key}”应为文字")
    return out


def new_draft(template: Template) -> Draft:
    return Draft(template=TemplateRef(id=template.id, version=template.version))


def draft_from_bytes(data: bytes, path: str) -> Draft:
    """Parse a draft file, raising DraftError with a Chinese reason (never a traceback)."""
    if len(data) > MAX_DRAFT_BYTES:
        raise DraftError(path, f"文件过大（{len(data) // 1024 // 1024} MB），不像是草稿文件")
    if not data.strip():
        raise DraftError(path, "文件是空的（可能保存时被中断）；可尝试打开同一文件夹中的 .bak 备份")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DraftError(path, f"{NOT_A_DRAFT}（不是 UTF-8 文本）") from None
    try:
        raw = json.loads(text, parse_float=str, parse_int=str, parse_constant=_refuse_constant)
    except RecursionError:
        raise DraftError(path, "文件嵌套层次过深，不是本程序保存的草稿") from None
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        where = f"（第 {line} 行附近）" if line else ""
        if FORMAT not in text[:400]:  # never one of ours: a README, a spreadsheet, a stray .json
            raise DraftError(path, NOT_A_DRAFT) from None
        hint = "文件不完整（可能保存时被中断），可尝试打开 .bak 备份" if text.rstrip()[-1:] != "}" else "文件内容不是有效的 JSON"
        raise DraftError(path, f"{hint}{where}") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise DraftError(path, f"{NOT_A_DRAFT}（缺少 format: jxzp-draft 标记）")
    version = raw.get("format_version")
    try:
        version = int(version)
    except (TypeError, ValueError):
        raise DraftError(path, f"草稿格式版本“{version}”无法识别") from None
    if version > FORMAT_VERSION:
        raise DraftError(path, f"该草稿由较新版本的程序保存（草稿格式 {version}，本程序只认识到 {FORMAT_VERSION}，"
                               f"保存它的程序版本 {raw.get('program_version', '未知')}），请升级本程序后再打开；文件未被改动")
    raw["format_version"] = version
    try:
        return Draft.model_validate(raw)
    except ValidationError as exc:
        first = problems_from_schema(exc)[0]  # in Chinese, not the error type's English name
        more = f"等 {len(exc.errors())} 处" if len(exc.errors()) > 1 else ""
        raise DraftError(path, f"内容有误：{first.where} {first.what}{more}") from None


def _refuse_constant(name: str):
    raise ValueError(f"不允许 {name}")


def draft_to_bytes(draft: Draft) -> bytes:
    data = draft.model_dump(mode="json", exclude_none=False)
    data["indicators"] = {k: v.model_dump(mode="json", exclude_defaults=True)
                          for k, v in draft.indicators.items() if not v.is_empty()}
    data["extra_indicators"] = {k: [n.model_dump(mode="json", exclude_defaults=True, exclude={"folder"}) for n in v]
                                for k, v in draft.extra_indicators.items()}
    return json_bytes(data, indent=1)


_LONE_SURROGATE = "[\ud800-\udfff]"  # compiled by re on first use, not at start-up


def json_bytes(data, indent: int | None = None) -> bytes:
    """UTF-8 JSON. A lone surrogate (from a hand-edited file's "\\ud800") cannot be
    UTF-8: it is written as the same JSON escape, so the file round-trips
    instead of the save failing; the checks warn and the exports drop it."""
    text = json.dumps(data, ensure_ascii=False, indent=indent) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return re.sub(_LONE_SURROGATE, lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8")


def effective_indicators(template: Template, draft: Draft) -> list[IndicatorDef]:
    """The template's indicator tree with the draft's own rows added under extensible nodes."""
    if not draft.extra_indicators:
        return template.indicators

    def graft(nodes: list[IndicatorDef]) -> list[IndicatorDef]:
        out = []
        for node in nodes:
            extra = draft.extra_indicators.get(node.id)
            if node.children or extra:
                kids = graft(node.children) + [inherit_kind(x, node.kind) for x in (extra or [])]
                node = node.model_copy(update={"children": kids})
            out.append(node)
        return out

    return graft(template.indicators)

"""The render context: built once from template + draft + result, plain data
only (str, Decimal, None, lists, dicts). Word, Excel, print and the starter
texts all read this, so a figure cannot differ between them. Every string
from the draft passes clean_text here, once, for every output.

The names are documented for template authors in docs/render-context.md.
"""

from __future__ import annotations

from datetime import date

from core.compute import build_plan
from core.evaluate import Result
from core.nature import cells as nature_cells
from core.template import NUMERIC_TYPES, Template
from core.targets import parse_target
from core.text import clean_text

from core.format import heading_number, num

from .env import render_text


def _text(value) -> str:
    return clean_text(str(value)) if value is not None else ""


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _text(text).split("\n") if p.strip()]


def build(template: Template, draft, result: Result, today: date | None = None) -> dict:
    numbers = result.values.numbers
    s = result.scores
    ctx: dict = {"template": {"id": template.id, "name": template.name, "version": template.version,
                              "region": template.region, "score_decimals": template.score_decimals}}

    # header fields: by id (f.unit_name, also top-level unit_name) and as a list
    f: dict = {}
    field_list = []
    for group in template.field_groups:
        for fd in group.fields:
            if fd.type in NUMERIC_TYPES:
                value = numbers.get(fd.id)
            else:
                value = _text(draft.fields.get(fd.id))
            f[fd.id] = value
            field_list.append({"id": fd.id, "label": fd.label, "type": fd.type, "value": value, "group": group.id})
    ctx["f"] = f
    ctx["fields"] = field_list

    # money grids
    cell: dict = {}
    grids = []
    computed = build_plan(template).computed
    for g in template.grids:
        cell[g.id] = {}
        rows = []
        for r in g.rows:
            cell[g.id][r.id] = {}
            cells = []
            for c in g.columns:
                value = None if c.id in r.blank_columns else numbers.get(f"{g.id}.{r.id}.{c.id}")
                cell[g.id][r.id][c.id] = value
                cells.append({"col": c.id, "type": c.type, "value": value, "blank": c.id in r.blank_columns,
                              "computed": f"{g.id}.{r.id}.{c.id}" in computed})
            rows.append({"id": r.id, "label": r.label, "indent": r.indent, "computed": bool(r.formula), "cells": cells})
        grids.append({"id": g.id, "title": g.title, "unit": g.unit,
                      "columns": [{"id": c.id, "label": c.label, "type": c.type, "computed": bool(c.formula)}
                                  for c in g.columns], "rows": rows})
    ctx["cell"] = cell
    ctx["grids"] = grids
    ctx["grid"] = {g["id"]: g for g in grids}

    # scores
    ctx["groups"] = [{"id": g.id, "name": _text(g.name), "weight": g.weight, "score": g.score, "kind": g.kind}
                     for g in s.groups]
    ctx["group"] = {g["id"]: g for g in ctx["groups"]}
    ctx["total"] = s.total
    ctx["full_marks"] = s.full_marks
    ctx["grade"] = s.grade
    ctx["complete"] = s.complete
    rows, placed = _indicator_rows(result, draft)
    for row in rows + list(placed.values()):   # 指标性质 | 指标值 | 度量单位 (template.indicator_columns)
        row.update(nature_cells(row["rule"], row["target"], template.indicator_columns))
    ctx["indicator_rows"] = rows          # the indicator table: every row not printed in a money grid
    for grid_id, row in placed.items():   # grid.<id>.indicator: the row a grid's total line carries
        ctx["grid"][grid_id]["indicator"] = row
    ctx["audit_status"] = result.audit_status   # "审核未通过：2 个错误" beside the total, or ""
    ctx["progress"] = result.progress

    # findings
    ctx["findings"] = [f_.as_dict() for f_ in result.findings]
    ctx["error_count"] = len(result.errors)
    ctx["warning_count"] = len(result.warnings)

    # signature and date
    ctx["signature"] = {"items": [{"id": fid, "label": template.field(fid).label, "value": f.get(fid) or ""}
                                  for fid in template.signature.fields],
                        "stamp_label": template.signature.stamp_label}
    today = today or date.today()
    ctx["generated"] = f"{today.year}年{today.month}月{today.day}日"
    for key, value in f.items():  # top-level aliases; never shadow the names above
        ctx.setdefault(key, value)

    ctx["indicator_table"] = template.report.indicator_table if template.report else "appendix"
    ctx["cover"] = bool(template.report and template.report.cover)
    ctx["sections"] = _sections(template, draft)
    ctx["report_title"] = _text(form_text(template, "report.title", template.report.title, ctx)) \
        if template.report else template.name
    return ctx


def _indicator_rows(result: Result, draft) -> tuple[list[dict], dict[str, dict]]:
    """Leaves in table order with the 一级/二级 cells to merge down their rows, and apart
    from them the rows a money grid prints (in_grid), by grid id: each row in one place."""
    from core.template import walk_indicators
    nodes = result.scores.nodes
    in_grid = {n.id: n.in_grid for _, n in walk_indicators(result.tree) if n.in_grid}
    rows: list[dict] = []
    placed: dict[str, dict] = {}

    def walk(node_ids, path):
        for nid in node_ids:
            ns = nodes[nid]
            here = path + [ns]
            if ns.leaf:
                entry = draft.indicators.get(nid)
                (rows if nid not in in_grid else placed.setdefault(in_grid[nid], [])).append({
                    "id": nid, "depth": ns.depth, "kind": ns.kind,
                    "l1": _text(here[0].name), "l1_id": here[0].id,
                    "l2": _text(here[1].name if len(here) > 2 else (ns.name if len(here) == 2 else "")),
                    "l2_id": here[1].id if len(here) >= 2 else nid,
                    "l3": _text(ns.name) if len(here) > 2 else "",
                    "name": _text(ns.name), "weight": ns.weight, "score": ns.score,
                    "target": _text(ns.target), "actual": _actual_text(ns, entry),
                    "note": _text(entry.note if entry else ""),
                    "criteria": _text(_criteria(result, nid)),
                    "rule": ns.rule, "auto": ns.auto, "overridden": ns.overridden, "explain": ns.explain,
                    "override_reason": _text(entry.override.reason) if entry and entry.override else "",
                })
            else:
                if not ns.children:  # an extensible group with no rows yet still shows
                    rows.append({"id": nid, "depth": ns.depth, "kind": ns.kind, "l1": _text(here[0].name),
                                 "l1_id": here[0].id, "l2": _text(ns.name) if len(here) > 1 else "",
                                 "l2_id": nid, "l3": "", "name": _text(ns.name), "weight": ns.weight, "score": None,
                                 "target": "", "actual": "", "note": "", "criteria": "", "rule": "",
                                 "auto": False, "overridden": False, "explain": "", "override_reason": ""})
                walk(ns.children, here)

    walk([g.id for g in result.scores.groups], [])
    for key in ("l1_id", "l2_id"):
        span_key = key[:2]
        i = 0
        while i < len(rows):
            j = i
            while j + 1 < len(rows) and rows[j + 1][key] == rows[i][key] and rows[j + 1]["l1_id"] == rows[i]["l1_id"]:
                j += 1
            for k in range(i, j + 1):
                rows[k][f"{span_key}_first"] = k == i
                rows[k][f"{span_key}_span"] = j - i + 1 if k == i else 0
            i = j + 1
    return rows, {grid_id: found[0] for grid_id, found in placed.items()}


def _actual_text(ns, entry) -> str:
    """The 完成值 as the clerk typed it; a computed one as the figure the core computed."""
    if getattr(ns, "actual_computed", False):
        if ns.actual is None:
            return ""
        target = parse_target(ns.target)
        return f"{num(ns.actual)}{target.unit if target else ''}"
    return _text(entry.actual if entry else "")


def _criteria(result: Result, node_id: str) -> str:
    from core.template import walk_indicators
    cache = result.__dict__.setdefault("_criteria", None)
    if cache is None:
        cache = {n.id: n.criteria for _, n in walk_indicators(result.tree)}
        result.__dict__["_criteria"] = cache
    return cache.get(node_id, "")


def _sections(template: Template, draft) -> list[dict]:
    """Report sections in reading order, numbered 一、（一）1.（1）; optional empty ones left out."""
    out: list[dict] = []
    if not template.report:
        return out

    def has_text(section) -> bool:
        return bool(_text(draft.sections.get(section.id)).strip()) or any(has_text(c) for c in section.children)

    def walk(sections, depth):
        index = 0
        for sec in sections:
            if sec.optional and not has_text(sec):
                continue
            index += 1
            number = heading_number(depth, index)
            text = _text(draft.sections.get(sec.id))
            out.append({"id": sec.id, "depth": depth, "number": number, "title": sec.title,
                        "heading": f"{number}{sec.title}", "text": text, "paragraphs": _paragraphs(text),
                        "has_children": bool(sec.children)})
            walk(sec.children, depth + 1)

    walk(template.report.sections, 1)
    return out


def render_starter(template: Template, draft, result: Result, section_id: str) -> str | None:
    """The template's standard wording for a section, filled from the current data."""
    for _, sec in template.report_sections():
        if sec.id == section_id and sec.starter:
            return clean_text(form_text(template, f"report.sections（{sec.id}）.starter", sec.starter,
                                        build(template, draft, result))).strip()
    return None


def form_text(template: Template, where: str, source: str, ctx: dict) -> str:
    """A title or starter text from form.yaml, rendered in the sandbox; a failure
    (a refused attribute, a syntax error) is a TemplateError naming the place."""
    try:
        return render_text(source, ctx)
    except Exception as exc:
        from core.errors import Problem, TemplateError

        from .word import describe
        form = f"{template.folder}/form.yaml" if template.folder else "form.yaml"
        raise TemplateError(form, [Problem("form.text", f"form.yaml {where}", f"无法生成：{describe(exc)}")]) from exc


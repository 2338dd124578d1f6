"""Stage 2 of reading a form.yaml: what the file means, not just its shape.

Ids unique across the template, children's weights adding up to their parent,
full marks, rule names and parameters, formula names, cycles between computed
fields. Every problem is collected (never just the first), each with its place
and a way to fix it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from .address import KINDS, Address
from .errors import Problem
from .expr import Formula, FormulaError
from .rules import RULES, rule_problems
from .schema import ValidationError
from .template import IndicatorDef, RuleSpec, Template, walk_indicators

LAYOUT_FILES = ("report.docx", "table.xlsx", "print.html.j2")


def meaning_problems_of_raw(data: dict, exc: ValidationError) -> list[Problem]:
    """Best effort: drop or fill each key the schema refused in a copy, then run the
    meaning checks on that, so a schema mistake does not hide the others."""
    import copy

    repaired = copy.deepcopy(data)
    for _ in range(5):
        for err in exc.errors():
            _repair(repaired, tuple(err["loc"]), err["type"])
        try:
            template = Template.model_validate(repaired)
        except ValidationError as again:
            exc = again
            continue
        except Exception:  # noqa: BLE001 - a repair that makes no sense: report stage 1 only
            return []
        try:
            return meaning_problems(template)
        except Exception:  # noqa: BLE001
            return []
    return []


_PLACEHOLDERS = {"id": "_missing", "name": "（缺）", "label": "（缺）", "title": "（缺）", "version": "0"}


def _repair(data, loc: tuple, kind: str) -> None:
    node, parent, key = data, None, None
    for part in loc:
        if isinstance(node, dict) and part in node:
            parent, key, node = node, part, node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            parent, key, node = node, part, node[part]
        else:
            break
    if kind == "missing" and isinstance(node, dict) and isinstance(loc[-1], str):
        node[loc[-1]] = _PLACEHOLDERS.get(loc[-1], "0")
    elif isinstance(parent, dict) and key is not None:
        if key in _PLACEHOLDERS:
            parent[key] = _PLACEHOLDERS[key]
        else:
            del parent[key]


# -- stage 2: meaning ----------------------------------------------------------

def meaning_problems(t: Template) -> list[Problem]:
    problems: list[Problem] = []
    add = lambda code, where, what, fix="": problems.append(Problem(code, where, what, fix))  # noqa: E731

    # ids: unique across fields, grids, indicators, sections
    seen: dict[str, str] = {}

    def claim(id_: str, where: str):
        if id_ in seen:
            add("id.duplicate", where, f"编号“{id_}”重复（已用于 {seen[id_]}）", "每个编号在模板内只能用一次，请改名")
        else:
            seen[id_] = where

    roles: dict[str, str] = {}
    for gi, group in enumerate(t.field_groups):
        for fi, f in enumerate(group.fields):
            claim(f.id, f"field_groups[{gi}].fields[{fi}]")
            if f.role and f.role in roles:
                add("field.role", f"field_groups[{gi}].fields[{fi}].role",
                    f"“{f.label}”与“{roles[f.role]}”都标为 role: {f.role}", "每个 role 在模板内只能用一次")
            elif f.role:
                roles[f.role] = f.label
            if f.type == "choice" and not f.options:
                add("field.options", f"field_groups[{gi}].fields[{fi}].options", "选择题没有选项", "用 options 列出可选项")
    for gi, grid in enumerate(t.grids):
        claim(grid.id, f"grids[{gi}]")
        _unique([c.id for c in grid.columns], f"grids[{gi}].columns", add)
        _unique([r.id for r in grid.rows], f"grids[{gi}].rows", add)
        for ri, row in enumerate(grid.rows):
            if row.fill and not row.check:
                add("grid.fill", f"grids[{gi}].rows[{ri}].fill", f"“{row.label}”写了 fill 但没有 check 公式",
                    "fill 表示“留空时取 check 之和”，请同时写 check")
    for si, (depth, s) in enumerate(t.report_sections()):
        claim(s.id, f"report.sections（{s.title}）")
    indicator_problems(t.indicators, "indicators", add, claim, parent=None)
    for _, node in walk_indicators(t.indicators):
        if node.in_grid and (t.grid(node.in_grid) is None or node.children):
            add("indicator.in_grid", f"indicators（{node.name}）.in_grid",
                f"“{node.name}”的 in_grid: {node.in_grid} 不是本模板的资金表，或该指标不是末级指标",
                "in_grid 写资金表的 id（grids 下的 id），且只用于末级指标")

    # full marks = Σ top-level normal + bonus weights. A 一级 group whose weight is the sum of the
    # rows the unit adds (the 部门整体 national table: no fixed 产出/效益/满意度 split) is summed
    # on the draft instead (审核 marks.sum); here its fixed part must only leave room for it.
    top = sum((n.total_weight() for n in t.indicators if n.kind != "penalty"), Decimal(0))
    open_top = any(_open(n) for n in t.indicators if n.kind != "penalty")
    if t.indicators and (top > t.full_marks if open_top else top != t.full_marks):
        add("marks.full", "full_marks", f"满分 {t.full_marks} 与一级指标分值之和 {top} 不相等",
            "修改 full_marks，或调整一级指标的 weight")
    if t.grades and not any(g.min == 0 for g in t.grades):
        add("grades.floor", "grades", "等级划分没有覆盖 0 分", "最低一档的 min 应为 0")

    for layout, prefixes in t.leave_out.items():
        if layout not in LAYOUT_FILES:
            add("layout.leave_out", f"leave_out.{layout}", f"“{layout}”不是版式文件",
                "可写 " + "、".join(LAYOUT_FILES))
        for prefix in prefixes:
            if prefix.partition(".")[0] not in KINDS:
                add("layout.leave_out", f"leave_out.{layout}", f"“{prefix}”不是栏目地址",
                    "写 sections、fields.<编号> 这样的地址")

    # signature fields must exist
    for i, fid in enumerate(t.signature.fields):
        if t.field(fid) is None:
            add("signature.field", f"signature.fields[{i}]", f"签章栏引用的字段“{fid}”不存在", "先在 field_groups 中定义该字段")

    if t.summary is not None:
        cells = {f"{g.id}.{r.id}.{c.id}" for g in t.grids for r in g.rows for c in g.columns}
        for key in ("budget", "actual"):
            name = getattr(t.summary, key)
            if name not in cells:
                add("formula.name", f"summary.{key}", f"汇总表引用的收支表单元格“{name}”不存在",
                    "写成“收支表编号.行编号.列编号”，如 funds.total.budget")

    _formula_problems(t, add)
    return problems


def _open(node: IndicatorDef) -> bool:
    """A group whose weight comes from rows the draft adds."""
    return node.weight is None and (node.extensible or any(_open(c) for c in node.children))


def _unique(ids: list[str], where: str, add) -> None:
    seen = set()
    for i, id_ in enumerate(ids):
        if id_ in seen:
            add("id.duplicate", f"{where}[{i}]", f"编号“{id_}”重复", "同一表格内行、列编号不能重复")
        seen.add(id_)


def indicator_problems(nodes, where, add, claim, parent) -> None:
    for i, node in enumerate(nodes):
        here = f"{where}[{i}]"
        claim(node.id, here)
        if node.weight is None and not (node.children or node.extensible):
            add("weight.missing", f"{here}.weight", f"“{node.name}”没有分值", "给末级指标写 weight")
        if node.children:
            total = sum((c.total_weight() for c in node.children), Decimal(0))
            # Rows the draft will add cannot be summed now; 审核 checks them in the draft.
            if node.weight is not None and total != node.weight and not any(_open(c) for c in node.children):
                add("weight.children", f"{here}.weight",
                    f"“{node.name}”分值 {node.weight} 与下级指标分值之和 {total} 不相等",
                    "调整下级指标的 weight，使之相加等于上级分值")
            if node.rule is not None:
                add("rule.on_group", f"{here}.rule", f"“{node.name}”有下级指标，不能设评分规则",
                    "把评分规则写在最末级指标上")
            indicator_problems(node.children, f"{here}.children", add, claim, node)
        elif not node.extensible:
            spec = node.rule or RuleSpec(type="manual")
            if spec.type not in RULES:
                add("rule.unknown", f"{here}.rule.type", f"未知的评分规则“{spec.type}”",
                    "可用的规则：" + "、".join(RULES))
            else:
                for where_, what, fix in rule_problems(spec, node):
                    add("rule.params", f"{here}.rule{where_}", what, fix)
        if node.actual_formula:
            try:
                Formula(node.actual_formula)
            except FormulaError as exc:
                add("formula.syntax", f"{here}.actual_formula", str(exc), "只能使用字段编号、数字和 + - * / ( )")


def formula_sites(t: Template) -> Iterator[tuple[str, str, str, str]]:
    """(cell or field key, formula source, where in the file, the names' scope)."""
    for gi, group in enumerate(t.field_groups):
        for fi, f in enumerate(group.fields):
            if f.formula:
                yield f.id, f.formula, f"field_groups[{gi}].fields[{fi}].formula", "global"
    for gi, grid in enumerate(t.grids):
        for ri, row in enumerate(grid.rows):
            if row.formula:
                yield f"{grid.id}.{row.id}", row.formula, f"grids[{gi}].rows[{ri}].formula", "rows"
            if row.check:
                yield f"{grid.id}.{row.id}#check", row.check, f"grids[{gi}].rows[{ri}].check", "rows"
        for ci, col in enumerate(grid.columns):
            if col.formula:
                yield f"{grid.id}.*.{col.id}", col.formula, f"grids[{gi}].columns[{ci}].formula", "columns"


def global_names(t: Template) -> set[str]:
    names = {f.id for f in t.all_fields()}
    for grid in t.grids:
        for row in grid.rows:
            for col in grid.columns:
                names.add(f"{grid.id}.{row.id}.{col.id}")
    for _, node in walk_indicators(t.indicators):
        names.add(f"{node.id}.actual")
    return names


def _formula_problems(t: Template, add) -> None:
    from .compute import build_plan, CycleError

    known = global_names(t)
    for key, source, where, scope in formula_sites(t):
        try:
            formula = Formula(source)
        except FormulaError as exc:
            add("formula.syntax", where, str(exc), "只能使用字段编号、数字、+ - * / ( ) 和 min/max/abs")
            continue
        if scope == "global":
            allowed = known
        else:
            grid = t.grid(key.split(".")[0])
            allowed = {r.id for r in grid.rows} if scope == "rows" else {c.id for c in grid.columns}
        for name in formula.names:
            if name not in allowed:
                add("formula.name", where, f"公式“{source}”中的“{name}”不是已定义的名称",
                    "检查拼写；表格行公式只能引用本表的行编号，列公式只能引用本表的列编号")
    for ci, check in enumerate(t.checks):
        if check.unless_filled and not _text_address(t, check.unless_filled):
            add("check.unless_filled", f"checks[{ci}].unless_filled",
                f"unless_filled: {check.unless_filled} 不是本模板的文字栏目或指标的偏差原因",
                "写 fields.栏目编号，或 indicators.指标编号.note")
        for side in ("left", "right"):
            source = getattr(check, side)
            try:
                formula = Formula(source)
            except FormulaError as exc:
                add("formula.syntax", f"checks[{ci}].{side}", str(exc))
                continue
            for name in formula.names:
                if name not in known:
                    add("formula.name", f"checks[{ci}].{side}", f"审核公式“{source}”中的“{name}”不是已定义的名称",
                        "引用字段编号，或“表格编号.行编号.列编号”")
    for _, node in walk_indicators(t.indicators):
        if node.actual_formula:
            try:
                names = Formula(node.actual_formula).names
            except FormulaError:
                continue
            for name in names:
                if name not in known:
                    add("formula.name", f"indicator {node.id}.actual_formula",
                        f"完成值公式“{node.actual_formula}”中的“{name}”不是已定义的名称", "检查拼写")
    try:
        build_plan(t)
    except CycleError as exc:
        add("formula.cycle", "公式", f"计算字段之间循环引用：{' → '.join(exc.cycle)}", "去掉其中一个公式，打破循环")
    except (FormulaError, KeyError, AttributeError):
        pass  # already reported above


def _text_address(t, address: str) -> bool:
    """fields.<text field> or indicators.<template indicator>.note: a text the clerk writes."""
    try:
        a = Address.parse(address)
    except KeyError:
        return False
    if a.kind == "fields":
        f = t.field(a.id)
        return f is not None and f.type in ("text", "longtext") and not f.formula
    if a.kind == "indicators" and a.part == "note" and not a.sub:
        return any(n.id == a.id and not n.children for _, n in walk_indicators(t.indicators))
    return False

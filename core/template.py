"""The form definition (form.yaml) as typed objects, validated in named stages.

Stage 1 checks the shape (core/schema.py); stage 2 checks meaning: ids, weights,
rule names and parameters, formula names and cycles. Every problem of both
stages is collected, so a template author fixes them in one pass.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Literal

from .errors import Problem, TemplateError, problems_from_schema
from .schema import Factory, Record, ValidationError

FieldType = Literal["text", "longtext", "money", "percent", "integer", "decimal", "date", "choice"]
NUMERIC_TYPES = ("money", "percent", "integer", "decimal")
# What a field means to the shared code (file lists, carry-forward, 审核), so no code
# names a template's own field ids: unit = the unit that evaluates (单位名称 / 实施单位),
# project = 项目名称, department = 主管部门, goal / goal_actual = 年度总体目标 预期 / 实际.
FieldRole = Literal["unit", "project", "year", "department", "goal", "goal_actual"]


class FieldDef(Record):
    id: str
    label: str
    type: FieldType = "text"
    required: bool = False
    recommended: bool = False   # empty gives a warning, not an error (signature lines)
    options: list[str] = []
    formula: str | None = None
    help: str = ""
    placeholder: str = ""
    max_length: int | None = None
    check_breakdown: bool = False  # 审核 "共 X 万元。其中：a 万元；b 万元" in this text (core/breakdown.py)
    role: FieldRole | None = None
    carry_forward: bool = False    # a longtext kept when next year's draft is made from this one


class FieldGroup(Record):
    id: str
    title: str
    fields: list[FieldDef]


class GridColumn(Record):
    id: str
    label: str
    type: Literal["money", "percent"] = "money"
    formula: str | None = None


class GridRow(Record):
    id: str
    label: str
    formula: str | None = None   # computed, read-only
    check: str | None = None     # entered, but must equal this sum
    fill: bool = False           # with check: a cell left empty takes the sum instead
    indent: int = 0
    blank_columns: list[str] = []  # cells printed as "—"


class GridDef(Record):
    id: str
    title: str
    unit: str = "万元"
    columns: list[GridColumn]
    rows: list[GridRow]


class RuleSpec(Record):
    _extra_allowed = True   # the rule's parameters, checked by core/rules.py
    type: str = "manual"


class IndicatorDef(Record):
    id: str
    name: str
    # None on a group: its weight is the sum of its rows (the national 项目支出 table's
    # 二级 groups); an empty such group weighs 0 and leaves every total as it is.
    weight: Decimal | None = None
    kind: Literal["normal", "bonus", "penalty"] = "normal"
    criteria: str = ""
    description: str = ""
    target: str | None = None
    actual_formula: str | None = None
    rule: RuleSpec | None = None
    extensible: bool = False
    # printed in this money grid's total row (分值, 得分, and its 偏差原因 under the grid),
    # not in the indicator table: the national table's 预算执行率
    in_grid: str | None = None
    children: list["IndicatorDef"] = []

    _constraints = {"weight": {"ge": 0}}

    def total_weight(self) -> Decimal:
        """The weight, or for a derived group the sum of its children's."""
        if self.weight is not None:
            return self.weight
        return sum((c.total_weight() for c in self.children), Decimal(0))


class ReportSection(Record):
    id: str
    title: str
    starter: str | None = None
    hint: str = ""
    optional: bool = False
    carry_forward: bool = False   # kept when next year's draft is made from this one
    children: list["ReportSection"] = []


class ReportDef(Record):
    title: str
    sections: list[ReportSection] = []
    indicator_table: Literal["inline", "appendix", "none"] = "appendix"
    cover: bool = False


class SignatureDef(Record):
    fields: list[str] = []
    stamp_label: str = "（单位盖章）"


class CheckDef(Record):
    id: str
    severity: Literal["error", "warning"] = "error"
    left: str
    op: Literal["==", "!=", "<=", ">=", "<", ">"] = "=="
    right: str
    tolerance: Decimal = Decimal("0")
    field: str
    message: str
    # An address of a text (fields.<id>, or indicators.<id>.note): once it is filled the
    # check is satisfied, so "a reason is required when 执行率 < 90 %" needs no code.
    unless_filled: str | None = None


class SummaryDef(Record):
    """Which cells of a money grid are the draft's 全年预算数 and 全年执行数 when a
    folder of drafts is summed up in the 自评结果汇总表 (core/summary.py):
    "grid.row.column" names, as in a formula."""
    budget: str
    actual: str


class IndicatorColumns(Record):
    """Columns some provinces add to the indicator table (DOMAIN.md §9.3): 指标性质, written
    as words (正向/反向/定性, Yunnan) or signs (≥ ≤ = 定性, Sichuan), which chooses each
    row's rule (core/nature.py); and 度量单位, the unit taken out of 指标值."""
    nature: Literal["words", "signs"] | None = None
    unit: bool = False


class Grade(Record):
    name: str
    min: Decimal


class Template(Record):
    id: str
    name: str
    version: str
    kind: str = "dept-overall"
    region: str = ""
    description: str = ""
    full_marks: Decimal = Decimal(100)
    score_decimals: int = 1
    over_target_ratio: Decimal = Decimal("1.2")
    grades: list[Grade] = Factory(lambda: [
        Grade(name="优", min=Decimal(90)), Grade(name="良", min=Decimal(80)),
        Grade(name="中", min=Decimal(60)), Grade(name="差", min=Decimal(0))])
    field_groups: list[FieldGroup] = []
    grids: list[GridDef] = []
    indicators: list[IndicatorDef] = []
    report: ReportDef | None = None
    signature: SignatureDef = SignatureDef()
    checks: list[CheckDef] = []
    # What each layout does not print, as address prefixes ("sections", "fields.contact_phone"):
    # everything else the clerk entered must appear in it (tests/exporters/test_same_rows.py).
    leave_out: dict[str, list[str]] = {}
    summary: SummaryDef | None = None
    indicator_columns: IndicatorColumns = IndicatorColumns()

    # filled in after validation; not part of the file
    folder: str | None = None
    origin: str = "builtin"   # or "user": a folder the clerk installed (core/registry.py)

    _constraints = {"id": {"pattern": r"[a-z0-9][a-z0-9_-]*"}, "score_decimals": {"ge": 0, "le": 4}}
    _before = {"version": lambda v: str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v}
    _exclude = frozenset({"folder", "origin"})

    def _after(self) -> None:
        """Rows under a bonus (penalty) group are bonus (penalty) rows, unless they say otherwise."""
        self.indicators = [inherit_kind(n, "normal") for n in self.indicators]

    # -- lookups -------------------------------------------------------------
    def all_fields(self) -> Iterator[FieldDef]:
        for group in self.field_groups:
            yield from group.fields

    def field(self, field_id: str) -> FieldDef | None:
        return self._index()["fields"].get(field_id)

    def role_field(self, role: str) -> FieldDef | None:
        """The field that plays `role` (FieldRole), if the template has one."""
        return self._index()["roles"].get(role)

    def role_value(self, fields: dict, role: str) -> str:
        """A draft's text for `role`, "" when the template has no such field or it is empty."""
        f = self.role_field(role)
        value = fields.get(f.id) if f else None
        return str(value).strip() if value else ""

    def grid(self, grid_id: str) -> GridDef | None:
        return self._index()["grids"].get(grid_id)

    def _index(self) -> dict:
        idx = self.__dict__.get("_idx")
        if idx is None:
            idx = {"fields": {f.id: f for f in self.all_fields()}, "grids": {g.id: g for g in self.grids},
                   "roles": {f.role: f for f in self.all_fields() if f.role}}
            self.__dict__["_idx"] = idx
        return idx

    def report_sections(self) -> Iterator[tuple[int, ReportSection]]:
        """(depth, section) in reading order, depth 1 for 一、."""
        def walk(sections, depth):
            for s in sections:
                yield depth, s
                yield from walk(s.children, depth + 1)
        if self.report:
            yield from walk(self.report.sections, 1)

    def grade_for(self, total: Decimal) -> str:
        for grade in sorted(self.grades, key=lambda g: g.min, reverse=True):
            if total >= grade.min:
                return grade.name
        return self.grades[-1].name if self.grades else ""


def inherit_kind(node: IndicatorDef, kind: str) -> IndicatorDef:
    """`node` with the group kind passed down to it and its rows (copies; the input is kept)."""
    if kind != "normal" and node.kind == "normal":
        node = node.model_copy(update={"kind": kind})
    if node.children:
        node = node.model_copy(update={"children": [inherit_kind(c, node.kind) for c in node.children]})
    return node


def walk_indicators(nodes: list[IndicatorDef], depth: int = 1) -> Iterator[tuple[int, IndicatorDef]]:
    for node in nodes:
        yield depth, node
        yield from walk_indicators(node.children, depth + 1)


def load_template_data(data: object, source: str = "form.yaml") -> Template:
    """Validate parsed YAML into a Template, raising TemplateError with every problem found."""
    if not isinstance(data, dict):
        raise TemplateError(source, [Problem("schema.top", "（文件顶层）", "应为键值对（id: …, name: …）",
                                             "参照 templates/gd-dept-overall/form.yaml 的写法")])
    try:
        template = Template.model_validate(data)
    except ValidationError as exc:
        from .validation import meaning_problems_of_raw
        problems = problems_from_schema(exc)
        # Meaning checks still run on a repaired copy, so one pass reports everything;
        # a place the schema already named is not reported twice.
        named = {p.where for p in problems}
        problems += [p for p in meaning_problems_of_raw(data, exc) if p.where not in named]
        raise TemplateError(source, _dedupe(problems)) from None
    from .validation import meaning_problems  # stage 2 reads these models; imported late
    problems = meaning_problems(template)
    if problems:
        raise TemplateError(source, problems)
    return template


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        key = (p.where, p.what)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out

"""The form definition (form.yaml) as typed objects, validated in named stages.

Stage 1 checks the shape (pydantic); stage 2 checks meaning: ids, weights,
rule names and parameters, formula names and cycles. Every problem of both
stages is collected, so a template author fixes them in one pass.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import Problem, TemplateError, problems_from_pydantic

FieldType = Literal["text", "longtext", "money", "percent", "integer", "decimal", "date", "choice"]
NUMERIC_TYPES = ("money", "percent", "integer", "decimal")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class FieldDef(_Model):
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


class FieldGroup(_Model):
    id: str
    title: str
    fields: list[FieldDef]


class GridColumn(_Model):
    id: str
    label: str
    type: Literal["money", "percent"] = "money"
    formula: str | None = None


class GridRow(_Model):
    id: str
    label: str
    formula: str | None = None   # computed, read-only
    check: str | None = None     # entered, but must equal this sum
    fill: bool = False           # with check: a cell left empty takes the sum instead
    indent: int = 0
    blank_columns: list[str] = []  # cells printed as "—"


class GridDef(_Model):
    id: str
    title: str
    unit: str = "万元"
    columns: list[GridColumn]
    rows: list[GridRow]


class RuleSpec(_Model):
    model_config = ConfigDict(extra="allow")
    type: str = "manual"


class IndicatorDef(_Model):
    id: str
    name: str
    # None on a group: its weight is the sum of its rows (the national 项目支出 table's
    # 二级 groups); an empty such group weighs 0 and leaves every total as it is.
    weight: Decimal | None = Field(default=None, ge=0, allow_inf_nan=False)
    kind: Literal["normal", "bonus", "penalty"] = "normal"
    criteria: str = ""
    description: str = ""
    target: str | None = None
    actual_formula: str | None = None
    rule: RuleSpec | None = None
    extensible: bool = False
    children: list["IndicatorDef"] = []

    def total_weight(self) -> Decimal:
        """The weight, or for a derived group the sum of its children's."""
        if self.weight is not None:
            return self.weight
        return sum((c.total_weight() for c in self.children), Decimal(0))


class ReportSection(_Model):
    id: str
    title: str
    starter: str | None = None
    hint: str = ""
    optional: bool = False
    carry_forward: bool = False   # kept when next year's draft is made from this one
    children: list["ReportSection"] = []


class ReportDef(_Model):
    title: str
    sections: list[ReportSection] = []
    indicator_table: Literal["inline", "appendix", "none"] = "appendix"
    cover: bool = False


class SignatureDef(_Model):
    fields: list[str] = []
    stamp_label: str = "（单位盖章）"


class CheckDef(_Model):
    id: str
    severity: Literal["error", "warning"] = "error"
    left: str
    op: Literal["==", "!=", "<=", ">=", "<", ">"] = "=="
    right: str
    tolerance: Decimal = Decimal("0")
    field: str
    message: str


class Grade(_Model):
    name: str
    min: Decimal


class Template(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: str
    version: str
    kind: str = "dept-overall"
    region: str = ""
    description: str = ""
    full_marks: Decimal = Decimal(100)
    score_decimals: int = Field(default=1, ge=0, le=4)
    over_target_ratio: Decimal = Decimal("1.2")
    grades: list[Grade] = Field(default_factory=lambda: [
        Grade(name="优", min=Decimal(90)), Grade(name="良", min=Decimal(80)),
        Grade(name="中", min=Decimal(60)), Grade(name="差", min=Decimal(0))])
    field_groups: list[FieldGroup] = []
    grids: list[GridDef] = []
    indicators: list[IndicatorDef] = []
    report: ReportDef | None = None
    signature: SignatureDef = SignatureDef()
    checks: list[CheckDef] = []

    # filled in after validation; not part of the file
    folder: str | None = Field(default=None, exclude=True)

    @model_validator(mode="after")
    def _kinds_flow_down(self):
        """Rows under a bonus (penalty) group are bonus (penalty) rows, unless they say otherwise."""
        self.indicators = [inherit_kind(n, "normal") for n in self.indicators]
        return self

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, v):
        return str(v) if isinstance(v, (int, float)) else v

    # -- lookups -------------------------------------------------------------
    def all_fields(self) -> Iterator[FieldDef]:
        for group in self.field_groups:
            yield from group.fields

    def field(self, field_id: str) -> FieldDef | None:
        return self._index()["fields"].get(field_id)

    def grid(self, grid_id: str) -> GridDef | None:
        return self._index()["grids"].get(grid_id)

    def _index(self) -> dict:
        idx = self.__dict__.get("_idx")
        if idx is None:
            idx = {"fields": {f.id: f for f in self.all_fields()}, "grids": {g.id: g for g in self.grids}}
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
        problems = problems_from_pydantic(exc)
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

"""Next year's draft from last year's: header, indicators and targets carry
forward; actuals, scores, money figures and this year's text start empty."""

from __future__ import annotations

from .draft import Draft, IndicatorEntry, TemplateRef
from .numbers import parse_number
from .template import Template

PER_YEAR_FIELD_TYPES = {"date", "money", "percent", "decimal"}


def carry_forward(old: Draft, template: Template) -> Draft:
    fields = {}
    for f in template.all_fields():
        value = old.fields.get(f.id)
        if value is None or f.type in PER_YEAR_FIELD_TYPES or f.formula:
            continue
        if f.role == "year":
            year = parse_number(value).value
            value = str(int(year) + 1) if year is not None else value
        if f.type == "longtext" and not f.carry_forward:
            continue  # last year's results are not this year's
        fields[f.id] = value
    indicators = {k: IndicatorEntry(target=e.target) for k, e in old.indicators.items() if e.target}
    carried = {s.id for _, s in template.report_sections() if s.carry_forward}
    sections = {k: v for k, v in old.sections.items() if k in carried}
    return Draft(template=TemplateRef(id=template.id, version=template.version), fields=fields,
                 indicators=indicators, extra_indicators={k: [n.model_copy(deep=True) for n in v]
                                                          for k, v in old.extra_indicators.items()},
                 sections=sections)

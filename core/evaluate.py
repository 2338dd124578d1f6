"""One recompute: values → scores → findings. The window, the command line and
every exporter call this, so a figure can never differ between them."""

from __future__ import annotations

from dataclasses import dataclass

from .checks import Finding, run_checks
from .compute import Values, build_plan, compute
from .draft import Draft, effective_indicators
from .scoring import Scores, score_tree
from .template import IndicatorDef, Template


@dataclass
class Result:
    values: Values
    scores: Scores
    findings: list[Finding]
    tree: list[IndicatorDef]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def evaluate(t: Template, draft: Draft, tree: list[IndicatorDef] | None = None,
             cache: dict | None = None) -> Result:
    """`cache`: a dict the caller keeps between calls (the Session does) so rows
    that did not change are not rescored or rechecked."""
    plan = build_plan(t)
    values = compute(t, draft, plan)
    tree = tree if tree is not None else effective_indicators(t, draft)
    scores = score_tree(t, draft, tree, values.numbers, cache)
    findings = run_checks(t, draft, plan, values, scores, cache)
    return Result(values, scores, findings, tree)

"""One recompute: values → scores → findings. The window, the command line and
every exporter call this, so a figure can never differ between them."""

from __future__ import annotations

from dataclasses import dataclass

from .checks import run_checks
from .findings import Finding
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

    @property
    def tally(self) -> str:
        """"2 个错误，5 个提醒": the panel's heading, the status bar and check say it alike."""
        errors = len(self.errors)
        return f"{errors} 个错误，{len(self.findings) - errors} 个提醒"

    @property
    def audit_status(self) -> str:
        """Said next to the total on screen and in every output while an error stands,
        so nobody signs an invalid total unknowingly; "" when 审核 found no error."""
        n = len(self.errors)
        return f"审核未通过：{n} 个错误" if n else ""

    @property
    def progress(self) -> str:
        """What is still missing before the total is the whole year's, in one line."""
        s = self.scores
        unscored = sum(1 for n in s.leaves() if n.score is None)
        empty = [g.name for g in s.groups if g.kind == "normal" and not _has_rows(s, g)]
        parts = []
        if unscored:
            parts.append(f"尚有 {unscored} 项未评分")
        if empty:
            parts.append("、".join(f"「{name}」" for name in empty) + "下还没有指标")
        if not parts:
            return "全部指标已评分"
        return "；".join(parts) + "，总分为已评部分之和"


def _has_rows(scores, node) -> bool:
    return node.leaf or any(_has_rows(scores, scores.nodes[k]) for k in node.children)


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

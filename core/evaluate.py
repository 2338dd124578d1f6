"""One recompute: values → scores → findings. The window, the command line and
every exporter call this, so a figure can never differ between them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from .compute import Values, build_plan, compute
from .draft import Draft, effective_indicators
from .scoring import Scores, score_tree
from .template import IndicatorDef, Template

if TYPE_CHECKING:
    from .findings import Finding


@dataclass
class Result:
    """Scores and values at once; 审核's findings either with them or, from
    evaluate(checks=False), on first use: whoever reads `findings` gets the
    complete list, never a partial or empty one. The window opens a draft that
    way, so its first frame does not wait for 审核 (and its imports)."""
    values: Values
    scores: Scores
    tree: list[IndicatorDef]
    _findings: list[Finding] | None = None
    _pending: Callable[[], list[Finding]] | None = field(default=None, repr=False, compare=False)

    @property
    def findings(self) -> list[Finding]:
        if self._findings is None:
            self._findings = self._pending()
            self._pending = None
        return self._findings

    @property
    def checked(self) -> bool:
        """审核 has run: reading findings costs nothing."""
        return self._findings is not None

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
             cache: dict | None = None, checks: bool = True) -> Result:
    """`cache`: a dict the caller keeps between calls (the Session does) so rows
    that did not change are not rescored or rechecked. `checks=False`: 审核 runs
    when the findings are first read; the draft must not change before then."""
    plan = build_plan(t)
    values = compute(t, draft, plan)
    tree = tree if tree is not None else effective_indicators(t, draft)
    scores = score_tree(t, draft, tree, values.numbers, cache)

    def run() -> list[Finding]:
        from .checks import run_checks   # its rules and regexes load with the first 审核
        return run_checks(t, draft, plan, values, scores, cache)
    result = Result(values, scores, tree, _pending=run)
    if checks:
        result.findings
    return result

"""How long one recompute (values → scores → 审核 findings) takes, so the window
can afford it on every keystroke. Prints figures; asserts nothing.

    python bench/scoring_bench.py [--rows 1000]

The baseline in the same run is the sample draft (16 indicators), so a noisy
shared machine shows up in both numbers.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.draft import IndicatorEntry  # noqa: E402
from core.evaluate import evaluate  # noqa: E402
from core.registry import load_template  # noqa: E402
from core.session import Session  # noqa: E402
from core.store import read_draft  # noqa: E402
from core.template import IndicatorDef, RuleSpec  # noqa: E402

RULES = ["ratio", "manual", "qualitative", "inverse_ratio"]


def synthetic(rows: int, fit: bool = True):
    """The sample with `rows` 三级 indicators under 履职效能, a mix of rules. `fit=False`:
    the old set (half-point rows beyond 履职效能's 50), which the recorded print pages use."""
    t = load_template(ROOT / "templates" / "gd-dept-overall")
    d = read_draft(ROOT / "samples" / "gd-huadu-xinfang-2021.json")
    groups = max(1, rows // 10)
    per = rows // groups
    # 10-point rows in place of the sample's own 履职效能 rows, with 履职效能 and full marks
    # grown to hold them: the weights add up, so the total is never held at full marks and
    # moves with every score typed ("1" → "10" moves it by 9).
    weight = Decimal(10) if fit else Decimal("0.5")
    duty = next(n for n in t.indicators if n.id == "duty")
    extra = weight * per * groups
    if fit:
        t = t.model_copy(update={"full_marks": t.full_marks - duty.weight + extra, "indicators": [
            n.model_copy(update={"weight": extra}) if n is duty else n for n in t.indicators]})
    d.extra_indicators = {"duty": []}
    for g in range(groups):
        kids = []
        for i in range(per):
            rid = f"r{g}_{i}"
            rule = RULES[i % len(RULES)]
            target = {"ratio": "≥100件", "inverse_ratio": "≤5%", "qualitative": "定性", "manual": "≥95%"}[rule]
            kids.append(IndicatorDef(id=rid, name=f"指标{g}-{i}", weight=weight, target=target, rule=RuleSpec(type=rule)))
            d.indicators[rid] = IndicatorEntry(actual=str(90 + i % 20), score=str(weight),
                                               band="达成" if rule == "qualitative" else None,
                                               note="偏差原因" if i % 3 == 0 else "")
        d.extra_indicators["duty"].append(IndicatorDef(id=f"g{g}", name=f"任务{g}", weight=weight * per, children=kids))
    return t, d


def timed(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    base_t = load_template(ROOT / "templates" / "gd-dept-overall")
    base_d = read_draft(ROOT / "samples" / "gd-huadu-xinfang-2021.json")
    t, d = synthetic(args.rows)
    session = Session(t, d)
    leaf = next(n for n in session.result.scores.nodes.values() if n.leaf and n.rule == "manual" and n.id.startswith("r"))
    values = ["1", "2"]
    counter = iter(range(10**9))

    rows = [
        ("evaluate, sample (16 indicators) — baseline", timed(lambda: evaluate(base_t, base_d), args.repeat)),
        (f"evaluate, {args.rows} indicators", timed(lambda: evaluate(t, d), args.repeat)),
        (f"Session.set one score, {args.rows} indicators",
         timed(lambda: session.set(f"indicators.{leaf.id}.score", values[next(counter) % 2]), args.repeat)),
    ]
    print(f"{'what':<48}{'median ms':>10}")
    for name, ms in rows:
        print(f"{name:<48}{ms:>10.2f}")
    print(f"goal: recompute at {args.rows} indicators under 5 ms; ratio to baseline {rows[1][1] / rows[0][1]:.1f}×")


if __name__ == "__main__":
    main()

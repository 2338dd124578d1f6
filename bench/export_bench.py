"""Export time per format (Word if exporters.word exists, Excel, PDF) for the
sample and for synthetic drafts of 100 and 300 indicators, so growth with the
number of indicators is visible. Prints figures; asserts nothing.

    python bench/export_bench.py [--repeat 5]

Times are the median of --repeat runs of exporters.api.export_bytes (render
context + layout + bytes) with the scores already computed; the first call
of each format, which pays for imports and (PDF) the Qt application and font
database, is shown on its own.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from core.evaluate import evaluate  # noqa: E402
from core.registry import load_template  # noqa: E402
from core.store import read_draft  # noqa: E402
from exporters.api import export_bytes  # noqa: E402
from scoring_bench import synthetic  # noqa: E402  (the sample with N rows under 履职效能)

FIXED = 10          # the sample's own 管理效能 and 加分项 leaves, kept in every synthetic draft


def timed(fn, repeat: int) -> tuple[float, float]:
    """(first call, median of the following `repeat` calls), in milliseconds."""
    start = time.perf_counter()
    fn()
    first = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return first, statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    formats = (["docx"] if importlib.util.find_spec("exporters.word") else []) + ["xlsx", "pdf"]
    template = load_template(ROOT / "templates" / "gd-dept-overall")
    sample = read_draft(ROOT / "samples" / "gd-huadu-xinfang-2021.json")
    cases = [("sample", template, sample)]
    for rows in (100, 300):
        t, d = synthetic(rows - FIXED)
        cases.append((str(rows), t, d))
    cases = [(name, t, d, evaluate(t, d)) for name, t, d in cases]
    counts = {name: len([n for n in r.scores.nodes.values() if n.leaf]) for name, _, _, r in cases}

    print(f"export time, median of {args.repeat} (ms); indicators: "
          + ", ".join(f"{n}={c}" for n, c in counts.items()))
    print(f"{'format':6} {'first call':>11} " + " ".join(f"{n:>9}" for n in counts)
          + f" {'ms/ind@100':>11} {'ms/ind@300':>11} {'300/100':>8}")
    totals = dict.fromkeys(counts, 0.0)
    for fmt in formats:
        first = None
        medians = {}
        for name, t, d, r in cases:
            cold, warm = timed(lambda: export_bytes(fmt, t, d, r), args.repeat)
            first = cold if first is None else first
            medians[name] = warm
            totals[name] += warm
        per = {n: medians[n] / counts[n] for n in ("100", "300")}
        print(f"{fmt:6} {first:11.0f} " + " ".join(f"{medians[n]:9.0f}" for n in counts)
              + f" {per['100']:11.2f} {per['300']:11.2f} {medians['300'] / medians['100']:8.2f}")
    print(f"{'all':6} {'':11} " + " ".join(f"{totals[n]:9.0f}" for n in counts)
          + f"   (300/100 indicators = {counts['300'] / counts['100']:.2f}: linear growth gives the same ratio)")
    print(f"cpus: {os.cpu_count()}")


if __name__ == "__main__":
    main()

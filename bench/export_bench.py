"""Export time per format (Word, Excel, PDF) for the sample and for synthetic
drafts of 100 to 5,000 indicators, so growth with the number of indicators is
visible. Prints figures; asserts nothing.

    python bench/export_bench.py [--repeat 3] [--sizes 100,1000,2000,5000]

Times are the median of --repeat interleaved rounds (every size and format
once per round, so a busy moment on a shared machine hurts all alike) of
exporters.api.export_bytes (render context + layout + bytes) with the scores
already computed. The first call of each format, which pays for imports and
(PDF) the Qt application and font database, is shown on its own. Ratios in
the same run: PDF ÷ xlsx per size (goal ≤ 1.5 at 1,000 and 5,000), and each
format's time per indicator ÷ its time per indicator at the smallest size
(flat, 1.00 ± 0.25, when the time grows linearly).
"""

from __future__ import annotations

import argparse
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
import exporters.api  # noqa: E402
from exporters.api import export_bytes  # noqa: E402
from scoring_bench import synthetic  # noqa: E402  (the sample with N rows under 履职效能)

FIXED = 10          # the sample's own 管理效能 and 加分项 leaves, kept in every synthetic draft
FORMATS = ("docx", "xlsx", "pdf")
PDF_GOAL = 1.5


CPU: dict = {}      # (format, size) → CPU ms of each call: on a shared machine wall time counts the others too


def clock(fn, key=None) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    if key is not None:
        CPU.setdefault(key, []).append((time.process_time() - cpu) * 1000)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="100,1000,2000,5000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    # The program refuses a PDF beyond PDF_MAX_ROWS table rows (exporters/api.py); the
    # bench lifts the limit to time the same pipeline at every size.
    limits = exporters.api.PDF_MAX_ROWS, exporters.api.PDF_MAX_TEXT
    exporters.api.PDF_MAX_ROWS = exporters.api.PDF_MAX_TEXT = 10**9

    template = load_template(ROOT / "templates" / "gd-dept-overall")
    cases = [("sample", template, read_draft(ROOT / "samples" / "gd-huadu-xinfang-2021.json"))]
    cases += [(str(n), *synthetic(n - FIXED)) for n in sizes]
    cases = [(name, t, d, evaluate(t, d)) for name, t, d in cases]
    counts = {name: sum(1 for n in r.scores.nodes.values() if n.leaf) for name, _, _, r in cases}

    first = {fmt: clock(lambda: export_bytes(fmt, *cases[0][1:])) for fmt in FORMATS}
    times = {(fmt, name): [] for fmt in FORMATS for name in counts}
    for _ in range(args.repeat):
        for name, t, d, r in cases:
            for fmt in FORMATS:
                times[fmt, name].append(clock(lambda: export_bytes(fmt, t, d, r), (fmt, name)))
    med = {key: statistics.median(v) for key, v in times.items()}

    print(f"export time, median of {args.repeat} interleaved rounds (ms); indicators: "
          + ", ".join(f"{n}={c}" for n, c in counts.items()))
    print(f"{'format':6} {'first call':>11} " + " ".join(f"{n:>8}" for n in counts))
    for fmt in FORMATS:
        print(f"{fmt:6} {first[fmt]:11.0f} " + " ".join(f"{med[fmt, n]:8.0f}" for n in counts))
    base = str(sizes[0])
    print(f"time per indicator (ms/ind) at each size, and ÷ the same at {base} (flat = 1.00 ± 0.25); "
          "beside it per added indicator, (t(N) − t(sample)) ÷ (N − 16), which leaves out the fixed cost")
    for fmt in FORMATS:
        per = {n: med[fmt, n] / counts[n] for n in map(str, sizes)}
        added = {n: (med[fmt, n] - med[fmt, "sample"]) / (counts[n] - counts["sample"]) for n in map(str, sizes)}
        print(f"{fmt:6} per-indicator " + " ".join(f"{n}:{per[n]:.2f}/{per[n] / per[base]:.2f}" for n in per)
              + "   per-added " + " ".join(f"{n}:{added[n]:.2f}/{added[n] / added[base]:.2f}" for n in added))
    print(f"pdf ÷ xlsx (goal ≤ {PDF_GOAL} at 1000 and 5000) "
          + " ".join(f"{n}:{med['pdf', n] / med['xlsx', n]:.2f}" for n in counts))
    cpu = {key: statistics.median(v) for key, v in CPU.items()}
    print("CPU time of the same calls (ms, median): " + "; ".join(
        f"{fmt} " + " ".join(f"{n}:{cpu[fmt, n]:.0f}" for n in counts) for fmt in FORMATS))
    print("pdf ÷ xlsx by CPU time " + " ".join(f"{n}:{cpu['pdf', n] / cpu['xlsx', n]:.2f}" for n in counts))
    print(f"cpus: {os.cpu_count()}  load: {os.getloadavg()[0]:.1f}  (the program refuses a PDF beyond "
          f"{limits[0]:,} table rows or {limits[1]:,} characters; lifted here)")


if __name__ == "__main__":
    main()

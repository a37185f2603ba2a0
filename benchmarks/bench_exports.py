"""Export benchmarks: `python benchmarks/bench_exports.py [--repeat N] [--evidence N]`.

Times each map and report export of the generated case (5 hypotheses × 5,000 evidence items,
one analyst, 50 explicit links of which a fifth are undercuts, about 500 sources) and prints
the median wall time per format with its ratio to the Argdown CLI parsing the exported map
(`argdown json`, Node start included), measured in the same run. Target (issue 5): at most
2 s per format. Never used as a timed assertion in tests.

The drawings (svg, png, pdf, and the reports' inline map) show the 60 (reports: 40) items
that push hardest on a hypothesis: Graphviz needs minutes to lay out thousands of items.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import synthetic_case_dict

from claimmap.formats.registry import EXPORTS
from claimmap.model.document import CaseDocument

ROOT = Path(__file__).resolve().parent.parent
FORMATS = list(EXPORTS)  # every format `claimmap export` offers
TARGET_S = 2.0
ARGDOWN = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "argdown"


def timed(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--evidence", type=int, default=5000)
    parser.add_argument("--formats", nargs="*", default=FORMATS)
    args = parser.parse_args()

    data = synthetic_case_dict(seed=1, hypotheses=5, evidence=args.evidence, analysts=1, links=50)
    doc = CaseDocument.model_validate(data)
    print(
        f"case: {len(doc.hypotheses)} hypotheses × {len(doc.evidence)} evidence items, "
        f"1 analyst, {len(doc.links)} links, {len(doc.sources)} sources; "
        f"median of {args.repeat} runs"
    )
    EXPORTS["dot"].render(doc)  # warm up: imports, and the first DF-QuAD solve

    baseline = None
    if ARGDOWN.exists():
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "case.argdown"
            path.write_bytes(EXPORTS["argdown"].render(doc))
            command = [str(ARGDOWN), "json", str(path), "--stdout", "--silent"]

            def parse() -> None:
                subprocess.run(command, capture_output=True, check=True)

            baseline = timed(parse, args.repeat)
        print(f"baseline: the Argdown CLI parses the exported map in {baseline:.2f} s")
    else:
        print("baseline: the Argdown CLI is not installed (bash .ci/run installs it)")

    print(f"{'format':<10} {'seconds':>8} {'× Argdown CLI':>14} {'bytes':>11}  target {TARGET_S} s")
    for name in args.formats:
        fmt = EXPORTS[name]
        size = len(fmt.render(doc))
        seconds = timed(lambda fmt=fmt: fmt.render(doc), args.repeat)
        ratio = f"{seconds / baseline:13.2f}×" if baseline else f"{'—':>14}"
        verdict = "ok" if seconds <= TARGET_S else "MISSED"
        print(f"{name:<10} {seconds:8.2f} {ratio} {size:11,}  {verdict}")


if __name__ == "__main__":
    main()

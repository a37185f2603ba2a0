"""Spreadsheet and PARC ACH benchmarks:
`python benchmarks/bench_tables.py [--hypotheses 50 --evidence 5000 --analysts 5 --repeat 3]`.

Times the csv, xlsx and achz exports (document -> bytes, as `claimmap export` renders them) and
the csv and achz imports (bytes -> validated document, as `claimmap import` parses them) on
the shared synthetic case. Each figure is the best of --repeat runs; the target is 2 s per
export. Validating the document itself (the import's floor) is shown as a baseline, and each
import is checked to give back the exported matrix, or the timing would mean nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import synthetic_case

from claimmap.formats.registry import EXPORTS, IMPORTS
from claimmap.model.document import CaseDocument

TARGET = 2.0


def _best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Best wall-clock time of `repeat` runs (and the CPU time of that run, in CPU_TIMES)."""
    best, value = float("inf"), None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        value = fn()
        took = time.perf_counter() - start
        if took < best:
            best = took
            CPU_TIMES[id(fn)] = time.process_time() - cpu
    return best, value


CPU_TIMES: dict[int, float] = {}


def _cells(doc: CaseDocument) -> dict[tuple[str, str], str]:
    return {(e.id, h): c.rating.value for e in doc.evidence for h, c in e.ratings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hypotheses", type=int, default=50)
    parser.add_argument("--evidence", type=int, default=5000)
    parser.add_argument("--analysts", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    data = synthetic_case(
        args.seed, hypotheses=args.hypotheses, evidence=args.evidence, analysts=args.analysts
    ).case_dict()
    doc = CaseDocument.model_validate(data)
    # An import can only be as fast as validating what it read: one analyst's ratings.
    one = {**data, "evidence": [{**e, "ratings_by": {}} for e in data["evidence"]]}
    floor, _ = _best(lambda: CaseDocument.model_validate(one), args.repeat)

    rows = []
    for name in ("csv", "xlsx", "achz"):
        render = lambda n=name: EXPORTS[n].render(doc)  # noqa: E731
        seconds, out = _best(render, args.repeat)
        rows.append((name, "export", seconds, CPU_TIMES[id(render)], len(out)))
        if name in IMPORTS:
            fmt = IMPORTS[name]
            parse = lambda f=fmt, b=out: f.parse(b, f"bench.{f.name}")  # noqa: E731
            seconds, back = _best(parse, args.repeat)
            assert _cells(back) == _cells(doc), f"{name} import differs from the export"
            rows.append((name, "import", seconds, CPU_TIMES[id(parse)], len(out)))

    print(
        f"case: {args.hypotheses} hypotheses × {args.evidence} evidence × {args.analysts} "
        f"analysts; {len(_cells(doc)):,} rated cells in the exported (first analyst's) matrix"
    )
    print(f"baseline: validating that matrix as a document takes {floor * 1000:.0f} ms")
    print(f"{'format':<7}{'step':<8}{'wall':>9}{'cpu':>10}{'size':>10}  target <= {TARGET:.0f} s")
    for name, step, seconds, cpu, size in rows:
        verdict = ("ok" if seconds <= TARGET else "over") if step == "export" else ""
        ratio = f"  ({seconds / floor:.1f}x validation)" if step == "import" else ""
        print(
            f"{name:<7}{step:<8}{seconds * 1000:>6.0f} ms{cpu * 1000:>7.0f} ms"
            f"{size / 1e6:>7.2f} MB  {verdict}{ratio}"
        )


if __name__ == "__main__":
    main()

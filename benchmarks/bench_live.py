"""Live updates in a real terminal: how soon a colleague's rating shows in an open TUI, and
what an idle TUI costs while it watches.

The 5,000-item case (50x5000x5) is opened with `claimmap open` in a tmux pane of 120 x 36. A
colleague process (another Python process with its own Store, started once) rates cells that
are on screen, one at a time; right after each rating has committed it takes a timestamp
(`time.monotonic()`, the same clock in every process on Linux). Edits are made at random
moments (0-1 s apart), so they fall anywhere in the TUI's polling cycle. This runner polls the pane
with `capture-pane` until the cell shows the new value and takes the difference. Reported:
median and maximum over the edits (never the best), on SQLite and, given `--pg URL` (a
database the case can be imported into), on PostgreSQL.

Then the TUI is left alone for `--idle` seconds while it watches, and the CPU time it used in
that span (utime + stime from /proc/PID/stat) is reported as a percentage of one core.

The colleague rates as the case's own analyst (on PostgreSQL: the same login), since the
matrix shows that analyst's layer.

    python benchmarks/bench_live.py [--edits 50] [--idle 60] [--pg postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_tui import cell, matrix_shown
from harness import CLAIMMAP, PYTHON, REPO, Tmux, clean_env, fmt_s, load_average, run_measured
from sizes import SIZES, Prepared, prepare

# The colleague: reads "case evidence hypothesis value" lines, rates, and answers with the
# monotonic time just after the commit.
COLLEAGUE = """
import sys, time
from claimmap.store.case_store import Store
store = Store.open(sys.argv[1])
print("ready", flush=True)
for line in sys.stdin:
    case, ev, hyp, value = line.split()
    store.rate(int(case), ev, hyp, value)
    print(time.monotonic(), flush=True)
"""


@dataclass
class LiveResult:
    engine: str
    latencies: list[float] = field(default_factory=list)
    idle_cpu_percent: float = 0.0
    idle_seconds: float = 0.0


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process, in seconds (fields 14 and 15 of /proc/PID/stat)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()
    ticks = int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def case_id(db: str, slug: str, env: dict[str, str]) -> int:
    out = subprocess.run(
        [PYTHON, "-c", "import sys\nfrom claimmap.store.case_store import Store\n"
         "print(Store.open(sys.argv[1]).case_id(sys.argv[2]))", db, slug],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    return int(out.stdout.strip())


def one_engine(engine: str, db: str, case: Prepared, edits: int, idle: float) -> LiveResult:
    env = clean_env(CLAIMMAP_DB=db, TERM="xterm-256color")
    run_measured([CLAIMMAP, "--db", db, "import", "--replace", str(case.json_file)], env)
    number = case_id(db, case.slug, env)
    result = LiveResult(engine)
    term = Tmux(env)
    colleague = subprocess.Popen(
        [PYTHON, "-c", COLLEAGUE, db],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=REPO,
    )  # fmt: skip
    assert colleague.stdin is not None and colleague.stdout is not None
    try:
        assert colleague.stdout.readline().strip() == "ready"
        term.start([CLAIMMAP, "--db", db, "open", case.slug])
        term.wait_for(matrix_shown(case), limit=300)
        term.settle(0.5)
        pid = term.pane_pid()
        cells = [(ev, h) for ev in case.evidence_ids[:5] for h in case.hypothesis_ids[:3]]
        for k in range(edits):
            ev, hyp = cells[k % len(cells)]
            # at a random moment: sent straight after the last repaint, every edit would land
            # at the same point of the TUI's polling cycle and measure that point, not the cycle
            time.sleep(random.uniform(0.0, 1.0))
            current = cell(term.screen(), ev, hyp)
            value = "II" if current != "II" else "CC"
            colleague.stdin.write(f"{number} {ev} {hyp} {value}\n")
            colleague.stdin.flush()
            committed = float(colleague.stdout.readline())
            term.wait_for(lambda t, e=ev, h=hyp, v=value: cell(t, e, h) == v, limit=60)
            result.latencies.append(time.monotonic() - committed)
        term.settle(1.0)
        start_cpu, start = cpu_seconds(pid), time.monotonic()
        time.sleep(idle)
        used, spent = cpu_seconds(pid) - start_cpu, time.monotonic() - start
        result.idle_cpu_percent = 100 * used / spent
        result.idle_seconds = spent
        term.quit()
    finally:
        colleague.stdin.close()
        colleague.wait(timeout=30)
        term.close()
    return result


def report(results: list[LiveResult], size: str, edits: int) -> list[str]:
    targets = {"sqlite": 1.0, "postgresql": 0.3}
    lines = [
        f"Live updates, {size} case, {edits} colleague ratings each (load {load_average()})",
        "",
        "| engine | median | max | target (median) | idle CPU (% of one core) | target |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        median, worst = statistics.median(r.latencies), max(r.latencies)
        ok = "met" if median < targets[r.engine] else "MISSED"
        idle_ok = "met" if r.idle_cpu_percent < 2 else "MISSED"
        lines.append(
            f"| {r.engine} | {fmt_s(median)} | {fmt_s(worst)} | < {fmt_s(targets[r.engine])} "
            f"{ok} | {r.idle_cpu_percent:.2f}% over {r.idle_seconds:.0f} s | < 2% {idle_ok} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--idle", type=float, default=60.0)
    parser.add_argument("--size", default="50x5000x5", choices=list(SIZES))
    parser.add_argument("--pg", help="a PostgreSQL URL to measure on as well")
    parser.add_argument("--seed", type=int, default=1, help="for the moments edits are made")
    args = parser.parse_args()
    random.seed(args.seed)
    results = []
    with tempfile.TemporaryDirectory(prefix="claimmap-bench-live-") as tmp:
        case = prepare(SIZES[args.size], Path(tmp) / args.size)
        results.append(
            one_engine("sqlite", str(Path(tmp) / "live.db"), case, args.edits, args.idle)
        )
        if args.pg:
            results.append(one_engine("postgresql", args.pg, case, args.edits, args.idle))
    print("\n".join(report(results, args.size, args.edits)))


if __name__ == "__main__":
    main()

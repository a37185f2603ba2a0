"""Memory over a session that goes back to the case list and opens the case again.

In a real terminal (a tmux pane of 120 x 36), for each size: `claimmap open CASE`, then every
tab shown (keys 2, 3, 4, 5, each until its content is on screen, then 1), back to the case
list (q), and the case opened again from the list (enter), VISITS times. After each return to
the list the process's resident memory (VmRSS) is read, and its peak (VmHWM) at the end. The
baseline is the first visit's: a session that keeps every case it has left grows by about a
case a visit, one that lets go stays near its first figure.

    python benchmarks/bench_revisit.py [--sizes hts 50x5000x5] [--visits 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_tui import matrix_shown, tab_tests
from harness import CLAIMMAP, Tmux, clean_env, peak_rss_mb, run_measured, status_mb
from sizes import SIZES, Prepared, Size, prepare

# the case list is on screen: its title, and no matrix
LIST_SHOWN = "claimmap — cases"


@dataclass
class RevisitResult:
    size: str
    rss_mb: list[float] = field(default_factory=list)  # after each return to the list
    peak_mb: float = 0.0


def one_size(case: Prepared, folder: Path, visits: int) -> RevisitResult:
    db = folder / "revisit.db"
    env = clean_env(CLAIMMAP_DB=str(db), TERM="xterm-256color")
    if not db.exists():
        run_measured([CLAIMMAP, "import", str(case.json_file)], env)
    shown = matrix_shown(case)
    tabs = tab_tests(case)
    result = RevisitResult(case.size.name)
    term = Tmux(env)
    try:
        term.start([CLAIMMAP, "open", case.slug])
        term.wait_for(shown)
        pid = term.pane_pid()
        for _ in range(visits):
            for name in ("Items", "Map", "Scores"):
                key, test = tabs[name]
                term.press(key, test)
            term.keys("5")  # the Method tab: drawn once the screen stops changing
            term.settle(0.5, limit=60)
            term.keys("1")
            term.settle()
            term.press("q", lambda t: LIST_SHOWN in t and not shown(t))
            term.settle(0.5, limit=60)  # whatever follows leaving (a pause's work) is done
            result.rss_mb.append(status_mb(pid, "VmRSS"))
            term.press("Enter", shown)
        term.settle()
        result.peak_mb = peak_rss_mb(pid)
        term.quit()
    finally:
        term.close()
    return result


def table(results: list[RevisitResult]) -> list[str]:
    out = [
        "| size | visits | RSS after each return to the list | growth a visit (median, from the "
        "2nd) | baseline: after the 1st | peak RSS |",
        "|---|---|---|---|---|---|",
    ]
    for res in results:
        steps = [b - a for a, b in zip(res.rss_mb[1:], res.rss_mb[2:], strict=False)]
        growth = f"{statistics.median(steps):+.0f} MB" if steps else "-"
        after = ", ".join(f"{mb:.0f}" for mb in res.rss_mb)
        out.append(
            f"| {res.size} | {len(res.rss_mb)} | {after} MB | {growth} | "
            f"{res.rss_mb[0]:.0f} MB | {res.peak_mb:.0f} MB |"
        )
    return out


def bench(sizes: list[Size], folder: Path, visits: int) -> list[RevisitResult]:
    return [one_size(prepare(s, folder / s.name), folder / s.name, visits) for s in sizes]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="*", default=["hts", "50x5000x5"], choices=list(SIZES))
    parser.add_argument("--visits", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimmap-revisit-") as tmp:
        results = bench([SIZES[s] for s in args.sizes], Path(tmp), args.visits)
    print("\n".join(table(results)))


if __name__ == "__main__":
    main()

"""Terminal-interface benchmarks, in a real terminal: a tmux pane of 120 x 36.

For each size, interleaved with a bare Textual app showing one label (tui_bare_app.py, the
baseline, started the same way in the same pane):

- `claimmap open CASE`, from the program's start until the matrix is on screen: the header
  with the hypotheses, the first evidence row's ratings and the first hypothesis's label
  (never a placeholder such as "Opening the database…");
- then rating keystrokes on the cell under the cursor (E1 x H1), each timed from the key sent
  until the screen shows that cell's new value; the first key is reported on its own, beside
  the median and the maximum of all of them;
- then the Items, Map and Scores tabs (keys 2, 3, 4), each from the key until its content is
  on screen (Scores: the deterministic scores, told by the tab's note naming the evidence
  count, not by its headings, which are there at once; "smallest flips" is when the search
  for what would change the answer is done, "Monte Carlo" when the chances arrive);
- peak RSS (the process's VmHWM just before ctrl+q) and the garbage collector's pauses
  (CLAIMMAP_GC_LOG, written by claimmap/tui/gc_watch.py: the longest, and how many >= 50 ms).

On HTS also `claimmap demo` on a brand-new database (created, migrated, sample imported),
interleaved with bare-app runs of its own, which are its ratio's baseline.
The screen is read with `capture-pane` every few ms: figures carry that much resolution.

    python benchmarks/bench_tui.py [--sizes hts 12x300x1 50x5000x5] [--quick]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import CLAIMMAP, HERE, PYTHON, Runs, Tmux, clean_env, fmt_s, peak_rss_mb, run_measured
from sizes import SIZES, Prepared, Size, prepare

BARE = str(HERE / "tui_bare_app.py")
BARE_MARKER = "bare textual app is ready"
KEY_FOR = {"CC": "C", "C": "c", "N": "n", "I": "i", "II": "I", "NA": "N"}


@dataclass
class TuiResult:
    size: str
    bare: Runs = field(default_factory=Runs)
    matrix: Runs = field(default_factory=Runs)
    new_db: Runs = field(default_factory=Runs)
    bare_new: Runs = field(default_factory=Runs)  # the bare app, interleaved with `new_db`
    first_key: Runs = field(default_factory=Runs)
    keys: Runs = field(default_factory=Runs)
    tabs: dict[str, Runs] = field(default_factory=dict)
    gc_max_ms: float = 0.0
    gc_max_during: str = ""  # the step of the session the longest pause fell in
    gc_over_50: int = 0
    gc_total: int = 0


def cell(text: str, evidence: str, hypothesis: str) -> str | None:
    """The rating shown for evidence x hypothesis, by the column of the hypothesis's header."""
    lines = text.splitlines()
    header = next(
        (ln for ln in lines if ln.startswith("id ") and f" {hypothesis} " in f"{ln} "), None
    )
    if header is None:
        return None
    col = re.search(rf"(?<= ){re.escape(hypothesis)}(?= |$)", header)
    row = next((ln for ln in lines if ln.split()[:1] == [evidence]), None)
    if col is None or row is None:
        return None
    # the cell sits somewhere under its header (they are centred): read up to the next one
    nxt = re.search(r" H\d+(?= |$)", header[col.end() :])
    end = col.end() + nxt.start() if nxt else col.start() + 10
    words = row[col.start() : end].split()
    return words[0] if words else None


def matrix_shown(case: Prepared) -> Callable[[str], bool]:
    ev, hyp = case.evidence_ids[0], case.hypothesis_ids[0]
    label = case.hypothesis_labels[0][:12]

    def test(text: str) -> bool:
        return "ratings:" in text and label in text and cell(text, ev, hyp) is not None

    return test


def tab_tests(case: Prepared) -> dict[str, tuple[str, Callable[[str], bool]]]:
    n_ev = len(case.evidence_ids)
    first = case.evidence_ids[0]
    return {
        "Items": (
            "2",
            lambda t: f"evidence ({n_ev})" in t and re.search(rf"\b{first}\b", t) is not None,
        ),
        # a node's "strength 0.53", not the tab's hint (which speaks of strengths)
        "Map": (
            "3",
            lambda t: (
                re.search(r"strength \d\.\d\d", t) is not None and case.hypothesis_ids[0] in t
            ),
        ),
        # The tab's headings are there at once; its note names the evidence count when the
        # scores are in, stops saying "searching" when the smallest flips are, and names the
        # draws when the Monte Carlo chances are.
        "Scores": ("4", lambda t: "evidence items; analyst" in t),
        "Scores: smallest flips": (
            "",
            lambda t: "evidence items; analyst" in t and "flips: searching" not in t,
        ),
        "Scores: Monte Carlo": ("", lambda t: "draws, seed" in t),
    }


def read_gc(path: Path, result: TuiResult, steps: list[tuple[float, str]]) -> None:
    """The pauses logged (`generation ms unix-time`, see claimmap/tui/gc_watch.py); `steps`
    are (unix time, name) of each step of the session, so the longest pause is placed."""
    if not path.exists():
        return
    pauses = [line.split() for line in path.read_text().splitlines() if line.strip()]
    result.gc_total += len(pauses)
    for _, ms, at in ((p[0], float(p[1]), float(p[2])) for p in pauses):
        if ms > result.gc_max_ms:
            result.gc_max_ms = ms
            result.gc_max_during = next((n for t, n in reversed(steps) if t <= at), "start")
        result.gc_over_50 += ms >= 50
    path.unlink()


def bare_app(term: Tmux) -> float:
    """One run of the baseline: the bare Textual app, from its start until its label shows."""
    start = term.start([PYTHON, BARE])
    seen = term.wait_for(lambda t: BARE_MARKER in t)
    term.quit()
    return seen - start


def one_size(case: Prepared, folder: Path, runs: int, keys: int) -> TuiResult:
    db = folder / "work.db"
    # No CLAIMMAP_ANALYST: the interface rates as the user, and the matrix shows the case's own
    # analyst, so a keystroke by anyone else would never change the cell on screen.
    env = clean_env(CLAIMMAP_DB=str(db), TERM="xterm-256color")
    if not db.exists():
        run_measured([CLAIMMAP, "import", str(case.json_file)], env)
    gc_log = folder / "gc.log"
    result = TuiResult(case.size.name)
    shown = matrix_shown(case)
    ev, hyp = case.evidence_ids[0], case.hypothesis_ids[0]
    term = Tmux(env)
    try:
        for i in range(-1, runs):  # run -1 warms the page cache and is not counted
            order = ("bare", "claimmap") if i % 2 else ("claimmap", "bare")
            for which in order:
                if which == "bare":
                    took = bare_app(term)
                    if i >= 0:
                        result.bare.add(took)
                    continue
                steps = [(time.time(), "open")]
                start = term.start([CLAIMMAP, "open", case.slug], {"CLAIMMAP_GC_LOG": str(gc_log)})
                seen = term.wait_for(shown)
                pid = term.pane_pid()
                counted = i >= 0
                if counted:
                    result.matrix.add(seen - start, peak_rss_mb(pid))
                current = cell(term.screen(), ev, hyp)
                steps.append((time.time(), "keystrokes"))
                for k in range(keys):
                    value = ("II", "CC")[k % 2] if current != "II" else ("CC", "II")[k % 2]
                    took = term.press(KEY_FOR[value], lambda t, v=value: cell(t, ev, hyp) == v)
                    if counted:
                        (result.first_key if k == 0 else result.keys).add(took)
                    term.settle(0.1)  # the next key after this one has landed (untimed)
                for name, (key, test) in tab_tests(case).items():
                    if key:
                        term.settle()
                        sent = time.perf_counter()
                    steps.append((time.time(), f"tab {name}"))
                    # a step without a key of its own is measured from the previous tab's key
                    took = term.press(key, test) if key else term.wait_for(test, limit=120) - sent
                    if counted:
                        result.tabs.setdefault(name, Runs()).add(took)
                rss = peak_rss_mb(pid)
                if counted:
                    result.matrix.rss_mb[-1] = rss
                steps.append((time.time(), "quit"))
                term.quit()
                if counted:
                    read_gc(gc_log, result, steps)
                else:
                    gc_log.unlink(missing_ok=True)
        if case.size.name == "hts":
            # interleaved with runs of the bare app of their own, the ratio taken against
            # those: these come minutes after the others, and this host's speed drifts
            for i in range(runs):
                for which in ("bare", "demo") if i % 2 else ("demo", "bare"):
                    if which == "bare":
                        result.bare_new.add(bare_app(term))
                        continue
                    fresh = folder / f"new-{i}.db"
                    start = term.start([CLAIMMAP, "--db", str(fresh), "demo"])
                    seen = term.wait_for(shown)
                    result.new_db.add(seen - start, peak_rss_mb(term.pane_pid()))
                    term.quit()
    finally:
        term.close()
    return result


def table(results: list[TuiResult]) -> list[str]:
    out = [
        "| size | what | median | max | first | peak RSS | baseline | baseline median | ratio | target | |",
        "|" + "---|" * 11,
    ]

    def row(size: str, what: str, r: Runs, base: Runs | None, target: str, ok: bool | None) -> None:
        ratio = f"{r.median / base.median:.1f}x" if base and base.seconds else ""
        verdict = "" if ok is None else ("pass" if ok else "FAIL")
        out.append(
            f"| {size} | {what} | {fmt_s(r.median)} | {fmt_s(r.max)} | {fmt_s(r.first)} | "
            f"{r.peak_mb:.0f} MB | {'bare Textual app' if base else ''} | "
            f"{fmt_s(base.median) if base else ''} | {ratio} | {target} | {verdict} |"
        )

    for res in results:
        big = res.size == "50x5000x5"
        if not res.matrix.seconds:
            continue
        ratio = res.matrix.median / res.bare.median
        if big:
            row(res.size, "open: matrix shown", res.matrix, res.bare, "<= 2 s, < 400 MB",
                res.matrix.median <= 2 and res.matrix.peak_mb < 400)  # fmt: skip
        elif res.size == "hts":
            row(res.size, "open: matrix shown", res.matrix, res.bare, "<= 2x", ratio <= 2)
        else:
            row(res.size, "open: matrix shown", res.matrix, res.bare, "", None)
        if res.new_db.seconds:
            ok = res.new_db.median / res.bare_new.median <= 2.5
            row(res.size, "demo, new database: matrix shown", res.new_db, res.bare_new,
                "<= 2.5x", ok)  # fmt: skip
        row(res.size, "first keystroke -> cell shown", res.first_key, None, "<= 100 ms",
            res.first_key.max <= 0.1)  # fmt: skip
        if res.keys.seconds:
            row(res.size, "later keystrokes -> cell shown", res.keys, None, "<= 100 ms",
                res.keys.max <= 0.1)  # fmt: skip
        for name, runs in res.tabs.items():
            limit, target = None, ""
            if big and name in ("Items", "Map", "Scores"):
                limit, target = 1.0, "<= 1 s"
            elif res.size == "hts" and name == "Scores: smallest flips":
                # the report: the scores and what would change the answer
                limit, target = 0.1, "<= 100 ms"
            row(res.size, f"tab {name} shown", runs, None, target,
                runs.max <= limit if limit else None)  # fmt: skip
        out.append(
            f"| {res.size} | GC pauses (whole session) | {res.gc_total} collections | "
            f"longest {res.gc_max_ms:.0f} ms ({res.gc_max_during}) | | | | | | <= 50 ms each | "
            f"{'pass' if res.gc_max_ms <= 50 else 'FAIL'} ({res.gc_over_50} >= 50 ms) |"
        )
    return out


def bench(sizes: list[Size], folder: Path, quick: bool) -> list[TuiResult]:
    results = []
    for size in sizes:
        big = size.name == "50x5000x5"
        runs = (1 if big else 2) if quick else (2 if big else 5)
        case = prepare(size, folder / size.name)
        results.append(one_size(case, folder / size.name, runs, 4 if quick else 8))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="*", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimmap-bench-") as tmp:
        results = bench([SIZES[s] for s in args.sizes], Path(tmp), args.quick)
    print("\n".join(table(results)))


if __name__ == "__main__":
    main()

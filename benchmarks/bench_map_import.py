"""Map import benchmark: `python benchmarks/bench_map_import.py [--repeat N]`.

Imports the largest real Argdown example in tests/fixtures/argdown and, when
CLAIMMAP_AIF_MAPS names the folder holding them (tests/fixtures/README.md), the largest
published AIF map, and prints median wall times and peak memory:

* `claimmap import` and `claimmap validate` as a user runs them, from process start to the
  answer (both read, convert and validate the whole map; `import` also stores it, in a
  temporary database);
* the same file's baseline in the same run: for Argdown, the Argdown CLI's own parse
  (`argdown json FILE --stdout`, Node start included), which claimmap runs inside its
  import; for AIF, Python's `json.loads` of the file;
* claimmap's own conversion alone (CLI JSON or AIF JSON -> validated case), in process,
  with its peak Python memory (tracemalloc).

Peak memory of a whole command is its maximum resident set from wait4; for an Argdown file
Linux reports the largest of claimmap and the Node child it waited for. Never used as a
timed assertion in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimmap.formats.aif_read import read_aif
from claimmap.formats.argdown_cli import argdown_program
from claimmap.formats.argdown_read import case_from_argdown

ROOT = Path(__file__).resolve().parent.parent
CLAIMMAP = ROOT / ".venv" / "bin" / "claimmap"


def timed(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def run(command: list[str], repeat: int) -> tuple[float, float]:
    """Median wall seconds of a command and its peak resident memory in MiB."""
    peak = 0.0

    def once() -> None:
        nonlocal peak
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not all children's
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise SystemExit(f"{command[0]} failed with exit code {child.returncode}")
        peak = max(peak, usage.ru_maxrss / 1024)

    return timed(once, repeat), peak


def in_process(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    seconds = timed(fn, repeat)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / (1024 * 1024)


def largest(paths: list[Path]) -> Path:
    return max(paths, key=lambda p: p.stat().st_size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    program = argdown_program()
    if program is None:
        raise SystemExit("the Argdown CLI is missing: bash .ci/run installs it")

    argdown = largest(
        [p for p in (ROOT / "tests/fixtures/argdown").glob("*.argdown") if "lexer" not in p.name]
    )
    print(f"{argdown.name}: {argdown.stat().st_size:,} bytes; median of {args.repeat} runs")
    db = str(Path(tempfile.mkdtemp(prefix="claimmap-bench-")) / "bench.db")
    stored, stored_mem = run(
        [str(CLAIMMAP), "--db", db, "import", "--replace", str(argdown)], args.repeat
    )
    ours, ours_mem = run([str(CLAIMMAP), "validate", str(argdown)], args.repeat)
    base, base_mem = run([program, "json", str(argdown), "--stdout"], args.repeat)
    model = json.loads(
        subprocess.run(
            [program, "json", str(argdown), "--stdout", "--silent"], capture_output=True
        ).stdout
    )
    convert, convert_mem = in_process(lambda: case_from_argdown(model, argdown.name), args.repeat)
    print(f"  claimmap import        {stored:7.3f} s  peak {stored_mem:6.1f} MiB (with Node)")
    print(f"  claimmap validate      {ours:7.3f} s  peak {ours_mem:6.1f} MiB (with Node)")
    print(f"  argdown json (baseline){base:7.3f} s  peak {base_mem:6.1f} MiB")
    print(f"  ratio                  {ours / base:7.2f}×")
    print(f"  conversion alone       {convert:7.4f} s  peak {convert_mem:6.1f} MiB (Python)")

    folder = os.environ.get("CLAIMMAP_AIF_MAPS")
    maps = list(Path(folder).glob("*.json")) if folder else []
    if not maps:
        print("AIF: set CLAIMMAP_AIF_MAPS to the folder of the published maps to measure them")
        return
    aif = largest(maps)
    data = aif.read_bytes()
    print(f"{aif.name}: {len(data):,} bytes")
    stored, stored_mem = run(
        [str(CLAIMMAP), "--db", db, "import", "--replace", "-f", "aif", str(aif)], args.repeat
    )
    ours, ours_mem = run([str(CLAIMMAP), "validate", "-f", "aif", str(aif)], args.repeat)
    base, _ = in_process(lambda: json.loads(data), args.repeat)
    convert, convert_mem = in_process(lambda: read_aif(data, aif.name), args.repeat)
    print(f"  claimmap import        {stored:7.3f} s  peak {stored_mem:6.1f} MiB")
    print(f"  claimmap validate      {ours:7.3f} s  peak {ours_mem:6.1f} MiB")
    print(f"  json.loads (baseline)  {base:7.4f} s")
    print(f"  reading alone          {convert:7.4f} s  peak {convert_mem:6.1f} MiB (Python)")
    print(f"  ratio reading/json     {convert / base:7.1f}×")


if __name__ == "__main__":
    main()

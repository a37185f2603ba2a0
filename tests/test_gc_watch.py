"""The benchmarks' garbage-collector log: one line per collection, only when asked for."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

SCRIPT = (
    "import gc\n"
    "from claimmap.tui.gc_watch import watch_from_env\n"
    "watch_from_env()\n"
    "watch_from_env()\n"  # a second app in the same process must not log twice
    "gc.collect()\n"
    "print(len(gc.callbacks))\n"
)


def run(env: dict[str, str]) -> int:
    """Runs the script; returns how many gc callbacks it ended with."""
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, check=True, capture_output=True, text=True
    )
    return int(out.stdout)


def test_each_collection_is_logged_once_with_its_generation_duration_and_time(
    tmp_path: Path,
) -> None:
    log = tmp_path / "gc.log"
    before = time.time()
    assert run({**os.environ, "CLAIMMAP_GC_LOG": str(log)}) == 1
    after = time.time()
    lines = [line.split() for line in log.read_text().splitlines()]
    assert ["2"] in [line[:1] for line in lines], lines  # the explicit full collection
    assert all(len(line) == 3 and float(line[1]) >= 0 for line in lines), lines
    assert all(before <= float(line[2]) <= after for line in lines), lines


def test_nothing_is_written_without_the_variable(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CLAIMMAP_GC_LOG"}
    assert run({**env, "HOME": str(tmp_path)}) == 0
    assert list(tmp_path.iterdir()) == []

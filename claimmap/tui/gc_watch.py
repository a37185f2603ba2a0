"""Garbage-collector pauses, logged for the benchmarks when CLAIMMAP_GC_LOG names a file.

Each collection appends one line, `generation milliseconds unix-time`, to that file: the time
tells which step of a session a pause belongs to. Off unless asked for: `gc.callbacks` costs
a Python call per collection.
"""

from __future__ import annotations

import gc
import os
import time
from typing import Any

_watching: list[str] = []  # the file already watched: one hook per process


def watch_from_env() -> None:
    path = os.environ.get("CLAIMMAP_GC_LOG")
    if not path or _watching:
        return
    _watching.append(path)
    log = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - open for the run
    started: list[float] = []

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[:] = [time.perf_counter()]
        elif started:
            took = (time.perf_counter() - started[0]) * 1000
            log.write(f"{info['generation']} {took:.3f} {time.time():.3f}\n")

    gc.callbacks.append(on_gc)
